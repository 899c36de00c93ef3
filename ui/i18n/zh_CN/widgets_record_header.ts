<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RecordHeader</name>
    <message>
        <location filename="../../widgets/record_header.py" line="21"/>
        <source>All changes saved</source>
        <extracomment>The save states a page reports, as the words shown.</extracomment>
        <translation>已全部保存</translation>
    </message>
    <message>
        <location filename="../../widgets/record_header.py" line="22"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../widgets/record_header.py" line="23"/>
        <source>Not saved: correct the marked fields</source>
        <translation>未保存：请修改标红的内容</translation>
    </message>
</context>
</TS>
