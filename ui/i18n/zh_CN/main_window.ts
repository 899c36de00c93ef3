<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../main_window.py" line="204" />
        <location filename="../../main_window.py" line="356" />
        <location filename="../../main_window.py" line="393" />
        <source>fieldapp</source>
        <translation>深度分销助手</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="322" />
        <source>The data file is damaged: nothing is saved</source>
        <translation>数据文件已损坏：无法保存任何内容</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="326" />
        <source>Read only: nothing can be saved</source>
        <translation>只读：无法保存任何内容</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="331" />
        <source>Not saved: a field has a problem (what you typed is kept as a draft)</source>
        <translation>未保存：有字段不符合要求（输入内容已作为草稿保留）</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="336" />
        <source>All changes saved on this computer; %1 waiting to sync</source>
        <translation>所有修改已保存在本机；%1 项等待同步</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="344" />
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="345" />
        <source>Export for head office…</source>
        <translation>导出给总部…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="346" />
        <source>Import shops…</source>
        <translation>导入门店清单…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="347" />
        <source>Import cloud-store orders…</source>
        <translation>导入云店订单…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="348" />
        <source>Orders not attributed…</source>
        <translation>未归属的订单…</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="349" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="350" />
        <source>About fieldapp</source>
        <translation>关于 fieldapp</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="394" />
        <source>What you entered last could not be saved.</source>
        <translation>你最后录入的内容未能保存。</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="396" />
        <source>Keep the window open</source>
        <translation>保持窗口打开</translation>
    </message>
    <message>
        <location filename="../../main_window.py" line="397" />
        <source>Close without saving it</source>
        <translation>不保存，直接关闭</translation>
    </message>
</context>
</TS>