<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../widgets/event_invite.py" line="39" />
        <source>Already invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="47" />
        <location filename="../../widgets/event_invite.py" line="56" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="48" />
        <location filename="../../widgets/event_invite.py" line="58" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="49" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="50" />
        <source>Traits</source>
        <translation>特质分</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="51" />
        <location filename="../../widgets/event_invite.py" line="60" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="52" />
        <location filename="../../widgets/event_invite.py" line="61" />
        <source>Invited?</source>
        <translation>是否已邀请</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="57" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="59" />
        <source>Relationship</source>
        <translation>客情</translation>
    </message>
</context>
<context>
    <name>EventInvite</name>
    <message>
        <location filename="../../widgets/event_invite.py" line="192" />
        <location filename="../../widgets/event_invite.py" line="312" />
        <source>All counties</source>
        <extracomment>People were invited (the page reloads its invitation list). The selection or the counts changed (the page updates its buttons).</extracomment>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="257" />
        <source>%1 KOCs</source>
        <translation>%1 位 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="258" />
        <source>%1 owners</source>
        <translation>%1 位店主</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="293" />
        <source>Invited %1.</source>
        <translation>已邀请 %1 人。</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="295" />
        <source>%1 already invited, skipped.</source>
        <translation>%1 人此前已邀请，已跳过。</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="303" />
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="304" />
        <source>Owners</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="305" />
        <source>Name, pinyin, initials or phone</source>
        <translation>姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="306" />
        <source>Owner or shop: name, pinyin or phone</source>
        <translation>店主或门店：名称、拼音或电话</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="307" />
        <location filename="../../widgets/event_invite.py" line="308" />
        <source>Show people already invited</source>
        <translation>显示已邀请的人</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="326" />
        <source>Invite selected KOCs (%1)</source>
        <translation>邀请所选 KOC（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="329" />
        <source>Invite selected owners (%1)</source>
        <translation>邀请所选店主（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="334" />
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="335" />
        <source>Not dormant</source>
        <translation>非沉睡</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="342" />
        <source>Any relationship level</source>
        <translation>全部客情等级</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="343" />
        <source>Level 5 only</source>
        <translation>仅 5 级</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="344" />
        <source>Level 4 and up</source>
        <translation>4 级及以上</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="345" />
        <source>Level 3 and up</source>
        <translation>3 级及以上</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invite.py" line="346" />
        <source>Level 2 and up</source>
        <translation>2 级及以上</translation>
    </message>
</context>
</TS>