<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitFields</name>
    <message>
        <location filename="../../widgets/visit_fields.py" line="106" />
        <source>1 = distant, 5 = close. Now: %1. Recorded for the owner at check-out.</source>
        <translation>1 = 生疏，5 = 亲密。当前：%1。签退时记入店主客情。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="110" />
        <source>1 = distant, 5 = close.</source>
        <translation>1 = 生疏，5 = 亲密。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="179" />
        <source>Checklist</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="180" />
        <source>Relationship with the owner</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="181" />
        <source>Next actions</source>
        <translation>下一步行动</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../widgets/visit_fields.py" line="41" />
        <source>Display</source>
        <translation>陈列</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="42" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="43" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="46" />
        <source>Competitors</source>
        <translation>竞品</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="50" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="56" />
        <source>What we talked about</source>
        <translation>聊了什么</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="60" />
        <source>Level after this visit</source>
        <translation>拜访后客情等级</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_fields.py" line="75" />
        <source>What, and by when</source>
        <translation>做什么、何时完成</translation>
    </message>
</context>
</TS>