<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitKocs</name>
    <message>
        <location filename="../../widgets/visit_kocs.py" line="168"/>
        <source>KOCs spotted</source>
        <translation>发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_kocs.py" line="174"/>
        <source>Add KOC</source>
        <translation>添加 KOC</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../widgets/visit_kocs.py" line="55"/>
        <source>Name</source>
        <extracomment>The KOC traits: field, short label, what it means (tooltip). (One label set for the traits on every page: ui/labels.py.)</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_kocs.py" line="58"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_kocs.py" line="59"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
</context>
</TS>
