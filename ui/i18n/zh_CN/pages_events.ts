<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../pages/events.py" line="674" />
        <source>+%1 more</source>
        <extracomment>Open an event (its id). Plan a new event on a day (a ``date``) at an hour (int, or None). The selected day moved (a ``date``); the page may need to move the period.</extracomment>
        <translation>还有 %1 场</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/events.py" line="887" />
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="888" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="889" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="890" />
        <source>Venue</source>
        <translation>场地</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="891" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="892" />
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="893" />
        <source>Invited</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="894" />
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="895" />
        <source>Attended</source>
        <translation>到场</translation>
    </message>
</context>
<context>
    <name>EventWarnings</name>
    <message>
        <location filename="../../pages/events.py" line="120" />
        <source>%1 (%2)</source>
        <extracomment>Text of a non-blocking warning: amber, readable, not an error.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="127" />
        <source>You already have an event at this time: %1</source>
        <translation>这个时间您已有活动：%1</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="133" />
        <source>%1 is already booked at this time: %2</source>
        <translation>%1 在这个时间已被预订：%2</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="145" />
        <source>Over capacity: %1 people invited (not counting no-shows) for %2 places</source>
        <translation>超出名额：已邀请 %1 人（不含未到场），名额只有 %2 个</translation>
    </message>
</context>
<context>
    <name>EventsPage</name>
    <message>
        <location filename="../../pages/events.py" line="1135" />
        <source>All events</source>
        <translation>全部活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1140" />
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1141" />
        <source>d MMM</source>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1142" />
        <source>d MMM yyyy</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1146" />
        <source>MMMM yyyy</source>
        <translation>yyyy年M月</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/events.py" line="1162" />
        <source>%n events</source>
        <translation>
            <numerusform>%n 场活动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/events.py" line="1164" />
        <source>%n events this week</source>
        <translation>
            <numerusform>本周 %n 场活动</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/events.py" line="1166" />
        <source>%n events this month</source>
        <translation>
            <numerusform>本月 %n 场活动</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1238" />
        <source>No events match. Plan a tasting or a scene event for your KOCs.</source>
        <translation>没有符合条件的活动。给 KOC 安排一场品鉴会或场景体验吧。</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1239" />
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1241" />
        <source>Search title or venue</source>
        <translation>搜索活动名称或场地</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1244" />
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1249" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1250" />
        <source>Not cancelled</source>
        <translation>未取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/events.py" line="904" />
        <source>Events</source>
        <translation>活动</translation>
    </message>
</context>
<context>
    <name>NewEventDialog</name>
    <message>
        <location filename="../../pages/events.py" line="1305" />
        <source>Kind</source>
        <extracomment>The new event was saved (its id).</extracomment>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1308" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1309" />
        <source>e.g. Golden ten-year tasting dinner</source>
        <translation>例如：金典十年品鉴晚宴</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1319" />
        <source>Venue note</source>
        <translation>场地说明</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1320" />
        <source>Private room, or a place that is no shop</source>
        <translation>包间号，或不是门店的场地</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1325" />
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1327" />
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1330" />
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1335" />
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1336" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1426" />
        <source>Pick the venue shop from the list, or clear it.</source>
        <translation>请从列表中选择场地门店，或清空该栏。</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1455" />
        <source>New event</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1456" />
        <source>Venue shop</source>
        <translation>场地门店</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="1457" />
        <source>Products to show</source>
        <translation>品鉴产品</translation>
    </message>
</context>
<context>
    <name>VenuePicker</name>
    <message>
        <location filename="../../pages/events.py" line="247" />
        <source>Venue shop: %1</source>
        <translation>场地门店：%1</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="253" />
        <source>Not chosen yet: pick a shop from the list, or clear the box</source>
        <translation>尚未选定：请从列表中选择门店，或清空输入框</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="259" />
        <source>Type a shop name, pinyin or initials and pick from the list</source>
        <translation>输入门店名称、拼音或首字母，然后从列表中选择</translation>
    </message>
    <message>
        <location filename="../../pages/events.py" line="266" />
        <source>Search shops: 鑫旺, xinwang, xw …</source>
        <translation>搜索门店：鑫旺、xinwang、xw …</translation>
    </message>
</context>
</TS>