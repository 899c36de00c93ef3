<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ShopPage</name>
    <message numerus="yes">
        <location filename="../../pages/shop.py" line="496"/>
        <source>Relationship (%n contacts)</source>
        <translation>
            <numerusform>Relationship (%n contact)</numerusform>
            <numerusform>Relationship (%n contacts)</numerusform>
        </translation>
    </message>
</context>
</TS>
