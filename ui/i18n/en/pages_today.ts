<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <location filename="../../pages/today.py" line="105"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/today.py" line="109"/>
        <source>Quiet for %n days</source>
        <translation>
            <numerusform>Quiet for %n day</numerusform>
            <numerusform>Quiet for %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
