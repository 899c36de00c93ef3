<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventHeader</name>
    <message>
        <location filename="../../widgets/event_header.py" line="117" />
        <source>Rep: %1</source>
        <translation>业务员：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="120" />
        <source>Products: %1</source>
        <translation>产品：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="143" />
        <source>Invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="144" />
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="145" />
        <source>Attended</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="146" />
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="147" />
        <source>Expected / places</source>
        <translation>预计到场 / 名额</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="148" />
        <source>Attendance rate</source>
        <translation>到场率</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="149" />
        <source>Average feedback</source>
        <translation>平均反馈</translation>
    </message>
    <message>
        <location filename="../../widgets/event_header.py" line="150" />
        <source>KOCs found</source>
        <translation>发现 KOC</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../widgets/event_header.py" line="65" />
        <source>Events</source>
        <extracomment>The numbers in the header, in order.</extracomment>
        <translation>活动</translation>
    </message>
</context>
</TS>