<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Page</name>
    <message>
        <location filename="../../page.py" line="83" />
        <source>Not saved</source>
        <extracomment>Stable id used for navigation and objectName. Title source text, translated in the "MainWindow" context. Listed in the side bar (detail pages are reached from other pages).</extracomment>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../page.py" line="84" />
        <source>“%1” could not be saved: %2
Fix it, or discard what you typed there?</source>
        <translation>“%1”无法保存：%2
修改它，还是放弃刚才的输入？</translation>
    </message>
    <message>
        <location filename="../../page.py" line="90" />
        <source>Fix it</source>
        <translation>去修改</translation>
    </message>
    <message>
        <location filename="../../page.py" line="91" />
        <source>Discard what I typed</source>
        <translation>放弃输入</translation>
    </message>
</context>
</TS>