<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../widgets/koc_details.py" line="71" />
        <source>Name</source>
        <extracomment>The four traits a KOC is scored on (1-5 each).</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="74" />
        <source>Referrer code</source>
        <translation>推荐码</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="75" />
        <source>Their code on the cloud-store platform</source>
        <translation>其在云店平台上的推荐码</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="99" />
        <source>Agreed to be contacted</source>
        <translation>同意被联系</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="101" />
        <source>Given on</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="104" />
        <source>Given by</source>
        <translation>授权方式</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="113" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="114" />
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="124" />
        <location filename="../../widgets/koc_details.py" line="161" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="159" />
        <source>Profile</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="160" />
        <source>Consent and contact</source>
        <translation>授权与联系方式</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="162" />
        <location filename="../../widgets/koc_details.py" line="245" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="163" />
        <location filename="../../widgets/koc_details.py" line="246" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="164" />
        <location filename="../../widgets/koc_details.py" line="249" />
        <source>Trait score</source>
        <translation>特质总分</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="175" />
        <source>No consent recorded: the contact details are hidden. Under China's Personal Information Protection Law this KOC may be contacted only after agreeing to it. Record the consent (when and how) above first.</source>
        <translation>未记录授权：联系方式已隐藏。根据《个人信息保护法》，须经本人同意后才能联系。请先在上方记录授权的时间和方式。</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="182" />
        <source>Erase this person…</source>
        <translation>删除此人的个人信息…</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="184" />
        <source>At their request: remove their personal data everywhere (PIPL)</source>
        <translation>应本人要求：在所有地方删除其个人信息（《个人信息保护法》）</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="241" />
        <source>Personal data erased</source>
        <translation>个人信息已删除</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="250" />
        <source>%1 of 20</source>
        <translation>%1 / 20</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="265" />
        <source>This person's personal data was erased on %1 at their request: name, contact, notes and consent are gone from this laptop, and head office and colleagues' laptops drop them at their next sync. Their stage, traits and links still count.</source>
        <translation>此人的个人信息已于 %1 应本人要求删除：姓名、联系方式、备注和同意记录已从本机清除，总部和同事的电脑将在下次同步时清除。其阶段、特质和关联仍计入统计。</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="293" />
        <source>found at %1 on %2</source>
        <translation>%2 在%1发现</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="302" />
        <source>found at the event %1</source>
        <translation>在活动“%1”中发现</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_details.py" line="307" />
        <source>rep: %1</source>
        <translation>业务员：%1</translation>
    </message>
</context>
</TS>