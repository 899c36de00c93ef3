<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventEconomics</name>
    <message>
        <location filename="../../widgets/event_economics.py" line="93" />
        <source>Products used (¥)</source>
        <extracomment>The payback window changed (days): the page reloads the numbers.</extracomment>
        <translation>产品费用（元）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="94" />
        <source>Venue (¥)</source>
        <translation>场地费用（元）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="95" />
        <source>Gifts (¥)</source>
        <translation>礼品费用（元）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="96" />
        <source>Other costs (¥)</source>
        <translation>其他费用（元）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="102" />
        <source>Bottles supplied</source>
        <translation>供酒（瓶）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="103" />
        <source>Bottles opened</source>
        <translation>开瓶（瓶）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="104" />
        <source>Bottles returned</source>
        <translation>退回（瓶）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="105" />
        <source>Tables</source>
        <translation>桌数</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="121" />
        <source>Occasion</source>
        <translation>宴席类型</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="128" />
        <source>The family or person hosting</source>
        <translation>办宴的家庭或个人</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="132" />
        <source>Scans</source>
        <translation>扫码数</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="127" />
        <source>Host (another person)</source>
        <translation>主家（其他人）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="273" />
        <source>Costs, bottles and tables</source>
        <translation>费用、用酒与桌数</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="274" />
        <source>Banquet</source>
        <translation>宴席</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="275" />
        <source>Supplying shop</source>
        <translation>供货门店</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="277" />
        <source>Host (KOC or owner)</source>
        <translation>主家（KOC 或店主）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="279" />
        <source>What it paid back</source>
        <translation>活动回报</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="280" />
        <source>Orders within (days)</source>
        <translation>订单统计天数</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="282" />
        <source>Attendees</source>
        <translation>到场人数</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="283" />
        <source>KOCs found</source>
        <translation>发现 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="284" />
        <source>Pushes within 7 days</source>
        <translation>7 天内社群推送</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="285" />
        <source>Orders within 30 / 60 / 90 days</source>
        <translation>30 / 60 / 90 天内订单</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="286" />
        <source>Revenue</source>
        <translation>销售额</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="287" />
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="288" />
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="289" />
        <source>Cost per converted KOC</source>
        <translation>每转化 KOC 成本</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="290" />
        <source>Revenue per ¥ spent</source>
        <translation>每投入 1 元的销售额</translation>
    </message>
    <message>
        <location filename="../../widgets/event_economics.py" line="296" />
        <source>Orders of attendees and of their groups, attributed by referrer code, a consenting KOC's phone or the group's name; conversion is attendees who ordered or whose groups ordered, divided by attendees.</source>
        <translation>统计到场者及其社群的订单，按推荐码、已同意的 KOC 手机号或群名称归属；转化率 = 本人或其社群下单的到场者 ÷ 到场人数。</translation>
    </message>
</context>
<context>
    <name>SupplierPicker</name>
    <message>
        <location filename="../../widgets/event_economics.py" line="54" />
        <source>Supplying shop: %1</source>
        <translation>供货门店：%1</translation>
    </message>
</context>
</TS>