<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../unsynced_box.py" line="130"/>
        <source>This computer was removed</source>
        <translation>这台电脑已被移除</translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="133"/>
        <source>The app will close after the data is deleted.</source>
        <translation>数据删除后程序将关闭。</translation>
    </message>
</context>
<context>
    <name>UnsyncedBox</name>
    <message>
        <location filename="../../unsynced_box.py" line="55"/>
        <location filename="../../unsynced_box.py" line="104"/>
        <source>Every change made on this computer has reached head office.</source>
        <translation>本机做的所有修改都已送达总部。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../unsynced_box.py" line="34"/>
        <source>%n change(s) made on this computer have not reached head office. They stay here, nothing is lost: they are sent at the first sync head office allows. You can also save them to a file and give it to head office.</source>
        <translation>
            <numerusform>本机有 %n 项修改尚未送达总部。它们保存在本机，不会丢失：总部允许同步后第一次同步就会发送。也可以把它们存成文件交给总部。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="66"/>
        <source>Sync stopped by head office</source>
        <translation>总部已停止本机同步</translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="74"/>
        <location filename="../../unsynced_box.py" line="142"/>
        <source>Save unsynced changes…</source>
        <translation>保存未同步的修改…</translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="91"/>
        <location filename="../../unsynced_box.py" line="176"/>
        <source>Save unsynced changes</source>
        <translation>保存未同步的修改</translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="93"/>
        <location filename="../../unsynced_box.py" line="178"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="108"/>
        <source>Saved to %1. Give this file to your supervisor: only head office can open it.</source>
        <translation>已保存到 %1。请把这个文件交给主管：只有总部能打开它。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../unsynced_box.py" line="43"/>
        <source>%n change(s) made on this computer have not reached head office. Save them to a file before the data is deleted and give it to your supervisor: it is sealed so that only head office can open it.</source>
        <translation>
            <numerusform>这台电脑上有 %n 项修改尚未送达总部。请在数据删除前把它们存成文件交给主管：文件已加密，只有总部能打开。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../unsynced_box.py" line="152"/>
        <source>Delete the data and close</source>
        <translation>删除数据并关闭</translation>
    </message>
</context>
</TS>
