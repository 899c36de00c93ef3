<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QProgressDialog</name>
    <message>
        <location filename="../../tasks.py" line="163"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
