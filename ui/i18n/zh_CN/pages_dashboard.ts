<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../pages/dashboard.py" line="216"/>
        <source>Chart</source>
        <extracomment>Periods offered: the last N weeks up to today.</extracomment>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="218"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="221"/>
        <source>Show the chart</source>
        <translation>显示图表</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="223"/>
        <source>Show the numbers</source>
        <translation>显示数据表</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="279"/>
        <location filename="../../pages/dashboard.py" line="929"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="280"/>
        <location filename="../../pages/dashboard.py" line="563"/>
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="281"/>
        <location filename="../../pages/dashboard.py" line="568"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="282"/>
        <source>Of target</source>
        <translation>达成率</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="283"/>
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="284"/>
        <location filename="../../pages/dashboard.py" line="304"/>
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="285"/>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="286"/>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="289"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="290"/>
        <source>KOCs now</source>
        <translation>当前 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="291"/>
        <source>Reached</source>
        <translation>到达人数</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="292"/>
        <source>From previous</source>
        <translation>上一阶段转化</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="295"/>
        <location filename="../../pages/dashboard.py" line="928"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="296"/>
        <location filename="../../pages/dashboard.py" line="314"/>
        <source>Week of</source>
        <translation>周起始日</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="297"/>
        <location filename="../../pages/dashboard.py" line="674"/>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="298"/>
        <location filename="../../pages/dashboard.py" line="671"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="299"/>
        <source>Of plan</source>
        <translation>完成率</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="302"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="303"/>
        <source>Visit every (days)</source>
        <translation>拜访周期（天）</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="305"/>
        <location filename="../../pages/dashboard.py" line="721"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="306"/>
        <location filename="../../pages/dashboard.py" line="311"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="309"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="310"/>
        <location filename="../../pages/dashboard.py" line="753"/>
        <source>Owners</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="315"/>
        <location filename="../../pages/dashboard.py" line="789"/>
        <source>Interactions</source>
        <translation>互动次数</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="316"/>
        <location filename="../../pages/dashboard.py" line="796"/>
        <source>Owners reached</source>
        <translation>互动店主</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="320"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="321"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="322"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="323"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="324"/>
        <source>Invited</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="325"/>
        <source>Attended</source>
        <translation>到场</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="326"/>
        <source>Attendance</source>
        <translation>到场率</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="327"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="328"/>
        <location filename="../../pages/dashboard.py" line="878"/>
        <source>KOCs found</source>
        <translation>发现 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="358"/>
        <source>KOCs per county</source>
        <translation>各区县 KOC 密度</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="361"/>
        <source>KOC stage funnel</source>
        <translation>KOC 阶段漏斗</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="365"/>
        <source>Visits against plan</source>
        <translation>拜访完成与计划</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="370"/>
        <source>Shops overdue by tier</source>
        <translation>各等级超期未访门店</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="375"/>
        <source>Relationship levels</source>
        <translation>客情等级分布</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="380"/>
        <source>Interactions per week</source>
        <translation>每周客情互动</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="384"/>
        <source>Events</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="439"/>
        <location filename="../../pages/dashboard.py" line="934"/>
        <source>Whole team</source>
        <translation>全体业务员</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="444"/>
        <location filename="../../pages/dashboard.py" line="936"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="483"/>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="505"/>
        <source>Could not compute the numbers.</source>
        <translation>无法计算数据。</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="514"/>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="575"/>
        <source>Shops covered</source>
        <translation>已覆盖门店</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="592"/>
        <source>%1 KOCs for a target of %2 (%3)</source>
        <translation>KOC %1 个，目标 %2 个（%3）</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="625"/>
        <source>Reached the stage</source>
        <translation>到达此阶段</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="632"/>
        <source>At the stage now</source>
        <translation>当前在此阶段</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="645"/>
        <source>%1 dormant</source>
        <translation>沉睡 %1 个</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="689"/>
        <source>%1 of %2 planned (%3)</source>
        <translation>完成 %1 次，计划 %2 次（%3）</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="714"/>
        <source>Up to date</source>
        <translation>按期拜访</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="735"/>
        <source>%1 of %2 shops</source>
        <translation>%2 家门店中 %1 家</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="763"/>
        <source>Level %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="774"/>
        <source>%1 owners, %2 at level 4–5</source>
        <translation>店主 %1 位，4–5 级占 %2</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="317"/>
        <location filename="../../pages/dashboard.py" line="802"/>
        <source>Mean level</source>
        <translation>平均等级</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="826"/>
        <source>%1 a week</source>
        <translation>每周 %1 次</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="871"/>
        <source>Events held</source>
        <translation>举办活动</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="884"/>
        <source>Attendance rate</source>
        <translation>到场率</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="905"/>
        <source>%1 held · attendance %2 · feedback %3 · %4 KOCs found</source>
        <translation>举办 %1 场 · 到场率 %2 · 反馈 %3 · 发现 KOC %4 个</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="930"/>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../../pages/dashboard.py" line="941"/>
        <source>Last %1 weeks</source>
        <translation>最近 %1 周</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/dashboard.py" line="334"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
</context>
</TS>
