<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlanSide</name>
    <message>
        <location filename="../../widgets/plan_side.py" line="88" />
        <source>never visited</source>
        <translation>从未拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="90" />
        <source>last %1</source>
        <translation>上次 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="94" />
        <source>overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="135" />
        <source>Due on this day's route, not planned (%1)</source>
        <translation>当天线路上到期、未排入（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="138" />
        <source>Events (%1)</source>
        <translation>活动（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="141" />
        <source>Returned by your supervisor (%1)</source>
        <translation>主管退回（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="147" />
        <source>Add a shop</source>
        <translation>加入门店</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="148" />
        <source>Shop name, pinyin, initials or code; Enter adds</source>
        <translation>门店名称、拼音、首字母或编码；回车加入</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_side.py" line="149" />
        <source>Enter or double-click adds the shop to the day</source>
        <translation>回车或双击把门店加入当天计划</translation>
    </message>
</context>
</TS>