<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/counties.py" line="83"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="86"/>
        <source>KOCs / target</source>
        <translation>KOC / 目标</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="90"/>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="91"/>
        <location filename="../../pages/counties.py" line="130"/>
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="93"/>
        <source>Shops covered</source>
        <translation>已覆盖门店</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="97"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="105"/>
        <source>KOC-driven revenue, 90 days</source>
        <translation>KOC 带来的销售额（90 天）</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="129"/>
        <location filename="../../pages/counties.py" line="140"/>
        <source>Rep</source>
        <extracomment>The days the revenue column covers (to today).</extracomment>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="131"/>
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="134"/>
        <source>Visits this month</source>
        <translation>本月拜访</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="141"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
</context>
<context>
    <name>CountiesPage</name>
    <message>
        <location filename="../../pages/counties.py" line="526"/>
        <location filename="../../pages/counties.py" line="645"/>
        <location filename="../../pages/counties.py" line="660"/>
        <location filename="../../pages/counties.py" line="724"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="562"/>
        <source>KOC density</source>
        <translation>KOC 密度</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="564"/>
        <source>Team members</source>
        <translation>团队成员</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="613"/>
        <source>Choose a county to set its KOC target.</source>
        <translation>选择一个区县来设置它的 KOC 目标。</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="615"/>
        <source>KOC target for %1:</source>
        <translation>%1 的 KOC 目标：</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="687"/>
        <source>%1 active KOCs against a target of %2 · %3 of %4 shops covered</source>
        <translation>活跃 KOC %1 位，目标 %2 位 · 已覆盖门店 %3 / %4 家</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="707"/>
        <source>all counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="708"/>
        <source>KOC stage funnel: %1</source>
        <translation>KOC 阶段漏斗：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="712"/>
        <source>%1 → %2: %3</source>
        <translation>%1 → %2：%3</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="718"/>
        <source>Conversion to the next stage: %1</source>
        <translation>阶段转化率：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="725"/>
        <source>KOCs</source>
        <translation>KOC 数</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="726"/>
        <source>Set target</source>
        <translation>设置目标</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="727"/>
        <source>Add county…</source>
        <translation>添加区县…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/counties.py" line="401"/>
        <source>Counties</source>
        <translation>区县</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <location filename="../../pages/counties.py" line="283"/>
        <source>Add to team</source>
        <translation>加入团队</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="285"/>
        <source>Add %1 to your team? They will see the team&apos;s shops, KOCs and events after their next sync.</source>
        <translation>将 %1 加入你的团队？下次同步后，他/她将看到团队的门店、KOC 和活动。</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="300"/>
        <source>Release from team</source>
        <translation>移出团队</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="302"/>
        <source>Release %1 from your team to the unassigned reps? The team&apos;s data leaves their laptop at their next sync.</source>
        <translation>将 %1 移出你的团队，放入未分配业务员？下次同步时，团队数据将从其电脑上移除。</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="335"/>
        <source>Team: %1</source>
        <translation>团队：%1</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="338"/>
        <source>Add reps who have no team yet, or release a rep of your team so that another supervisor can take them in. A rep who still has shops, KOCs or events cannot be released: reassign their shops, KOCs and events to another rep first.</source>
        <translation>可以把尚无团队的业务员加入本团队，也可以把本团队的业务员移出，由其他主管接收。名下还有门店、KOC 或活动的业务员不能移出：请先把其门店、KOC 和活动转给其他业务员。</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="344"/>
        <source>Reps in your team (%1)</source>
        <translation>本团队业务员（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="346"/>
        <source>Unassigned reps (%1)</source>
        <translation>未分配业务员（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="347"/>
        <source>No rep is waiting for a team.</source>
        <translation>目前没有等待分配的业务员。</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="349"/>
        <source>Release…</source>
        <translation>移出团队…</translation>
    </message>
    <message>
        <location filename="../../pages/counties.py" line="350"/>
        <source>Add to team…</source>
        <translation>加入团队…</translation>
    </message>
</context>
</TS>
