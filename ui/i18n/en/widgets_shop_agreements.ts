<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>ShopAgreements</name>
    <message numerus="yes">
        <location filename="../../widgets/shop_agreements.py" line="141" />
        <source>%n month(s) paid</source>
        <translation>
            <numerusform>%n month paid</numerusform><numerusform>%n months paid</numerusform></translation>
    </message>
</context>
</TS>