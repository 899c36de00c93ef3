<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../about.py" line="20" />
        <source>fieldapp %1</source>
        <translation>fieldapp %1</translation>
    </message>
    <message>
        <location filename="../../about.py" line="21" />
        <source>Field sales for deep distribution: shops, owners, KOCs, events, visits.</source>
        <translation>深度分销外勤：门店、店主、KOC、活动、拜访。</translation>
    </message>
    <message>
        <location filename="../../about.py" line="25" />
        <source>Data file: %1</source>
        <translation>数据文件：%1</translation>
    </message>
    <message>
        <location filename="../../about.py" line="28" />
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <location filename="../../about.py" line="30" />
        <source>Qt %1, PySide6 %2, Python %3</source>
        <translation>Qt %1，PySide6 %2，Python %3</translation>
    </message>
    <message>
        <location filename="../../about.py" line="43" />
        <source>About fieldapp</source>
        <translation>关于 fieldapp</translation>
    </message>
</context>
</TS>