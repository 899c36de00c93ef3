<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <location filename="../../pages/review.py" line="715"/>
        <location filename="../../pages/review.py" line="824"/>
        <location filename="../../pages/review.py" line="868"/>
        <source>%n visits waiting</source>
        <translation>
            <numerusform>%n visit waiting</numerusform>
            <numerusform>%n visits waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/review.py" line="797"/>
        <source>Approve %n selected</source>
        <translation>
            <numerusform>Approve %n selected</numerusform>
            <numerusform>Approve %n selected</numerusform>
        </translation>
    </message>
</context>
</TS>
