<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Ask</name>
    <message>
        <location filename="../../ask.py" line="68" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ask.py" line="69" />
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>