<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../widgets/chain_card.py" line="25" />
        <source>Event kind</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="26" />
        <source>Events</source>
        <translation>活动数</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="27" />
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="28" />
        <source>Revenue (30 days)</source>
        <translation>销售额（30 天）</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="29" />
        <source>Revenue per ¥</source>
        <translation>每元回报</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="30" />
        <source>Attendees</source>
        <translation>到场人数</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="31" />
        <source>Converted KOCs</source>
        <translation>转化 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="77" />
        <source>B→KOC→C: experienced → pushed → ordered</source>
        <extracomment>The card's product changed: the dashboard computes the chain again.</extracomment>
        <translation>B→KOC→C：体验 → 推送 → 下单</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="128" />
        <source>%1 cloud-store orders not attributed yet</source>
        <translation>%1 笔云店订单尚未归属</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="134" />
        <source>KOCs</source>
        <translation>KOC 数</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="145" />
        <source>Experienced</source>
        <translation>已体验</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="146" />
        <source>Pushed</source>
        <translation>已推送</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="147" />
        <source>Ordered</source>
        <translation>已下单</translation>
    </message>
    <message>
        <location filename="../../widgets/chain_card.py" line="162" />
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
</context>
</TS>