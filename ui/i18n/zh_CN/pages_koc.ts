<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../pages/koc.py" line="360"/>
        <source>No KOC selected</source>
        <translation>未选择 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="361"/>
        <source>Open a KOC from the KOC list.</source>
        <translation>请从 KOC 列表中打开一位 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="369"/>
        <source>%1 of 20</source>
        <translation>%1 / 20</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/koc.py" line="92"/>
        <source>KOC</source>
        <extracomment>Tables whose changes (made elsewhere) the page shows.</extracomment>
        <translation>KOC 详情</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="104"/>
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
</context>
</TS>
