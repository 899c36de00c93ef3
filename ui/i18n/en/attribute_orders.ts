<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AttributeOrdersDialog</name>
    <message numerus="yes">
        <location filename="../../attribute_orders.py" line="134" />
        <source>%n orders with neither a KOC nor a group.</source>
        <translation>
            <numerusform>1 order with neither a KOC nor a group.</numerusform><numerusform>%n orders with neither a KOC nor a group.</numerusform></translation>
    </message>
</context>
</TS>