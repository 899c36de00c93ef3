<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>PlanWeek</name>
    <message numerus="yes">
        <location filename="../../widgets/plan_week.py" line="80" />
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform><numerusform>%n events</numerusform></translation>
    </message>
</context>
</TS>