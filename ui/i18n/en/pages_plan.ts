<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>PlanPage</name>
    <message numerus="yes">
        <location filename="../../pages/plan.py" line="188" />
        <source>%n stop(s)</source>
        <translation>
            <numerusform>%n stop</numerusform><numerusform>%n stops</numerusform></translation>
    </message>
</context>
</TS>