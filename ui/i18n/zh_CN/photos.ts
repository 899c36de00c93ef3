<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Photos</name>
    <message>
        <location filename="../../photos.py" line="136"/>
        <source>Attach photos</source>
        <extracomment>Default long side, in pixels, of a stored photo (setting ``photo.max_px``). JPEG quality of scaled photos: small files, no visible blocks on a shelf photo. File patterns offered in the file dialog. The file the user chose. The file to hand to ``store.photos.add_file``: ``source`` or a scaled copy. True when ``path`` is a scaled copy (a temporary file the caller removes). Pixel size of the source and of what is attached (empty when Qt cannot read it).</extracomment>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../photos.py" line="138"/>
        <source>Pictures (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <location filename="../../photos.py" line="140"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../photos.py" line="146"/>
        <source>Preparing photos…</source>
        <translation>正在处理照片…</translation>
    </message>
</context>
</TS>
