<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../widgets/photo_grid.py" line="107"/>
        <source>No photos of this shop yet.</source>
        <translation>这家门店还没有照片。</translation>
    </message>
</context>
</TS>
