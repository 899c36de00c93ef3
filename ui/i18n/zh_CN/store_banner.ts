<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>StoreBanner</name>
    <message>
        <location filename="../../store_banner.py" line="55" />
        <source>The data file is damaged and cannot be read whole: nothing from it is shown.</source>
        <translation>数据文件已损坏，无法完整读取：不显示其中的任何内容。</translation>
    </message>
    <message>
        <location filename="../../store_banner.py" line="59" />
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
</context>
</TS>