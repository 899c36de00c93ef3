<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ScopeSwitch</name>
    <message>
        <location filename="../../scope.py" line="60" />
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../scope.py" line="61" />
        <source>Whole team</source>
        <translation>全团队</translation>
    </message>
</context>
</TS>