<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../first_start.py" line="45"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="48"/>
        <source>There is no data on this computer yet. How would you like to start?</source>
        <translation>这台电脑上还没有数据。您想如何开始？</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="52"/>
        <source>Load demo data (one rep, about 300 shops in Henan)</source>
        <translation>载入演示数据（一名业务员，河南约 300 家门店）</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="54"/>
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="62"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="112"/>
        <source>Loading demo data…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
</TS>
