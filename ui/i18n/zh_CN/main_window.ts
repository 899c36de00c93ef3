<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../main_window.py" line="174" />
        <location filename="../../main_window.py" line="262" />
        <source>fieldapp</source>
        <translation>深度分销助手</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="247" />
        <source>All changes saved on this computer; %1 waiting to sync</source>
        <translation>所有修改已保存在本机；%1 项等待同步</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="254" />
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="255" />
        <source>Export for head office…</source>
        <translation>导出给总部…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="256" />
        <source>Import shops…</source>
        <translation>导入门店清单…</translation>
    </message>
</context>
</TS>