<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../widgets/chart_card.py" line="241"/>
        <source>Chart</source>
        <extracomment>Chart series colours (the theme&apos;s accent and state colours). The cards&apos; colours (white cards with a thin border on a light grey page).</extracomment>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_card.py" line="243"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_card.py" line="248"/>
        <source>Show the chart</source>
        <translation>显示图表</translation>
    </message>
    <message>
        <location filename="../../widgets/chart_card.py" line="250"/>
        <source>Show the numbers</source>
        <translation>显示数据表</translation>
    </message>
</context>
</TS>
