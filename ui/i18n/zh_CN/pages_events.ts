<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../pages/events.py" line="602"/>
        <source>Invited %1 · confirmed %2 · attended %3</source>
        <extracomment>Open an event (its id). Plan a new event on a day (a ``date``) at an hour (int, or None). The selected day moved (a ``date``); the page may need to move the period.</extracomment>
        <translation>已邀请 %1 · 已确认 %2 · 已到场 %3</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="733"/>
        <source>+%1 more</source>
        <translation>还有 %1 场</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/events.py" line="946"/>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="947"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="948"/>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="949"/>
        <source>Venue</source>
        <translation>场地</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="950"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="951"/>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="952"/>
        <source>Invited</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="953"/>
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="954"/>
        <source>Attended</source>
        <translation>到场</translation>
    </message>
</context>
<context>
    <name>EventWarnings</name>
    <message>
        <location filename="../../pages/events.py" line="162"/>
        <source>%1 (%2)</source>
        <extracomment>Text of a non-blocking warning: amber, readable, not an error.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="169"/>
        <source>You already have an event at this time: %1</source>
        <translation>这个时间您已有活动：%1</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="175"/>
        <source>%1 is already booked at this time: %2</source>
        <translation>%1 在这个时间已被预订：%2</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="187"/>
        <source>Over capacity: %1 people invited (not counting no-shows) for %2 places</source>
        <translation>超出名额：已邀请 %1 人（不含未到场），名额只有 %2 个</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../pages/events.py" line="1241"/>
        <source>All events</source>
        <translation>全部活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1246"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1247"/>
        <source>d MMM</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1248"/>
        <source>d MMM yyyy</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1252"/>
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1267"/>
        <source>%1 events</source>
        <translation>共 %1 场活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1269"/>
        <source>%1 events this week</source>
        <translation>本周 %1 场活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1271"/>
        <source>%1 events this month</source>
        <translation>本月 %1 场活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1277"/>
        <source>dddd, d MMMM</source>
        <translation>M月d日 dddd</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1285"/>
        <source>invited %1, confirmed %2</source>
        <translation>已邀请 %1，已确认 %2</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1313"/>
        <source>No events on this day</source>
        <translation>这一天没有活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1316"/>
        <source>New event on this day</source>
        <translation>在这一天新建活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1381"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1382"/>
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1383"/>
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1384"/>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1385"/>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1386"/>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1387"/>
        <source>+ New event</source>
        <translation>+ 新建活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1388"/>
        <source>Search title or venue</source>
        <translation>搜索活动名称或场地</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1389"/>
        <source>Only my events</source>
        <translation>只看我的活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1392"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1398"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1399"/>
        <source>Not cancelled</source>
        <translation>未取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/events.py" line="963"/>
        <source>Events</source>
        <translation>活动</translation>
    </message>
</context>
<context>
    <name>NewEventDialog</name>
    <message>
        <location filename="../../pages/events.py" line="1443"/>
        <source>Kind</source>
        <extracomment>The new event was saved (its id).</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1446"/>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1447"/>
        <source>e.g. Golden ten-year tasting dinner</source>
        <translation>例如：金典十年品鉴晚宴</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1457"/>
        <source>Venue note</source>
        <translation>场地说明</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1458"/>
        <source>Private room, or a place that is no shop</source>
        <translation>包间号，或不是门店的场地</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1463"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1465"/>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1468"/>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1473"/>
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1474"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1573"/>
        <source>Pick the venue shop from the list, or clear it.</source>
        <translation>请从列表中选择场地门店，或清空该栏。</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1602"/>
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1603"/>
        <source>Venue shop</source>
        <translation>场地门店</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1604"/>
        <source>Products to show</source>
        <translation>品鉴产品</translation>
    </message>
</context>
<context>
    <name>VenuePicker</name>
    <message>
        <location filename="../../pages/events.py" line="289"/>
        <source>Venue shop: %1</source>
        <translation>场地门店：%1</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="295"/>
        <source>Not chosen yet: pick a shop from the list, or clear the box</source>
        <translation>尚未选定：请从列表中选择门店，或清空输入框</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="301"/>
        <source>Type a shop name, pinyin or initials and pick from the list</source>
        <translation>输入门店名称、拼音或首字母，然后从列表中选择</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="308"/>
        <source>Search shops: 鑫旺, xinwang, xw …</source>
        <translation>搜索门店：鑫旺、xinwang、xw …</translation>
    </message>
</context>
</TS>
