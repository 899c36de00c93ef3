<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ImportOrdersDialog</name>
    <message numerus="yes">
        <location filename="../../exchange.py" line="689" />
        <source>%Ln rows. Check which order field each column holds;</source>
        <translation>
            <numerusform>%Ln row. Check which order field each column holds;</numerusform><numerusform>%Ln rows. Check which order field each column holds;</numerusform></translation>
    </message>
</context>
<context>
    <name>ImportShopsDialog</name>
    <message numerus="yes">
        <location filename="../../exchange.py" line="449" />
        <source>%Ln rows. Check which shop field each column holds;</source>
        <translation>
            <numerusform>%Ln row. Check which shop field each column holds;</numerusform>
            <numerusform>%Ln rows. Check which shop field each column holds;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../exchange.py" line="503" />
        <source>%n columns were not recognised.</source>
        <translation>
            <numerusform>%n column was not recognised.</numerusform>
            <numerusform>%n columns were not recognised.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../exchange.py" line="652" />
        <source>%n rows with problems were left out.</source>
        <translation>
            <numerusform>%n row with problems was left out.</numerusform>
            <numerusform>%n rows with problems were left out.</numerusform>
        </translation>
    </message>
</context>
</TS>