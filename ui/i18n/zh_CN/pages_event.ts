<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/event.py" line="135"/>
        <location filename="../../pages/event.py" line="465"/>
        <location filename="../../pages/event.py" line="474"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="136"/>
        <source>Who</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="137"/>
        <source>Shop or county</source>
        <translation>门店 / 区县</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="138"/>
        <location filename="../../pages/event.py" line="469"/>
        <location filename="../../pages/event.py" line="478"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="139"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="140"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="141"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="457"/>
        <source>Already invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="466"/>
        <location filename="../../pages/event.py" line="476"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="467"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="468"/>
        <source>Traits</source>
        <translation>特质分</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="470"/>
        <location filename="../../pages/event.py" line="479"/>
        <source>Invited?</source>
        <translation>是否已邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="475"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="477"/>
        <source>Relationship</source>
        <translation>客情</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../pages/event.py" line="621"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="622"/>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="631"/>
        <source>Venue note</source>
        <translation>场地说明</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="632"/>
        <source>Private room, or a place that is no shop</source>
        <translation>包间号，或不是门店的场地</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="634"/>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="635"/>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="636"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="639"/>
        <source>Places</source>
        <translation>名额</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="644"/>
        <source>Budget (yuan)</source>
        <translation>预算（元）</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="903"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="904"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="905"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="906"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="932"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1071"/>
        <source>Rep: %1</source>
        <translation>业务员：%1</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1074"/>
        <source>Products: %1</source>
        <translation>产品：%1</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1103"/>
        <location filename="../../pages/event.py" line="1645"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1143"/>
        <source>New KOCs are linked to the venue shop %1.</source>
        <translation>新 KOC 会关联到场地门店 %1。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1146"/>
        <source>The event has no venue shop to link new KOCs to.</source>
        <translation>本活动没有场地门店，新 KOC 不会关联门店。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1244"/>
        <source>Pick the venue shop from the list, or clear it.</source>
        <translation>请从列表中选择场地门店，或清空该栏。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1353"/>
        <source>%1 KOCs</source>
        <translation>%1 位 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1354"/>
        <source>%1 owners</source>
        <translation>%1 位店主</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1389"/>
        <source>Invited %1.</source>
        <translation>已邀请 %1 人。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1391"/>
        <source>%1 already invited, skipped.</source>
        <translation>%1 人此前已邀请，已跳过。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1441"/>
        <source>Remove invitations</source>
        <translation>移除邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1442"/>
        <source>Remove %1 invitation(s) from this event?</source>
        <translation>要从本活动移除 %1 个邀请吗？</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1479"/>
        <source>Attended %1 of %2 · no-show %3</source>
        <translation>已到场 %1 / %2 · 未到场 %3</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1532"/>
        <source>Attach photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1534"/>
        <source>Pictures (*.jpg *.jpeg *.png *.webp *.heic)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.heic)</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1566"/>
        <source>Invite selected KOCs (%1)</source>
        <translation>邀请所选 KOC（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1569"/>
        <source>Invite selected owners (%1)</source>
        <translation>邀请所选店主（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1612"/>
        <source>‹ All events</source>
        <translation>‹ 全部活动</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1613"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1614"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1615"/>
        <source>This event no longer exists.</source>
        <translation>这个活动已不存在。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1617"/>
        <source>Invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1618"/>
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1619"/>
        <source>Attended</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1620"/>
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1621"/>
        <source>Expected / places</source>
        <translation>预计到场 / 名额</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1622"/>
        <source>Attendance rate</source>
        <translation>到场率</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1623"/>
        <source>Average feedback</source>
        <translation>平均反馈</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1624"/>
        <source>KOCs found</source>
        <translation>发现 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1629"/>
        <source>Details</source>
        <translation>活动信息</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1629"/>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1629"/>
        <source>Check-in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1629"/>
        <source>Outcomes</source>
        <translation>活动成果</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1632"/>
        <source>Venue shop</source>
        <translation>场地门店</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1633"/>
        <source>Products to show</source>
        <translation>品鉴产品</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1636"/>
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1637"/>
        <source>Owners</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1638"/>
        <source>Name, pinyin, initials or phone</source>
        <translation>姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1639"/>
        <source>Owner or shop: name, pinyin or phone</source>
        <translation>店主或门店：名称、拼音或电话</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1640"/>
        <location filename="../../pages/event.py" line="1641"/>
        <source>Show people already invited</source>
        <translation>显示已邀请的人</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1648"/>
        <source>Find a person: name, pinyin, initials or phone</source>
        <translation>查找：姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1653"/>
        <source>Everyone invited</source>
        <translation>全部受邀人</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1654"/>
        <source>Not checked in yet</source>
        <translation>尚未签到</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1659"/>
        <source>Attended (A)</source>
        <translation>到场 (A)</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1660"/>
        <source>No-show (N)</source>
        <translation>未到场 (N)</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1661"/>
        <source>Confirmed (C)</source>
        <translation>已确认 (C)</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1662"/>
        <source>Remove invitation</source>
        <translation>移除邀请</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1664"/>
        <source>Keys: A attended · N no-show · C confirmed · I invited · 1–5 feedback</source>
        <translation>快捷键：A 到场 · N 未到场 · C 已确认 · I 已邀请 · 1–5 反馈</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1667"/>
        <source>Feedback from attendees</source>
        <translation>到场人员反馈</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1669"/>
        <source>Select a person and press 1–5 (0 clears). Only people who attended.</source>
        <translation>选中一人后按 1–5 打分（0 清除），仅限到场的人。</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1671"/>
        <source>KOCs found at this event</source>
        <translation>本次活动发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1672"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1673"/>
        <source>Add KOC found here</source>
        <translation>添加在此发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1674"/>
        <source>Notes and photos</source>
        <translation>备注和照片</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1675"/>
        <source>Attach photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1689"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1690"/>
        <source>Not dormant</source>
        <translation>非沉睡</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1697"/>
        <source>Any relationship level</source>
        <translation>全部客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1698"/>
        <source>Level 5 only</source>
        <translation>仅 5 级</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1699"/>
        <source>Level 4 and up</source>
        <translation>4 级及以上</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1700"/>
        <source>Level 3 and up</source>
        <translation>3 级及以上</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="1701"/>
        <source>Level 2 and up</source>
        <translation>2 级及以上</translation>
    </message>
</context>
<context>
    <name>InvitationModel</name>
    <message>
        <location filename="../../pages/event.py" line="210"/>
        <source>Press 1–5 to give feedback, 0 to clear it</source>
        <extracomment>Something was written (the page refreshes its numbers). An action was refused; the words to show.</extracomment>
        <translation>按 1–5 打分，按 0 清除</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="217"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/event.py" line="217"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/event.py" line="511"/>
        <source>Event</source>
        <translation>活动详情</translation>
    </message>
</context>
</TS>
