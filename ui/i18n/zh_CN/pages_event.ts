<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../pages/event.py" line="369"/>
        <source>Pick the supplying shop from the list, or clear it.</source>
        <translation>请从列表中选择供货门店，或清空。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="374"/>
        <source>Pick the venue shop from the list, or clear it.</source>
        <translation>请从列表中选择场地门店，或清空该栏。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="512"/>
        <source>This event no longer exists.</source>
        <translation>这个活动已不存在。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="515"/>
        <source>Details</source>
        <translation>活动信息</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="516"/>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="517"/>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="518"/>
        <source>Outcomes</source>
        <translation>活动成果</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="519"/>
        <source>Economics</source>
        <translation>投入产出</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/event.py" line="149"/>
        <source>Event</source>
        <extracomment>The names the page keeps for its parts&apos; widgets (its tests and keyboard use them). The tables the page shows rows of: a change elsewhere reloads it.</extracomment>
        <translation>活动详情</translation>
    </message>
</context>
</TS>
