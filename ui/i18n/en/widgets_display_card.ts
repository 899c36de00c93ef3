<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>DisplayCard</name>
    <message numerus="yes">
        <location filename="../../widgets/display_card.py" line="96" />
        <source>Paid %1 · due %2 (%n month(s) waiting)</source>
        <translation>
            <numerusform>Paid %1 · due %2 (%n agreement-month waiting)</numerusform><numerusform>Paid %1 · due %2 (%n agreement-months waiting)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/display_card.py" line="101" />
        <source>%n promotion(s) today: %1</source>
        <translation>
            <numerusform>%n promotion today: %1</numerusform><numerusform>%n promotions today: %1</numerusform></translation>
    </message>
</context>
</TS>