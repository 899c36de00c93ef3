<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../pages/conflicts.py" line="31"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="32"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="33"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="34"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="35"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="36"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="37"/>
        <source>Relationship log</source>
        <translation>客情记录</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="41"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="42"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="43"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="45"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="46"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="47"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="48"/>
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="49"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="50"/>
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="51"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="67"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="69"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="81"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="82"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="83"/>
        <source>Value now</source>
        <translation>现在的值</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="84"/>
        <source>Other value</source>
        <translation>另一个值</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="85"/>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="86"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="161"/>
        <source>now: %1 / other: %2</source>
        <translation>现在：%1 / 另一个：%2</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="169"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="228"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="230"/>
        <source>The same field was changed on two computers before they synced. The value now is the one head office kept; choose which one is right.</source>
        <translation>同一字段在两台电脑上同步前都被修改过。现在的值是总部保留的值；请选择哪个是对的。</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="237"/>
        <source>No conflicts. Everything you changed agrees with head office.</source>
        <translation>没有冲突。你的修改与总部一致。</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="241"/>
        <source>Keep this</source>
        <translation>保留此值</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="243"/>
        <source>Keep the value it has now</source>
        <translation>保留现在的值</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="245"/>
        <source>Use the other</source>
        <translation>改用另一个</translation>
    </message>
    <message>
        <location filename="../../pages/conflicts.py" line="247"/>
        <source>Replace it with the other value</source>
        <translation>改用另一个值</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/conflicts.py" line="78"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
</context>
</TS>
