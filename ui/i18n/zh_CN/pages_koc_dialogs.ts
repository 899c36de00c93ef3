<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="206" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="207" />
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="210" />
        <source>Members (about)</source>
        <translation>人数（约）</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="215" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="258" />
        <source>New community group</source>
        <translation>新建社群</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="260" />
        <source>Edit community group</source>
        <translation>编辑社群</translation>
    </message>
</context>
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="277" />
        <source>Erase this person</source>
        <translation>删除此人的个人信息</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="278" />
        <source>Erase %1's personal data? Name, mobile, WeChat, notes and the consent record are removed here now and from head office and every colleague's laptop at the next sync. This cannot be undone. Their stage, traits and shop links stay so that the counts stay right.</source>
        <translation>删除 %1 的个人信息？姓名、手机、微信、备注和同意记录将立即从本机删除，并在下次同步时从总部和所有同事的电脑上删除。此操作无法撤销。其阶段、特质和门店关联将保留，以保证统计准确。</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="294" />
        <source>Unlink shop</source>
        <translation>解除门店关联</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="295" />
        <source>Unlink %1 from this KOC? The shop itself stays.</source>
        <translation>解除 %1 与此 KOC 的关联？门店本身会保留。</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="299" />
        <source>Delete group</source>
        <translation>删除社群</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="300" />
        <source>Delete the group %1?</source>
        <translation>删除社群 %1？</translation>
    </message>
</context>
<context>
    <name>LinkShopDialog</name>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="80" />
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="81" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="134" />
        <location filename="../../pages/koc_dialogs.py" line="179" />
        <source>— not recorded</source>
        <translation>— 未记录</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="174" />
        <source>Link %1 to a shop</source>
        <translation>为 %1 关联门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="175" />
        <source>Find a shop: name, pinyin, initials, code</source>
        <translation>查找门店：店名、拼音、首字母或编码</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="176" />
        <source>Shops already linked are not listed.</source>
        <translation>已关联的门店不再列出。</translation>
    </message>
    <message>
        <location filename="../../pages/koc_dialogs.py" line="177" />
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
</context>
</TS>