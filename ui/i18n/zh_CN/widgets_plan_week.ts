<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlanWeek</name>
    <message>
        <location filename="../../widgets/plan_week.py" line="74" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_week.py" line="76" />
        <source>%1 planned · %2 due</source>
        <translation>计划 %1 · 到期 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_week.py" line="83" />
        <source>1 event</source>
        <translation>活动 1 场</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_week.py" line="85" />
        <source>%1 events</source>
        <translation>活动 %1 场</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_week.py" line="88" />
        <source>Stops planned, shops due on this day's route, events.</source>
        <translation>计划站数、当天线路上到期门店数、活动数。</translation>
    </message>
</context>
</TS>