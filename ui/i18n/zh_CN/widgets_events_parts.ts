<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../widgets/events_parts.py" line="89" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="90" />
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="91" />
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="92" />
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="93" />
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="94" />
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="95" />
        <source>+ New event</source>
        <translation>+ 新建活动</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="130" />
        <source>dddd, d MMMM</source>
        <translation>M月d日 dddd</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="139" />
        <source>invited %1, confirmed %2</source>
        <translation>已邀请 %1，已确认 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="168" />
        <source>No events on this day</source>
        <translation>这一天没有活动</translation>
    </message>
    <message>
        <location filename="../../widgets/events_parts.py" line="172" />
        <source>New event on this day</source>
        <translation>在这一天新建活动</translation>
    </message>
</context>
</TS>