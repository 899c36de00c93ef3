<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Tray</name>
    <message>
        <location filename="../../tray.py" line="175" />
        <source>Waiting to sync: %1</source>
        <extracomment>Store setting: minutes of failing sync before the tray says so. State → the dot's colour (the status bar's words say the same). The last notification shown: (title, text).</extracomment>
        <translation>等待同步：%1</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="187" />
        <source>Visits returned: %1</source>
        <translation>退回的拜访：%1</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="188" />
        <source>Your supervisor returned visits to fix: %1. See Today.</source>
        <translation>主管退回了需要修改的拜访：%1。请在“今日”查看。</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="196" />
        <source>Sync has not worked for a while.</source>
        <translation>同步已经有一段时间没有成功。</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="200" />
        <source>Sync has failed for %1 h</source>
        <translation>同步已失败 %1 小时</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="205" />
        <source>Your changes are kept on this computer.</source>
        <translation>您的修改保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="227" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../tray.py" line="228" />
        <source>Open fieldapp</source>
        <translation>打开 fieldapp</translation>
    </message>
</context>
</TS>