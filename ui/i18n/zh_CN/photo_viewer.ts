<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../photo_viewer.py" line="74" />
        <source>This photo cannot be shown: %1</source>
        <translation>这张照片无法显示：%1</translation>
    </message>
</context>
</TS>