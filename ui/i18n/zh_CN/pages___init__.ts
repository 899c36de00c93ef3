<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/__init__.py" line="48" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="49" />
        <source>Plan</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="50" />
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="51" />
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="56" />
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="58" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="59" />
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="60" />
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="62" />
        <source>Counties</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="68" />
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="71" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="73" />
        <source>Shop</source>
        <translation>门店详情</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="75" />
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="77" />
        <source>KOC</source>
        <translation>KOC 详情</translation>
    </message>
    <message>
        <location filename="../../pages/__init__.py" line="79" />
        <source>Event</source>
        <translation>活动详情</translation>
    </message>
</context>
</TS>