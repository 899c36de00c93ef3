<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HostPicker</name>
    <message>
        <location filename="../../widgets/host_picker.py" line="149"/>
        <source>No KOC or owner hosts it.</source>
        <translation>没有 KOC 或店主做主家。</translation>
    </message>
    <message>
        <location filename="../../widgets/host_picker.py" line="151"/>
        <source>Host KOC: %1</source>
        <translation>主家 KOC：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/host_picker.py" line="151"/>
        <source>Host owner: %1</source>
        <translation>主家店主：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/host_picker.py" line="156"/>
        <source>A KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/host_picker.py" line="157"/>
        <source>A shop owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../widgets/host_picker.py" line="158"/>
        <source>Find by name, phone or pinyin</source>
        <translation>按姓名、电话或拼音查找</translation>
    </message>
    <message>
        <location filename="../../widgets/host_picker.py" line="159"/>
        <source>Not this host</source>
        <translation>不是此主家</translation>
    </message>
</context>
</TS>
