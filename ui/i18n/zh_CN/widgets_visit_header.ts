<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../widgets/visit_header.py" line="42"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>VisitHeader</name>
    <message>
        <location filename="../../widgets/visit_header.py" line="90"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="92"/>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="98"/>
        <source>Owner %1, relationship level %2</source>
        <translation>店主 %1，客情等级 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="105"/>
        <source>No owner on record</source>
        <translation>尚未登记店主</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="107"/>
        <source>Planned for %1</source>
        <translation>计划日期 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="120"/>
        <source>Your supervisor approved this visit. It can no longer be changed.</source>
        <translation>主管已通过这次拜访，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="126"/>
        <source>This visit was submitted for review. It can no longer be changed.</source>
        <translation>这次拜访已提交审核，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_header.py" line="131"/>
        <source>Returned by your supervisor:</source>
        <translation>主管退回意见：</translation>
    </message>
</context>
</TS>
