<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/shop.py" line="90"/>
        <source>Date</source>
        <extracomment>How many rows each list on the page shows (newest first). How many photo thumbnails the page shows, and their size in pixels.</extracomment>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="91"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="92"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="93"/>
        <source>Level after</source>
        <translation>客情变为</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/shop.py" line="117"/>
        <source>Shop</source>
        <extracomment>The names the page keeps for its header&apos;s widgets (its tests use them).</extracomment>
        <translation>门店详情</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../pages/shop.py" line="483"/>
        <source>This shop no longer exists. It may have been deleted.</source>
        <translation>这家门店已不存在，可能已被删除。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/shop.py" line="496"/>
        <source>Relationship (%n contacts)</source>
        <translation>
            <numerusform>客情记录（%n 次）</numerusform>
        </translation>
    </message>
</context>
</TS>
