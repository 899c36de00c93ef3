<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitPhotos</name>
    <message>
        <location filename="../../widgets/visit_photos.py" line="176"/>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_photos.py" line="177"/>
        <source>Remove the selected photo from this visit?</source>
        <translation>从这次拜访中删除选中的照片吗？</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_photos.py" line="192"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_photos.py" line="193"/>
        <source>Attach photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_photos.py" line="194"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
</context>
</TS>
