<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitFooter</name>
    <message>
        <location filename="../../widgets/visit_footer.py" line="45" />
        <source>End:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_footer.py" line="46" />
        <source>Check out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_footer.py" line="47" />
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
</context>
</TS>