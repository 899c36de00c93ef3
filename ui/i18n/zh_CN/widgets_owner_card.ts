<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../widgets/owner_card.py" line="76"/>
        <source>Mobile</source>
        <extracomment>The person agreed to erase this owner&apos;s personal data (the owner&apos;s id).</extracomment>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="77"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="78"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="79"/>
        <source>Cares about</source>
        <translation>关注点</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="114"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="118"/>
        <source>No owner recorded yet. Add one with Edit shop.</source>
        <translation>还没有店主信息，请点“编辑门店”添加。</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="120"/>
        <source>Erase this person…</source>
        <translation>删除此人的个人信息…</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="122"/>
        <source>This owner&apos;s personal data was erased at their request (name, mobile, WeChat, birthday, what they care about, notes about them). It cannot be entered again.</source>
        <translation>已应本人要求删除这位店主的个人信息（姓名、手机、微信、生日、关注点及关于他/她的备注），不能再次录入。</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="137"/>
        <source>Erase the personal data of the owner %1? Name, mobile, WeChat, birthday, what they care about and every note about them (the owner&apos;s, the interactions&apos;, the invitations&apos;) are removed here now and from head office and every colleague&apos;s laptop at the next sync. This cannot be undone. The shop, the relationship level and the interaction log (dates and kinds) stay.</source>
        <translation>删除店主 %1 的个人信息？姓名、手机、微信、生日、关注点以及关于他/她的所有备注（店主备注、互动备注、邀约备注）现在就从本机删除，下次同步时也从总部和每位同事的电脑上删除，且无法撤销。门店、客情等级和互动记录（日期和方式）会保留。</translation>
    </message>
    <message>
        <location filename="../../widgets/owner_card.py" line="136"/>
        <source>Erase this person</source>
        <translation>删除此人的个人信息</translation>
    </message>
</context>
</TS>
