<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../widgets/shop_header.py" line="45" />
        <source>Shops</source>
        <extracomment>The cloud-store status picked in the header (the page writes it).</extracomment>
        <translation>门店</translation>
    </message>
</context>
<context>
    <name>ShopHeader</name>
    <message>
        <location filename="../../widgets/shop_header.py" line="103" />
        <source>GPS %1, %2</source>
        <translation>GPS %1, %2</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_header.py" line="108" />
        <source>No GPS</source>
        <translation>无定位</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_header.py" line="111" />
        <source>Edit shop</source>
        <translation>编辑门店</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_header.py" line="112" />
        <source>Start visit</source>
        <translation>开始拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_header.py" line="113" />
        <source>Cloud store:</source>
        <translation>云店：</translation>
    </message>
</context>
</TS>