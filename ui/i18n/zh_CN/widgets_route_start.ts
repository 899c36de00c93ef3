<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>RouteStart</name>
    <message>
        <location filename="../../widgets/route_start.py" line="76" />
        <source>Where the day's route starts (home or office)</source>
        <translation>每日路线的出发点（住处或办公室）</translation>
    </message>
    <message>
        <location filename="../../widgets/route_start.py" line="77" />
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../widgets/route_start.py" line="78" />
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../../widgets/route_start.py" line="79" />
        <source>e.g. 34.7466</source>
        <translation>例如 34.7466</translation>
    </message>
    <message>
        <location filename="../../widgets/route_start.py" line="80" />
        <source>e.g. 113.6253</source>
        <translation>例如 113.6253</translation>
    </message>
    <message>
        <location filename="../../widgets/route_start.py" line="81" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../widgets/route_start.py" line="82" />
        <source>GPS (WGS-84). Empty: from the first stop.</source>
        <translation>GPS 坐标（WGS-84）。留空：从第一站出发。</translation>
    </message>
</context>
</TS>