<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/settings.py" line="61"/>
        <source>Settings</source>
        <extracomment>QSettings key of the store file to open at the next start (main.py reads it). Each language is named in itself, so whoever cannot read the current one finds theirs.</extracomment>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../pages/settings.py" line="231"/>
        <source>Use another data file</source>
        <translation>使用其他数据文件</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="233"/>
        <source>fieldapp data (*.db);;All files (*)</source>
        <translation>数据文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="253"/>
        <source>From the next start the app will use %1.</source>
        <translation>下次启动时将使用 %1。</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="266"/>
        <source>Not set yet</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="269"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="276"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="277"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="278"/>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="279"/>
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="280"/>
        <location filename="../../pages/settings.py" line="281"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="282"/>
        <source>Use another data file…</source>
        <translation>使用其他数据文件…</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="283"/>
        <source>Use the default file again</source>
        <translation>恢复使用默认文件</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="284"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="285"/>
        <source>Longest side of new photos</source>
        <translation>新照片最长边</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="286"/>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="287"/>
        <source>Also keep the original photo</source>
        <translation>同时保留原图</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="290"/>
        <source>Smaller photos keep the data folder small and sync faster over a weak mobile connection.</source>
        <translation>照片越小，数据文件夹越小，信号弱时同步也更快。</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="294"/>
        <source>This computer works as</source>
        <translation>本机使用者</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="297"/>
        <source>New records are saved under this name. Signing in to head office sync replaces it with your head-office account.</source>
        <translation>新建的记录都记在此人名下。登录总部同步后，将换成您的总部账号。</translation>
    </message>
</context>
</TS>
