<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>TileSettings</name>
    <message>
        <location filename="../../widgets/tile_settings.py" line="83" />
        <source>Map tiles</source>
        <translation>地图瓦片</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_settings.py" line="84" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_settings.py" line="85" />
        <source>https://…/{z}/{x}/{y}.png?key={key}</source>
        <translation>https://…/{z}/{x}/{y}.png?key={key}</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_settings.py" line="86" />
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_settings.py" line="89" />
        <source>WGS-84 (GPS, OpenStreetMap)</source>
        <translation>WGS-84（GPS、OpenStreetMap）</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_settings.py" line="90" />
        <source>GCJ-02 (AMap, Tencent)</source>
        <translation>GCJ-02（高德、腾讯）</translation>
    </message>
    <message>
        <location filename="../../widgets/tile_settings.py" line="92" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
</TS>