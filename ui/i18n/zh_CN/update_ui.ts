<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Update</name>
    <message>
        <location filename="../../update_ui.py" line="45" />
        <source>Update fieldapp</source>
        <extracomment>Asks whether to install now though ``pending`` changes wait to sync; True: install.</extracomment>
        <translation>更新 fieldapp</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="47" />
        <source>fieldapp %1 is ready to install. %2 changes on this computer have not reached head office yet: they are kept, and the new version sends them.</source>
        <translation>fieldapp %1 已可安装。这台电脑上有 %2 条修改还没有送到总部：它们会保留，由新版本发送。</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="56" />
        <source>Install now</source>
        <translation>现在安装</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="57" />
        <source>Later (sync first)</source>
        <translation>稍后（先同步）</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="99" />
        <source>the update server cannot be reached</source>
        <translation>无法连接更新服务器</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="100" />
        <source>its signature has expired</source>
        <translation>它的签名已过期</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="101" />
        <source>it is not signed by head office</source>
        <translation>它没有总部的签名</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="102" />
        <source>it is older than one seen before</source>
        <translation>它比以前见过的版本旧</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="103" />
        <source>the download was changed on the way</source>
        <translation>下载的文件在传输中被改动</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="105" />
        <source>it is not valid</source>
        <translation>它无效</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="164" />
        <source>fieldapp %1 was downloaded and checked; it installs at the next start.</source>
        <extracomment>Something to say (plain words), e.g. for the tray.</extracomment>
        <translation>fieldapp %1 已下载并校验，下次启动时安装。</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="181" />
        <source>An update was refused: %1.</source>
        <translation>已拒绝一个更新：%1。</translation>
    </message>
    <message>
        <location filename="../../update_ui.py" line="207" />
        <source>fieldapp update</source>
        <translation>fieldapp 更新</translation>
    </message>
</context>
</TS>