<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/__init__.py" line="44" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="45" />
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="50" />
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="52" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="53" />
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="54" />
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="56" />
        <source>Counties</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="62" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="65" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="67" />
        <source>Shop</source>
        <translation>门店详情</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="69" />
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="71" />
        <source>KOC</source>
        <translation>KOC 详情</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="73" />
        <source>Event</source>
        <translation>活动详情</translation>
    </message>
</context>
</TS>