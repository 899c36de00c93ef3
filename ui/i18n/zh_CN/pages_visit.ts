<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/visit.py" line="59"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../pages/visit.py" line="326"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
</TS>
