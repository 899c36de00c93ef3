<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/koc.py" line="142"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="143"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="144"/>
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="145"/>
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="146"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="149"/>
        <location filename="../../pages/koc.py" line="157"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="150"/>
        <source>Group</source>
        <translation>群名</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="151"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="152"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="155"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="156"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="158"/>
        <source>Invitation</source>
        <translation>邀请状态</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="159"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="162"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="163"/>
        <source>From</source>
        <translation>原阶段</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="164"/>
        <source>To</source>
        <translation>新阶段</translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <location filename="../../pages/koc.py" line="917"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="918"/>
        <source>Group name</source>
        <translation>群名称</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="921"/>
        <source>Members (about)</source>
        <translation>人数（约）</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="926"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="969"/>
        <source>New community group</source>
        <translation>新建社群</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="971"/>
        <source>Edit community group</source>
        <translation>编辑社群</translation>
    </message>
</context>
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../pages/koc.py" line="111"/>
        <source>(new)</source>
        <extracomment>Tables whose changes (made elsewhere) the page shows.</extracomment>
        <translation>（新建）</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="202"/>
        <source>Many close acquaintances</source>
        <translation>熟人多</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="203"/>
        <source>Loves trying new things</source>
        <translation>爱尝鲜</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="204"/>
        <source>Loves sharing</source>
        <translation>爱分享</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="205"/>
        <source>Knows the category</source>
        <translation>懂品类</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="231"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="256"/>
        <source>Agreed to be contacted</source>
        <translation>同意被联系</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="258"/>
        <source>Given on</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="261"/>
        <source>Given by</source>
        <translation>授权方式</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="270"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="271"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="273"/>
        <location filename="../../pages/koc.py" line="682"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="635"/>
        <source>No KOC selected</source>
        <translation>未选择 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="636"/>
        <source>Open a KOC from the KOC list.</source>
        <translation>请从 KOC 列表中打开一位 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="645"/>
        <source>found at %1 on %2</source>
        <translation>%2 在%1发现</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="650"/>
        <source>found at the event %1</source>
        <translation>在活动“%1”中发现</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="652"/>
        <source>rep: %1</source>
        <translation>业务员：%1</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="655"/>
        <source>%1 of 20</source>
        <translation>%1 / 20</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="660"/>
        <source>All changes saved</source>
        <translation>已全部保存</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="661"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="662"/>
        <source>Not saved: correct the marked fields</source>
        <translation>未保存：请修改标红的内容</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="670"/>
        <source>Shops (%1)</source>
        <translation>门店 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="671"/>
        <source>Groups they run (%1)</source>
        <translation>所管社群 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="672"/>
        <source>Events (%1)</source>
        <translation>活动 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="673"/>
        <source>Stage history (%1)</source>
        <translation>阶段记录 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="679"/>
        <source>← All KOCs</source>
        <translation>← 全部 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="680"/>
        <source>Profile</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="681"/>
        <source>Consent and contact</source>
        <translation>授权与联系方式</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="683"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="684"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="685"/>
        <source>Trait score</source>
        <translation>特质总分</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="695"/>
        <source>No consent recorded: the contact details are hidden. Under China&apos;s Personal Information Protection Law this KOC may be contacted only after agreeing to it. Record the consent (when and how) above first.</source>
        <translation>未记录授权：联系方式已隐藏。根据《个人信息保护法》，须经本人同意后才能联系。请先在上方记录授权的时间和方式。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="700"/>
        <source>Link a shop…</source>
        <translation>关联门店…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="701"/>
        <source>Open shop</source>
        <translation>打开门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="702"/>
        <source>Add group…</source>
        <translation>添加社群…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="703"/>
        <source>Edit group…</source>
        <translation>编辑社群…</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="704"/>
        <source>Open event</source>
        <translation>打开活动</translation>
    </message>
</context>
<context>
    <name>LinkShopDialog</name>
    <message>
        <location filename="../../pages/koc.py" line="791"/>
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="792"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="845"/>
        <location filename="../../pages/koc.py" line="890"/>
        <source>— not recorded</source>
        <translation>— 未记录</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="885"/>
        <source>Link %1 to a shop</source>
        <translation>为 %1 关联门店</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="886"/>
        <source>Find a shop: name, pinyin, initials, code</source>
        <translation>查找门店：店名、拼音、首字母或编码</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="887"/>
        <source>Shops already linked are not listed.</source>
        <translation>已关联的门店不再列出。</translation>
    </message>
    <message>
        <location filename="../../pages/koc.py" line="888"/>
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/koc.py" line="198"/>
        <source>KOC</source>
        <translation>KOC 详情</translation>
    </message>
</context>
</TS>
