<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/settings.py" line="72"/>
        <source>Settings</source>
        <extracomment>QSettings key of the store file to open at the next start (main.py reads it). Each language is named in itself, so whoever cannot read the current one finds theirs.</extracomment>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../pages/settings.py" line="266"/>
        <source>Use another data file</source>
        <translation>使用其他数据文件</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="268"/>
        <source>fieldapp data (*.db);;All files (*)</source>
        <translation>数据文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="288"/>
        <source>From the next start the app will use %1.</source>
        <translation>下次启动时将使用 %1。</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="306"/>
        <source>Not set yet</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="309"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="316"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="317"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="318"/>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="319"/>
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="320"/>
        <location filename="../../pages/settings.py" line="321"/>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="322"/>
        <source>Use another data file…</source>
        <translation>使用其他数据文件…</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="323"/>
        <source>Use the default file again</source>
        <translation>恢复使用默认文件</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="324"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="325"/>
        <source>Longest side of new photos</source>
        <translation>新照片最长边</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="326"/>
        <source>In pixels, 640 to 8000</source>
        <translation>单位为像素，640 到 8000</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="327"/>
        <source>Also keep the original photo</source>
        <translation>同时保留原图</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="330"/>
        <source>Smaller photos keep the data folder small and sync faster over a weak mobile connection.</source>
        <translation>照片越小，数据文件夹越小，信号弱时同步也更快。</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="334"/>
        <source>This computer works as</source>
        <translation>本机使用者</translation>
    </message>
    <message>
        <location filename="../../pages/settings.py" line="337"/>
        <source>New records are saved under this name. Signing in to head office sync replaces it with your head-office account.</source>
        <translation>新建的记录都记在此人名下。登录总部同步后，将换成您的总部账号。</translation>
    </message>
</context>
</TS>
