<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/map.py" line="49" />
        <source>Map</source>
        <extracomment>Zoom levels of "download my territory": county roads to street level.</extracomment>
        <translation>地图</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../pages/map.py" line="36" />
        <source>Visited today</source>
        <translation>今日已拜访</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="37" />
        <source>Planned today</source>
        <translation>今日计划</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="38" />
        <source>Due on today's route</source>
        <translation>今日线路到期</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="39" />
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="40" />
        <source>Others</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="135" />
        <source>Set a tile server in Settings first.</source>
        <translation>请先在设置中填写地图瓦片服务器。</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="158" />
        <source>Territory: %1 tiles new, %2 already here, %3 not reachable</source>
        <translation>辖区地图：新下载 %1 张瓦片，已有 %2 张，%3 张无法获取</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="174" />
        <source>Downloading the map of your territory…</source>
        <translation>正在下载辖区地图…</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="179" />
        <source>Download cancelled; tiles so far kept.</source>
        <translation>已取消下载；已下载的瓦片保留。</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="198" />
        <source>No tile server set (Settings): shops and route on a plain background.</source>
        <translation>未设置瓦片服务器（见设置）：门店和路线画在空白底图上。</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="201" />
        <source>%1 map tiles kept for offline use. Tiles: %2.</source>
        <translation>本机已存 %1 张地图瓦片，可离线使用。瓦片坐标系：%2。</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="208" />
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="209" />
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="210" />
        <source>Download my territory…</source>
        <translation>下载我的辖区地图…</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="212" />
        <source>Keep the map of the area around your shops on this computer (zoom 10-15)</source>
        <translation>把门店周围的地图存到本机（缩放级别 10-15）</translation>
    </message>
    <message>
        <location filename="../../pages/map.py" line="214" />
        <source>Drag or arrows to move, wheel or +/- to zoom, click a shop</source>
        <translation>拖动或方向键移动，滚轮或 +/- 缩放，点击门店打开</translation>
    </message>
</context>
</TS>