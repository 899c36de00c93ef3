<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Duplicates</name>
    <message>
        <location filename="../../duplicates.py" line="22" />
        <source>same mobile %1</source>
        <translation>手机号相同 %1</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="26" />
        <source>same phone %1</source>
        <translation>电话相同 %1</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="28" />
        <source>%1 m away</source>
        <translation>相距 %1 米</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="31" />
        <source>a name that sounds the same</source>
        <translation>名称读音相同或相近</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="40" />
        <source>This KOC may already be recorded:</source>
        <translation>这位 KOC 可能已经录入过：</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="42" />
        <source>This shop may already be recorded:</source>
        <translation>这家门店可能已经录入过：</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="49" />
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="52" />
        <source>Create it anyway</source>
        <translation>仍然新建</translation>
    </message>
    <message>
        <location filename="../../duplicates.py" line="53" />
        <source>Do not create it</source>
        <translation>不新建</translation>
    </message>
</context>
</TS>