<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/counties.py" line="66"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="69"/>
        <source>KOCs / target</source>
        <translation>KOC / 目标</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="73"/>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="74"/>
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="76"/>
        <source>Shops covered</source>
        <translation>已覆盖门店</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="80"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
</context>
<context>
    <name>CountiesPage</name>
    <message>
        <location filename="../../pages/counties.py" line="211"/>
        <location filename="../../pages/counties.py" line="241"/>
        <location filename="../../pages/counties.py" line="249"/>
        <location filename="../../pages/counties.py" line="302"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="265"/>
        <source>%1 active KOCs against a target of %2 · %3 of %4 shops covered</source>
        <translation>活跃 KOC %1 位，目标 %2 位 · 已覆盖门店 %3 / %4 家</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="285"/>
        <source>all counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="286"/>
        <source>KOC stage funnel: %1</source>
        <translation>KOC 阶段漏斗：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="290"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="296"/>
        <source>Conversion to the next stage: %1</source>
        <translation>阶段转化率：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="303"/>
        <source>KOCs</source>
        <translation>KOC 数</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/counties.py" line="133"/>
        <source>Counties</source>
        <translation>区县</translation>
    </message>
</context>
</TS>
