<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/koc.py" line="151" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="152" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="153" />
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="154" />
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="155" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="158" />
        <location filename="../../pages/koc.py" line="166" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="159" />
        <source>Group</source>
        <translation>群名</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="160" />
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="161" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="164" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="165" />
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="167" />
        <source>Invitation</source>
        <translation>邀请状态</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="168" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="171" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="172" />
        <source>From</source>
        <translation>原阶段</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="173" />
        <source>To</source>
        <translation>新阶段</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../../pages/koc.py" line="1054" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1055" />
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1058" />
        <source>Members (about)</source>
        <translation>人数（约）</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1063" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1106" />
        <source>New community group</source>
        <translation>新建社群</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1108" />
        <source>Edit community group</source>
        <translation>编辑社群</translation>
    </message>
</context>
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../pages/koc.py" line="120" />
        <source>(new)</source>
        <extracomment>Tables whose changes (made elsewhere) the page shows.</extracomment>
        <translation>（新建）</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="211" />
        <source>Many close acquaintances</source>
        <translation>熟人多</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="212" />
        <source>Loves trying new things</source>
        <translation>爱尝鲜</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="213" />
        <source>Loves sharing</source>
        <translation>爱分享</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="214" />
        <source>Knows the category</source>
        <translation>懂品类</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="240" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="265" />
        <source>Agreed to be contacted</source>
        <translation>同意被联系</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="267" />
        <source>Given on</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="270" />
        <source>Given by</source>
        <translation>授权方式</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="279" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="280" />
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="289" />
        <location filename="../../pages/koc.py" line="812" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="514" />
        <source>This person's personal data was erased on %1 at their request: name, contact, notes and consent are gone from this laptop, and head office and colleagues' laptops drop them at their next sync. Their stage, traits and links still count.</source>
        <translation>此人的个人信息已于 %1 应本人要求删除：姓名、联系方式、备注和同意记录已从本机清除，总部和同事的电脑将在下次同步时清除。其阶段、特质和关联仍计入统计。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="528" />
        <source>Erase this person</source>
        <translation>删除此人的个人信息</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="530" />
        <source>Erase %1's personal data? Name, mobile, WeChat, notes and the consent record are removed here now and from head office and every colleague's laptop at the next sync. This cannot be undone. Their stage, traits and shop links stay so that the counts stay right.</source>
        <translation>删除 %1 的个人信息？姓名、手机、微信、备注和同意记录将立即从本机删除，并在下次同步时从总部和所有同事的电脑上删除。此操作无法撤销。其阶段、特质和门店关联将保留，以保证统计准确。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="711" />
        <source>Unlink shop</source>
        <translation>解除门店关联</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="712" />
        <source>Unlink %1 from this KOC? The shop itself stays.</source>
        <translation>解除 %1 与此 KOC 的关联？门店本身会保留。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="716" />
        <source>Delete group</source>
        <translation>删除社群</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="717" />
        <source>Delete the group %1?</source>
        <translation>删除社群 %1？</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="765" />
        <source>No KOC selected</source>
        <translation>未选择 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="766" />
        <source>Open a KOC from the KOC list.</source>
        <translation>请从 KOC 列表中打开一位 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="775" />
        <source>found at %1 on %2</source>
        <translation>%2 在%1发现</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="780" />
        <source>found at the event %1</source>
        <translation>在活动“%1”中发现</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="782" />
        <source>rep: %1</source>
        <translation>业务员：%1</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="785" />
        <source>%1 of 20</source>
        <translation>%1 / 20</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="790" />
        <source>All changes saved</source>
        <translation>已全部保存</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="791" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="792" />
        <source>Not saved: correct the marked fields</source>
        <translation>未保存：请修改标红的内容</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="800" />
        <source>Shops (%1)</source>
        <translation>门店 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="801" />
        <source>Groups they run (%1)</source>
        <translation>所管社群 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="802" />
        <source>Events (%1)</source>
        <translation>活动 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="803" />
        <source>Stage history (%1)</source>
        <translation>阶段记录 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="809" />
        <source>← All KOCs</source>
        <translation>← 全部 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="810" />
        <source>Profile</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="811" />
        <source>Consent and contact</source>
        <translation>授权与联系方式</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="813" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="814" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="815" />
        <source>Trait score</source>
        <translation>特质总分</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="825" />
        <source>No consent recorded: the contact details are hidden. Under China's Personal Information Protection Law this KOC may be contacted only after agreeing to it. Record the consent (when and how) above first.</source>
        <translation>未记录授权：联系方式已隐藏。根据《个人信息保护法》，须经本人同意后才能联系。请先在上方记录授权的时间和方式。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="830" />
        <source>Erase this person…</source>
        <translation>删除此人的个人信息…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="832" />
        <source>At their request: remove their personal data everywhere (PIPL)</source>
        <translation>应本人要求：在所有地方删除其个人信息（《个人信息保护法》）</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="835" />
        <source>Link a shop…</source>
        <translation>关联门店…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="836" />
        <source>Open shop</source>
        <translation>打开门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="837" />
        <source>Unlink…</source>
        <translation>解除关联…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="838" />
        <source>Delete group…</source>
        <translation>删除社群…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="839" />
        <source>Add group…</source>
        <translation>添加社群…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="840" />
        <source>Edit group…</source>
        <translation>编辑社群…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="841" />
        <source>Open event</source>
        <translation>打开活动</translation>
    </message>
</context>
<context>
    <name>LinkShopDialog</name>
    <message>
        <location filename="../../pages/koc.py" line="928" />
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="929" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="982" />
        <location filename="../../pages/koc.py" line="1027" />
        <source>— not recorded</source>
        <translation>— 未记录</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1022" />
        <source>Link %1 to a shop</source>
        <translation>为 %1 关联门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1023" />
        <source>Find a shop: name, pinyin, initials, code</source>
        <translation>查找门店：店名、拼音、首字母或编码</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1024" />
        <source>Shops already linked are not listed.</source>
        <translation>已关联的门店不再列出。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="1025" />
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/koc.py" line="207" />
        <source>KOC</source>
        <translation>KOC 详情</translation>
    </message>
</context>
</TS>