<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Skeleton</name>
    <message>
        <location filename="../../widgets/skeleton.py" line="55" />
        <source>Loading…</source>
        <extracomment>The bars' widths, as shares of the width: a few lines of uneven length.</extracomment>
        <translation>加载中…</translation>
    </message>
</context>
</TS>