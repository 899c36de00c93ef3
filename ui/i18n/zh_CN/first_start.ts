<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../first_start.py" line="50" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="53" />
        <source>There is no data on this computer yet. How would you like to start?</source>
        <translation>这台电脑上还没有数据。您想如何开始？</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="57" />
        <source>Load demo data (one rep, about 150 shops in Henan)</source>
        <translation>载入演示数据（一名业务员，河南约 150 家门店）</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="59" />
        <source>Start empty</source>
        <translation>从空白开始</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="67" />
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="70" />
        <source>as your colleagues know you, e.g. 李娜</source>
        <translation>同事们怎么称呼你，例如 李娜</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="72" />
        <source>Province you work in</source>
        <translation>你负责的省份</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="75" />
        <source>Choose a province</source>
        <translation>选择省份</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="79" />
        <source>Your counties (tick one or more)</source>
        <translation>你负责的区县（可多选）</translation>
    </message>
    <message>
        <location filename="../../first_start.py" line="189" />
        <source>Loading demo data…</source>
        <translation>正在载入演示数据…</translation>
    </message>
</context>
</TS>