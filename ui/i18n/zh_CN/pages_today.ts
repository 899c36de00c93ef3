<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/today.py" line="295"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../pages/today.py" line="70"/>
        <source>Not started</source>
        <extracomment>Overdue shops listed per tier (the counts cover them all). Tables a change to which can alter what Today shows.</extracomment>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="71"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="72"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="93"/>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="95"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="96"/>
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="118"/>
        <source>No consent yet</source>
        <translation>尚未同意联系</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="119"/>
        <source>Quiet for %1 days</source>
        <translation>%1 天未联系</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="154"/>
        <location filename="../../pages/today.py" line="164"/>
        <location filename="../../pages/today.py" line="176"/>
        <location filename="../../pages/today.py" line="182"/>
        <location filename="../../pages/today.py" line="194"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="155"/>
        <location filename="../../pages/today.py" line="177"/>
        <source>Tier</source>
        <translation>分级</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="157"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="161"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="166"/>
        <source>Visit</source>
        <translation>拜访日期</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="171"/>
        <source>Supervisor&apos;s comment</source>
        <translation>主管意见</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="178"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="181"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="183"/>
        <source>Level</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="185"/>
        <source>Last contact</source>
        <translation>上次联系</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="191"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="192"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="193"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="197"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="198"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="199"/>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="201"/>
        <source>Confirmed</source>
        <translation>确认/邀请</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="515"/>
        <source>%1 visits planned: %2 done, %3 in progress</source>
        <translation>计划拜访 %1 家：已完成 %2，进行中 %3</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="520"/>
        <source>Planned visits (%1)</source>
        <translation>今日计划拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="522"/>
        <source>Returned by your supervisor (%1)</source>
        <translation>主管退回的拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="526"/>
        <source>Overdue for a visit (%1)</source>
        <translation>超期未拜访的门店（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="533"/>
        <source>Owners gone quiet (%1)</source>
        <translation>久未联系的店主（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="534"/>
        <source>KOCs to follow up (%1)</source>
        <translation>待跟进的 KOC（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="535"/>
        <source>Events in the next 14 days (%1)</source>
        <translation>未来 14 天的活动（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="540"/>
        <source>Today, %1</source>
        <translation>今日 %1</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="547"/>
        <source>Click a row to open it</source>
        <translation>点击任一行即可打开</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="549"/>
        <source>No visits planned for today. Press Ctrl+N to start one.</source>
        <translation>今天没有计划拜访。按 Ctrl+N 新建一次拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="552"/>
        <source>No shop is overdue. Well done.</source>
        <translation>没有超期的门店，做得好！</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="553"/>
        <source>Every owner was contacted in the last 30 days.</source>
        <translation>近 30 天每位店主都联系过。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="554"/>
        <source>No KOC needs a follow-up.</source>
        <translation>没有需要跟进的 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/today.py" line="555"/>
        <source>No events in the next 14 days.</source>
        <translation>未来 14 天没有活动。</translation>
    </message>
</context>
</TS>
