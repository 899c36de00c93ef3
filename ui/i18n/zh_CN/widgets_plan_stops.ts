<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlanStops</name>
    <message>
        <location filename="../../widgets/plan_stops.py" line="51"/>
        <source>#</source>
        <extracomment>&quot;done&quot;, &quot;in&quot; (checked in), &quot;late&quot;, &quot;nowhere&quot; (no coordinates) or &quot;&quot;.</extracomment>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="52"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="53"/>
        <source>Arrival</source>
        <translation>到达</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="56"/>
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="60"/>
        <source>Open</source>
        <translation>营业时间</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="61"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="65"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="67"/>
        <source>Late: closes before the visit ends</source>
        <translation>迟到：拜访结束前已关门</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="68"/>
        <source>No coordinates: placed last</source>
        <translation>无坐标，排在最后</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="225"/>
        <source>Move up</source>
        <extracomment>(the stop moved, the stop whose place it takes)</extracomment>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="226"/>
        <source>Ctrl+Up</source>
        <translation>Ctrl+↑</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="227"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="228"/>
        <source>Ctrl+Down</source>
        <translation>Ctrl+↓</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="229"/>
        <source>Remove stop</source>
        <translation>移出计划</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="230"/>
        <source>Delete</source>
        <translation>Delete 键</translation>
    </message>
    <message>
        <location filename="../../widgets/plan_stops.py" line="231"/>
        <source>Open visit</source>
        <translation>打开拜访</translation>
    </message>
</context>
</TS>
