<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopSkuHistory</name>
    <message>
        <location filename="../../shop_sku_history.py" line="37" />
        <source>Shelf (%1)</source>
        <translation>货架检查（%1）</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="40" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="40" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="46" />
        <source>%1 (price disorder)</source>
        <translation>%1（乱价）</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="62" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="63" />
        <source>SKU</source>
        <translation>单品</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="64" />
        <source>Carried</source>
        <translation>有铺货</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="65" />
        <source>Out of stock</source>
        <translation>断货</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="66" />
        <source>Facings</source>
        <translation>排面数</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="67" />
        <source>Shelf price</source>
        <translation>货架价</translation>
    </message>
    <message>
        <location filename="../../shop_sku_history.py" line="68" />
        <source>List price</source>
        <translation>标准价</translation>
    </message>
</context>
</TS>