<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>RouteSheet</name>
    <message>
        <location filename="../../route_sheet.py" line="30" />
        <source>Route sheet · %1 · %2</source>
        <translation>路线单 · %1 · %2</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="35" />
        <source>%1 stops · %2 km by road (estimated: straight line × 1.3)</source>
        <translation>%1 站 · 路程约 %2 公里（按直线 × 1.3 估算）</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="42" />
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="43" />
        <source>Arrival</source>
        <translation>到达</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="44" />
        <source>km</source>
        <translation>公里</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="45" />
        <source>Shop and address</source>
        <translation>门店与地址</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="46" />
        <source>Owner and phone</source>
        <translation>店主与电话</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="47" />
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="48" />
        <source>Open to-dos and comments</source>
        <translation>待办与批注</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="49" />
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="60" />
        <source>Returned: %1</source>
        <translation>退回：%1</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="69" />
        <source>Late: closes before the visit ends</source>
        <translation>迟到：拜访结束前已关门</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="74" />
        <source>No coordinates: placed last</source>
        <translation>无坐标，排在最后</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="91" />
        <source>No stops planned.</source>
        <translation>没有计划的门店。</translation>
    </message>
    <message>
        <location filename="../../route_sheet.py" line="130" />
        <source>Route sheet</source>
        <translation>路线单</translation>
    </message>
</context>
</TS>