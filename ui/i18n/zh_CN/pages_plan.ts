<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/plan.py" line="53" />
        <source>Plan</source>
        <extracomment>Days in the week strip, from today. Tables whose changes make the plan stale.</extracomment>
        <translation>计划</translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <location filename="../../pages/plan.py" line="179" />
        <source>Plan for %1</source>
        <translation>%1 的拜访计划</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="188" />
        <source>1 stop</source>
        <translation>1 站</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="188" />
        <source>%1 stops</source>
        <translation>%1 站</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="190" />
        <source>%1 km by road</source>
        <translation>路程约 %1 公里</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="194" />
        <source>last arrival %1</source>
        <translation>最后一站 %1 到达</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="198" />
        <source>Road distance is estimated as the straight line × 1.3 (no road network offline), 30 km/h, 20 minutes a visit, leaving at 08:30 from the start point.</source>
        <translation>路程按直线距离 × 1.3 估算（离线没有路网），车速 30 公里/小时，每次拜访 20 分钟，08:30 从出发点出发。</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="221" />
        <source>Week of %1: %2 of %3 planned visits kept</source>
        <translation>%1 这一周：计划拜访已执行 %2 / %3</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="229" />
        <source>A planned visit counts as kept with both check-in and check-out.</source>
        <translation>计划拜访须签到并签退才算执行。</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="293" />
        <source>Finding the shortest route…</source>
        <translation>正在计算最短路线…</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="320" />
        <source>Save the route sheet</source>
        <translation>保存路线单</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="320" />
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="329" />
        <source>Route sheet saved: %1</source>
        <translation>路线单已保存：%1</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="338" />
        <source>Save the calendar</source>
        <translation>保存日历</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="338" />
        <source>Calendar (*.ics)</source>
        <translation>日历文件 (*.ics)</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="360" />
        <source>Calendar saved: %1</source>
        <translation>日历已保存：%1</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="366" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="367" />
        <source>Previous day</source>
        <translation>前一天</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="368" />
        <source>Next day</source>
        <translation>后一天</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="369" />
        <source>Plan the due shops</source>
        <translation>排入到期门店</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="371" />
        <source>Add a stop for every shop due on this day's route that has none yet</source>
        <translation>把当天线路上到期、尚未排入的门店都加入计划</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="373" />
        <source>Order by shortest route</source>
        <translation>按最短路线排序</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="374" />
        <source>Route sheet PDF…</source>
        <translation>路线单 PDF…</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="375" />
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../pages/plan.py" line="376" />
        <source>Calendar (.ics)…</source>
        <translation>日历 (.ics)…</translation>
    </message>
</context>
</TS>