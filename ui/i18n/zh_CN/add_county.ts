<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddCountyDialog</name>
    <message>
        <location filename="../../add_county.py" line="38"/>
        <source>Add a county</source>
        <translation>添加区县</translation>
    </message>
    <message>
        <location filename="../../add_county.py" line="51"/>
        <source>Pick the county from the list, or type its name if it is not there.</source>
        <translation>从列表中选择区县；列表里没有的，直接输入名称。</translation>
    </message>
    <message>
        <location filename="../../add_county.py" line="59"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../../add_county.py" line="60"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../add_county.py" line="61"/>
        <source>Prefecture</source>
        <translation>地市</translation>
    </message>
    <message>
        <location filename="../../add_county.py" line="111"/>
        <source>%1 is already in the list.</source>
        <translation>%1 已在列表中。</translation>
    </message>
</context>
</TS>
