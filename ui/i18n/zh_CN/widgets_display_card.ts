<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../widgets/display_card.py" line="23" />
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="24" />
        <source>Agreements</source>
        <translation>协议数</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="25" />
        <source>Computed ¥</source>
        <translation>核算 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="26" />
        <source>Paid ¥</source>
        <translation>已核销 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="27" />
        <source>Due ¥</source>
        <translation>待审批 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="28" />
        <source>Months waiting</source>
        <translation>待审批月数</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="29" />
        <source>This month so far ¥</source>
        <translation>本月至今 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="71" />
        <source>Display payouts (陈列费用) and promotions</source>
        <extracomment>Head office's promotions valid today: (name, last day or None).</extracomment>
        <translation>陈列费用核销与促销</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="114" />
        <source>Paid</source>
        <translation>已核销</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="118" />
        <source>Due</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="120" />
        <source>This month so far</source>
        <translation>本月至今</translation>
    </message>
</context>
<context>
    <name>DisplayCard</name>
    <message numerus="yes">
        <location filename="../../widgets/display_card.py" line="96" />
        <source>Paid %1 · due %2 (%n month(s) waiting)</source>
        <translation>
            <numerusform>已核销 %1 · 待审批 %2（%n 个协议月待审批）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/display_card.py" line="101" />
        <source>%n promotion(s) today: %1</source>
        <translation>
            <numerusform>今日促销 %n 个：%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/display_card.py" line="105" />
        <source>No promotion today</source>
        <translation>今日无促销</translation>
    </message>
</context>
</TS>