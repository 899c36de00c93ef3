<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/counties.py" line="71" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="74" />
        <source>KOCs / target</source>
        <translation>KOC / 目标</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="78" />
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="79" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="81" />
        <source>Shops covered</source>
        <translation>已覆盖门店</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="85" />
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
</context>
<context>
    <name>CountiesPage</name>
    <message>
        <location filename="../../pages/counties.py" line="240" />
        <location filename="../../pages/counties.py" line="312" />
        <location filename="../../pages/counties.py" line="320" />
        <location filename="../../pages/counties.py" line="373" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="284" />
        <source>Choose a county to set its KOC target.</source>
        <translation>选择一个区县来设置它的 KOC 目标。</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="286" />
        <source>KOC target for %1:</source>
        <translation>%1 的 KOC 目标：</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="336" />
        <source>%1 active KOCs against a target of %2 · %3 of %4 shops covered</source>
        <translation>活跃 KOC %1 位，目标 %2 位 · 已覆盖门店 %3 / %4 家</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="356" />
        <source>all counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="357" />
        <source>KOC stage funnel: %1</source>
        <translation>KOC 阶段漏斗：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="361" />
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="367" />
        <source>Conversion to the next stage: %1</source>
        <translation>阶段转化率：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="374" />
        <source>KOCs</source>
        <translation>KOC 数</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="375" />
        <source>Set target</source>
        <translation>设置目标</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/counties.py" line="138" />
        <source>Counties</source>
        <translation>区县</translation>
    </message>
</context>
</TS>