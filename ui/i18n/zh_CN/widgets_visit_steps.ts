<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitSteps</name>
    <message>
        <location filename="../../widgets/visit_steps.py" line="56" />
        <source>Not checked in yet</source>
        <translation>尚未签到</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="59" />
        <source>Checked in at %1</source>
        <translation>%1 签到</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="65" />
        <source>Checked out at %1</source>
        <translation>%1 签退</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="104" />
        <source>Checked out at %1.</source>
        <translation>已于 %1 签退。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="134" />
        <source>Some fields are marked in red. Correct them before submitting.</source>
        <translation>有红字提示的内容，请先改正再提交。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="143" />
        <source>Submitted for review.</source>
        <translation>已提交审核。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="162" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_steps.py" line="163" />
        <source>Check in</source>
        <translation>签到</translation>
    </message>
</context>
</TS>