<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopAssortment</name>
    <message>
        <location filename="../../widgets/shop_assortment.py" line="104" />
        <source>(by rule)</source>
        <translation>（按规则）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_assortment.py" line="106" />
        <source>(taken off the rule)</source>
        <translation>（本店不经营）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_assortment.py" line="108" />
        <source>(added for this shop)</source>
        <translation>（本店增加）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_assortment.py" line="114" />
        <source>Assortment (%1)</source>
        <translation>铺货品项（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_assortment.py" line="119" />
        <source>The SKUs this shop should carry: the team's rules for its channel and tier, changed for this shop by ticking or clearing a box (Space).</source>
        <translation>本店应经营的品项：按团队对其渠道和等级的规则，可勾选或取消（空格键）为本店调整。</translation>
    </message>
</context>
</TS>