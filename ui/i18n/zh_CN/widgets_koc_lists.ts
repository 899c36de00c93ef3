<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../widgets/koc_lists.py" line="44" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="45" />
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="46" />
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="47" />
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="48" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="51" />
        <location filename="../../widgets/koc_lists.py" line="59" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="52" />
        <source>Group</source>
        <translation>群名</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="53" />
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="54" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="57" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="58" />
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="60" />
        <source>Invitation</source>
        <translation>邀请状态</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="61" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="64" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="65" />
        <source>From</source>
        <translation>原阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="66" />
        <source>To</source>
        <translation>新阶段</translation>
    </message>
</context>
<context>
    <name>KocPage</name>
    <message>
        <location filename="../../widgets/koc_lists.py" line="35" />
        <source>(new)</source>
        <translation>（新建）</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="180" />
        <source>Shops (%1)</source>
        <translation>门店 (%1)</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="181" />
        <source>Groups they run (%1)</source>
        <translation>所管社群 (%1)</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="182" />
        <source>Events (%1)</source>
        <translation>活动 (%1)</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="183" />
        <source>Stage history (%1)</source>
        <translation>阶段记录 (%1)</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="189" />
        <location filename="../../widgets/koc_lists.py" line="198" />
        <source>Link a shop…</source>
        <translation>关联门店…</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="190" />
        <source>Open shop</source>
        <translation>打开门店</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="191" />
        <source>Unlink…</source>
        <translation>解除关联…</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="192" />
        <source>Delete group…</source>
        <translation>删除社群…</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="193" />
        <location filename="../../widgets/koc_lists.py" line="202" />
        <source>Add group…</source>
        <translation>添加社群…</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="194" />
        <source>Edit group…</source>
        <translation>编辑社群…</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="195" />
        <source>Open event</source>
        <translation>打开活动</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="197" />
        <source>Not linked to any shop yet.</source>
        <translation>还没有关联门店。</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="201" />
        <source>No community groups recorded.</source>
        <translation>还没有记录社群。</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="205" />
        <source>Not invited to any event yet: invite them from an event's page.</source>
        <translation>还没有受邀参加活动：可在活动页面邀请。</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="208" />
        <source>Open events</source>
        <translation>打开活动</translation>
    </message>
    <message>
        <location filename="../../widgets/koc_lists.py" line="211" />
        <source>The stage has not changed yet: choose a stage on the left to record it.</source>
        <translation>阶段还没有变化：在左侧选择阶段即可记录。</translation>
    </message>
</context>
</TS>