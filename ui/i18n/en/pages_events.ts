<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>EventsPage</name>
    <message numerus="yes">
        <location filename="../../pages/events.py" line="1162" />
        <source>%n events</source>
        <translation>
            <numerusform>%n event</numerusform><numerusform>%n events</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/events.py" line="1164" />
        <source>%n events this week</source>
        <translation>
            <numerusform>%n event this week</numerusform><numerusform>%n events this week</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/events.py" line="1166" />
        <source>%n events this month</source>
        <translation>
            <numerusform>%n event this month</numerusform><numerusform>%n events this month</numerusform></translation>
    </message>
</context>
</TS>