<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>UndoBar</name>
    <message>
        <location filename="../../undo.py" line="87" />
        <source>Undo (%1 s)</source>
        <extracomment>How long a step waits for an undo. The pending step was dropped.</extracomment>
        <translation>撤销（%1 秒）</translation>
    </message>
</context>
</TS>