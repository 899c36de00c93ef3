<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="27" />
        <source>%1% off</source>
        <translation>%1% 折扣</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="30" />
        <source>buy %1 get %2</source>
        <translation>买 %1 送 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="40" />
        <source>No list price for this product</source>
        <translation>此产品没有标准价</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="41" />
        <source>List ¥%1</source>
        <translation>标准价 ¥%1</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="45" />
        <source> → ¥%1 × %2 = ¥%3</source>
        <translation> → ¥%1 × %2 = ¥%3</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="51" />
        <source>(+%1 free)</source>
        <translation>（赠 %1）</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="108" />
        <source>No promotion today</source>
        <translation>今天没有促销</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="115" />
        <source>from %1</source>
        <translation>%1 起</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_promotions.py" line="120" />
        <source>Promotions today: %1</source>
        <translation>今日促销：%1</translation>
    </message>
</context>
</TS>