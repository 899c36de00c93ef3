<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../widgets/interaction_row.py" line="83"/>
        <source>What kind of contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../widgets/interaction_row.py" line="85"/>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../widgets/interaction_row.py" line="87"/>
        <source>What was talked about; Enter saves</source>
        <translation>聊了什么；按回车保存</translation>
    </message>
    <message>
        <location filename="../../widgets/interaction_row.py" line="90"/>
        <source>Relationship level after this contact</source>
        <translation>这次联系后的客情等级</translation>
    </message>
    <message>
        <location filename="../../widgets/interaction_row.py" line="92"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
</TS>
