<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>VisitOrder</name>
    <message numerus="yes">
        <location filename="../../widgets/visit_order.py" line="192"/>
        <source>%n lines, total ¥%1</source>
        <extracomment>Item data of the product picker: code, name, pinyin and initials, for matching.</extracomment>
        <translation>
            <numerusform>%n line, total ¥%1</numerusform>
            <numerusform>%n lines, total ¥%1</numerusform>
        </translation>
    </message>
</context>
</TS>
