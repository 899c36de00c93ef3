<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../shelf_card.py" line="22"/>
        <source>SKU</source>
        <translation>单品</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="23"/>
        <source>Shops audited</source>
        <translation>检查门店</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="24"/>
        <location filename="../../shelf_card.py" line="98"/>
        <source>Numeric distribution</source>
        <translation>数值铺货率</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="25"/>
        <source>Weighted distribution</source>
        <translation>加权铺货率</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="26"/>
        <source>Out of stock</source>
        <translation>断货率</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="27"/>
        <source>Share of shelf</source>
        <translation>排面占比</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="28"/>
        <source>Price disorder</source>
        <translation>乱价</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="42"/>
        <source>Distribution (铺货率)</source>
        <translation>铺货率</translation>
    </message>
    <message>
        <location filename="../../shelf_card.py" line="90"/>
        <source>%1 SKUs audited</source>
        <translation>已检查 %1 个单品</translation>
    </message>
</context>
</TS>
