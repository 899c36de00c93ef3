<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DamagedDialog</name>
    <message>
        <location filename="../../damaged.py" line="158" />
        <source>fieldapp</source>
        <translation>fieldapp</translation>
    </message>
</context>
<context>
    <name>DamagedView</name>
    <message>
        <location filename="../../damaged.py" line="109" />
        <source>The data file is damaged</source>
        <translation>数据文件已损坏</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="112" />
        <source>fieldapp cannot read this data file whole, so it shows nothing from it rather than wrong or missing figures. The damaged file is never deleted: whatever you choose, it is kept beside the new one.

File: %1</source>
        <translation>fieldapp 无法完整读取这个数据文件，因此不显示其中的任何内容，以免显示错误或缺失的数字。损坏的文件不会被删除：无论选择哪种方式，它都会保留在新文件旁边。

文件：%1</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="119" />
        <source>Open the latest backup (%1)</source>
        <translation>打开最近的备份（%1）</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="123" />
        <source>What was entered after that time is not in the backup: it stays in the damaged file.</source>
        <translation>该时间之后录入的内容不在备份中，仍保留在损坏的文件里。</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="128" />
        <source>There is no automatic backup of this file yet.</source>
        <translation>这个文件还没有自动备份。</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="129" />
        <source>Get a fresh copy from head office</source>
        <translation>从总部重新获取一份数据</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="133" />
        <source>The next sync downloads everything again; changes not sent yet that can still be read from the damaged file are sent again.</source>
        <translation>下次同步会重新下载全部数据；损坏文件中尚未上传、仍可读取的修改会重新上传。</translation>
    </message>
    <message>
        <location filename="../../damaged.py" line="137" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>