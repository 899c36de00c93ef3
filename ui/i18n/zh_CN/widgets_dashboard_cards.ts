<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="55" />
        <source>County</source>
        <extracomment>Height of one county's row in the density chart: enough for its name at 8 pt.</extracomment>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="56" />
        <location filename="../../widgets/dashboard_cards.py" line="100" />
        <location filename="../../widgets/dashboard_cards.py" line="156" />
        <source>KOCs</source>
        <translation>KOC 数</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="57" />
        <location filename="../../widgets/dashboard_cards.py" line="161" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="58" />
        <location filename="../../widgets/dashboard_cards.py" line="102" />
        <source>Of target</source>
        <translation>达成率</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="59" />
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="60" />
        <location filename="../../widgets/dashboard_cards.py" line="83" />
        <location filename="../../widgets/dashboard_cards.py" line="103" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="61" />
        <location filename="../../widgets/dashboard_cards.py" line="104" />
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="62" />
        <location filename="../../widgets/dashboard_cards.py" line="105" />
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="65" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="66" />
        <source>KOCs now</source>
        <translation>当前 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="67" />
        <source>Reached</source>
        <translation>到达人数</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="68" />
        <source>From previous</source>
        <translation>上一阶段转化</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="71" />
        <location filename="../../widgets/dashboard_cards.py" line="99" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="72" />
        <location filename="../../widgets/dashboard_cards.py" line="93" />
        <source>Week of</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="73" />
        <location filename="../../widgets/dashboard_cards.py" line="303" />
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="74" />
        <location filename="../../widgets/dashboard_cards.py" line="300" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="75" />
        <location filename="../../widgets/dashboard_cards.py" line="108" />
        <source>Of plan</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="77" />
        <source>Kept (in and out)</source>
        <translation>已执行（签到并签退）</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="78" />
        <source>PJP compliance</source>
        <translation>计划执行率</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="82" />
        <source>Visit every (days)</source>
        <translation>拜访周期（天）</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="84" />
        <location filename="../../widgets/dashboard_cards.py" line="359" />
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="85" />
        <location filename="../../widgets/dashboard_cards.py" line="90" />
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="88" />
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="89" />
        <location filename="../../widgets/dashboard_cards.py" line="400" />
        <source>Owners</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="94" />
        <location filename="../../widgets/dashboard_cards.py" line="447" />
        <source>Interactions</source>
        <translation>互动次数</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="95" />
        <location filename="../../widgets/dashboard_cards.py" line="454" />
        <source>Owners reached</source>
        <translation>互动店主</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="96" />
        <location filename="../../widgets/dashboard_cards.py" line="460" />
        <source>Mean level</source>
        <translation>平均等级</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="101" />
        <source>Share of target</source>
        <translation>分摊目标</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="106" />
        <source>Visits planned</source>
        <translation>计划拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="107" />
        <source>Visits done</source>
        <translation>完成拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="110" />
        <source>Flagged visits</source>
        <translation>证据异常拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="113" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="114" />
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="115" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="116" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="117" />
        <source>Invited</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="118" />
        <source>Attended</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="119" />
        <source>Attendance</source>
        <translation>到场率</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="120" />
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="121" />
        <location filename="../../widgets/dashboard_cards.py" line="546" />
        <source>KOCs found</source>
        <translation>发现 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="130" />
        <source>KOCs per county</source>
        <translation>各区县 KOC 密度</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="168" />
        <source>Shops covered</source>
        <translation>已覆盖门店</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="190" />
        <source>%1 KOCs for a target of %2 (%3)</source>
        <translation>KOC %1 个，目标 %2 个（%3）</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="192" />
        <source>%1 KOCs for this rep's share of the target, %2 (%3)</source>
        <translation>KOC %1 个，该业务员分摊目标 %2 个（%3）</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="208" />
        <source>KOC stage funnel</source>
        <translation>KOC 阶段漏斗</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="238" />
        <source>Reached the stage</source>
        <translation>到达此阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="245" />
        <source>At the stage now</source>
        <translation>当前在此阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="257" />
        <source>%1 dormant</source>
        <translation>沉睡 %1 个</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="268" />
        <source>Visits against plan</source>
        <translation>拜访完成与计划</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="318" />
        <source>%1 of %2 planned (%3)</source>
        <translation>完成 %1 次，计划 %2 次（%3）</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="330" />
        <source>Shops overdue by tier</source>
        <translation>各等级超期未访门店</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="352" />
        <source>Up to date</source>
        <translation>按期拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="373" />
        <source>%1 of %2 shops</source>
        <translation>%2 家门店中 %1 家</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="384" />
        <source>Relationship levels</source>
        <translation>客情等级分布</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="410" />
        <source>Level %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="421" />
        <source>%1 owners, %2 at level 4–5</source>
        <translation>店主 %1 位，4–5 级占 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="433" />
        <source>Interactions per week</source>
        <translation>每周客情互动</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="484" />
        <source>%1 a week</source>
        <translation>每周 %1 次</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="494" />
        <source>Events</source>
        <translation>活动数</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="539" />
        <source>Events held</source>
        <translation>举办活动</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="552" />
        <source>Attendance rate</source>
        <translation>到场率</translation>
    </message>
    <message>
        <location filename="../../widgets/dashboard_cards.py" line="573" />
        <source>%1 held · attendance %2 · feedback %3 · %4 KOCs found</source>
        <translation>举办 %1 场 · 到场率 %2 · 反馈 %3 · 发现 KOC %4 个</translation>
    </message>
</context>
</TS>