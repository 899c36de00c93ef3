<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttributeOrdersDialog</name>
    <message>
        <location filename="../../attribute_orders.py" line="110" />
        <source>Reading the orders…</source>
        <translation>正在读取订单…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../attribute_orders.py" line="134" />
        <source>%n orders with neither a KOC nor a group.</source>
        <translation>
            <numerusform>%n 个订单既无 KOC 也无社群。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="136" />
        <source>Every order is attributed.</source>
        <translation>所有订单都已归属。</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="159" />
        <source>KOC: %1</source>
        <translation>KOC：%1</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="168" />
        <source>Group: %1</source>
        <translation>社群：%1</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="199" />
        <source>Order %1 attributed to %2.</source>
        <translation>订单 %1 已归属到 %2。</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="213" />
        <source>Orders not attributed</source>
        <translation>未归属的订单</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="216" />
        <source>No rule attributes these cloud-store orders (no referrer code, consenting KOC's phone or group name matched). Choose an order, find the KOC or the group behind it, and attach it: yours comes before every rule.</source>
        <translation>这些云店订单没有任何规则能归属（推荐码、已同意 KOC 的手机号、群名都没有匹配）。选一个订单，找到它背后的 KOC 或社群，归属即可：手工归属优先于所有规则。</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="222" />
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="222" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="222" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="222" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="224" />
        <source>KOC or group</source>
        <translation>KOC 或社群</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="225" />
        <source>Name, phone or pinyin of a KOC; a group's name</source>
        <translation>KOC 的姓名、电话或拼音；社群名称</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="226" />
        <source>Attach</source>
        <translation>归属</translation>
    </message>
    <message>
        <location filename="../../attribute_orders.py" line="227" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
</TS>