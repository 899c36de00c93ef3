<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../pages/dashboard.py" line="419"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="418"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="160"/>
        <location filename="../../pages/dashboard.py" line="424"/>
        <source>Whole team</source>
        <extracomment>The &quot;as of today&quot; half with the filters it was computed for. The &quot;as of today&quot; half the cards show now. The period&apos;s parts of the refresh under way, as they arrive.</extracomment>
        <translation>全体业务员</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="165"/>
        <location filename="../../pages/dashboard.py" line="426"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="232"/>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="355"/>
        <source>Could not compute the numbers.</source>
        <translation>无法计算数据。</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="363"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="420"/>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="431"/>
        <source>Last %1 weeks</source>
        <translation>最近 %1 周</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/dashboard.py" line="84"/>
        <source>Team</source>
        <extracomment>Periods offered: the last N weeks up to today. How much of the store file a worker&apos;s connection may map into memory (address space, not RAM: the pages are the OS&apos;s file cache). The names the page keeps for its cards (its tests use them). New numbers are on the cards.</extracomment>
        <translation>团队</translation>
    </message>
</context>
</TS>
