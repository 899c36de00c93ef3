<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>NumberEdit</name>
    <message>
        <location filename="../../numbers.py" line="176"/>
        <source>Unusual value</source>
        <extracomment>The value was stepped by a key or the wheel (typing emits ``textEdited``). Enter was pressed on a value that is fine (and confirmed, when unusual). Says why a value that can be taken is far outside the usual; None when usual.</extracomment>
        <translation>数值异常</translation>
    </message>
    <message>
        <location filename="../../numbers.py" line="179"/>
        <source>Keep %1?</source>
        <translation>确定保留 %1 吗？</translation>
    </message>
</context>
</TS>
