<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../widgets/koc_relations.py" line="180" />
        <source>Pushes (%1)</source>
        <translation>社群推送（%1）</translation>
    </message>
</context>
</TS>