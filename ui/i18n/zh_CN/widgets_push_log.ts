<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PushLog</name>
    <message>
        <location filename="../../widgets/push_log.py" line="156"/>
        <source>after: %1</source>
        <extracomment>A person who may push: (name shown, KOC id, owner id) — exactly one id set. A push was written (its id).</extracomment>
        <translation>活动后：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="203"/>
        <source>Community pushes</source>
        <translation>社群推送</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="207"/>
        <source>Who pushed</source>
        <translation>推送人</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="208"/>
        <source>Group</source>
        <translation>社群</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="209"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="210"/>
        <source>After the event</source>
        <translation>关联活动</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="211"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="212"/>
        <source>Campaign</source>
        <translation>活动主题</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="213"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="218"/>
        <source>e.g. New Year group order</source>
        <translation>例如：年货团购</translation>
    </message>
    <message>
        <location filename="../../widgets/push_log.py" line="219"/>
        <source>Log push</source>
        <translation>记录推送</translation>
    </message>
</context>
</TS>
