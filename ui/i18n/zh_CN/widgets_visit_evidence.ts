<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitEvidence</name>
    <message>
        <location filename="../../widgets/visit_evidence.py" line="80"/>
        <source>Evidence: nothing to note.</source>
        <translation>拜访凭证：没有异常。</translation>
    </message>
</context>
</TS>
