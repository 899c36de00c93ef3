<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../main_window.py" line="113"/>
        <location filename="../../main_window.py" line="167"/>
        <source>fieldapp</source>
        <translation>深度分销助手</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="155"/>
        <source>All changes saved on this computer; %1 waiting to sync</source>
        <translation>所有修改已保存在本机；%1 项等待同步</translation>
    </message>
</context>
</TS>
