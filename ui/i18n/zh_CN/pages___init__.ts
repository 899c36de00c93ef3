<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/__init__.py" line="38" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="39" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="40" />
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="41" />
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="43" />
        <source>Counties</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="49" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="52" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="54" />
        <source>Shop</source>
        <translation>门店详情</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="56" />
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="58" />
        <source>KOC</source>
        <translation>KOC 详情</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="60" />
        <source>Event</source>
        <translation>活动详情</translation>
    </message>
</context>
</TS>