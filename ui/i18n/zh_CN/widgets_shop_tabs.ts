<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="48"/>
        <location filename="../../widgets/shop_tabs.py" line="63"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="49"/>
        <location filename="../../widgets/shop_tabs.py" line="66"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="51"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="53"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="56"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="57"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="58"/>
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="59"/>
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="60"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="64"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="65"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="67"/>
        <source>Attended</source>
        <translation>到场</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="29"/>
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="44"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="170"/>
        <source>No visits to this shop yet.</source>
        <translation>还没有拜访过这家门店。</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="171"/>
        <location filename="../../widgets/shop_tabs.py" line="177"/>
        <source>Start visit</source>
        <translation>开始拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="174"/>
        <source>No KOCs found here yet: note the ones you meet on a visit.</source>
        <translation>这里还没有发现 KOC：拜访时记下遇到的人。</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="180"/>
        <source>No events held here yet.</source>
        <translation>这里还没有办过活动。</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="181"/>
        <source>Plan an event</source>
        <translation>安排活动</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="186"/>
        <source>Visits (%1)</source>
        <translation>拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="187"/>
        <source>KOCs (%1)</source>
        <translation>KOC（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="188"/>
        <source>Events (%1)</source>
        <translation>活动（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_tabs.py" line="189"/>
        <source>Photos (%1)</source>
        <translation>照片（%1）</translation>
    </message>
</context>
</TS>
