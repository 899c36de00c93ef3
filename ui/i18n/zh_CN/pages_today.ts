<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/today.py" line="314"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../pages/today.py" line="74"/>
        <source>Not started</source>
        <extracomment>Overdue shops listed per tier (the counts cover them all). Rows read at a time by the lists that scroll (a few show at once; more come as they scroll): reading 200 of each made the first paint slower for rows nobody sees. Tables a change to which can alter what Today shows.</extracomment>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="76"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="95"/>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="97"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="131"/>
        <source>No consent yet</source>
        <translation>尚未同意联系</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/today.py" line="105"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/today.py" line="109"/>
        <source>Quiet for %n days</source>
        <translation>
            <numerusform>%n 天未联系</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="160"/>
        <location filename="../../pages/today.py" line="170"/>
        <location filename="../../pages/today.py" line="182"/>
        <location filename="../../pages/today.py" line="188"/>
        <location filename="../../pages/today.py" line="200"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="163"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="167"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="172"/>
        <source>Visit</source>
        <translation>拜访日期</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="177"/>
        <source>Supervisor&apos;s comment</source>
        <translation>主管意见</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="184"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="187"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="189"/>
        <source>Level</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="191"/>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="197"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="198"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="199"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="203"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="204"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="205"/>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="207"/>
        <source>Confirmed</source>
        <translation>确认/邀请</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="579"/>
        <source>%1 visits planned: %2 done, %3 in progress</source>
        <translation>计划拜访 %1 家：已完成 %2，进行中 %3</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="584"/>
        <source>Planned visits (%1)</source>
        <translation>今日计划拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="588"/>
        <source>This week: %1 of %2 planned visits kept (%3)</source>
        <translation>本周计划拜访已执行 %1 / %2（%3）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="594"/>
        <source>A planned visit counts as kept with both check-in and check-out.</source>
        <translation>计划拜访须签到并签退才算执行。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="599"/>
        <source>Returned by your supervisor (%1)</source>
        <translation>主管退回的拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="603"/>
        <source>Overdue for a visit (%1)</source>
        <translation>超期未拜访的门店（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="610"/>
        <source>Owners gone quiet (%1)</source>
        <translation>久未联系的店主（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="611"/>
        <source>KOCs to follow up (%1)</source>
        <translation>待跟进的 KOC（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="612"/>
        <source>Events in the next 14 days (%1)</source>
        <translation>未来 14 天的活动（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="617"/>
        <source>Today, %1</source>
        <translation>今日 %1</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="624"/>
        <source>Click a row to open it</source>
        <translation>点击任一行即可打开</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="626"/>
        <source>No visits planned for today. Press Ctrl+N to start one.</source>
        <translation>今天没有计划拜访。按 Ctrl+N 新建一次拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="629"/>
        <source>No shop is overdue. Well done.</source>
        <translation>没有超期的门店，做得好！</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="630"/>
        <source>Every owner was contacted in the last 30 days.</source>
        <translation>近 30 天每位店主都联系过。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="631"/>
        <source>No KOC needs a follow-up.</source>
        <translation>没有需要跟进的 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="632"/>
        <source>No events in the next 14 days.</source>
        <translation>未来 14 天没有活动。</translation>
    </message>
</context>
</TS>
