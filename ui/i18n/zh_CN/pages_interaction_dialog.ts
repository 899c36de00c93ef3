<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>InteractionDialog</name>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="38" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="40" />
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="42" />
        <source>Note</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="45" />
        <source>Level after (1–5)</source>
        <translation>之后的客情等级（1–5）</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="99" />
        <source>Delete interaction</source>
        <translation>删除互动记录</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="101" />
        <source>Delete this interaction from the timeline? The owner's relationship level is then taken from the interactions that are left.</source>
        <translation>从时间线删除这条互动记录吗？店主的客情等级将按剩下的记录重新计算。</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="127" />
        <source>Interaction with the owner</source>
        <translation>与店主的互动</translation>
    </message>
    <message>
        <location filename="../../pages/interaction_dialog.py" line="128" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
</TS>