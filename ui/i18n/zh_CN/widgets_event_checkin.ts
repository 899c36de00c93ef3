<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventCheckin</name>
    <message>
        <location filename="../../widgets/event_checkin.py" line="146" />
        <source>Remove invitations</source>
        <extracomment>A feedback key (1-5, 0 clears) pressed in the table: the page writes it.</extracomment>
        <translation>移除邀请</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="147" />
        <source>Remove %1 invitation(s) from this event?</source>
        <translation>要从本活动移除 %1 个邀请吗？</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="168" />
        <source>Attended %1 of %2 · no-show %3</source>
        <translation>已到场 %1 / %2 · 未到场 %3</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="176" />
        <source>Find a person: name, pinyin, initials or phone</source>
        <translation>查找：姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="181" />
        <source>Everyone invited</source>
        <translation>全部受邀人</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="182" />
        <source>Not checked in yet</source>
        <translation>尚未签到</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="187" />
        <source>Attended (A)</source>
        <translation>到场 (A)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="188" />
        <source>No-show (N)</source>
        <translation>未到场 (N)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="189" />
        <source>Confirmed (C)</source>
        <translation>已确认 (C)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="190" />
        <source>Remove invitation</source>
        <translation>移除邀请</translation>
    </message>
    <message>
        <location filename="../../widgets/event_checkin.py" line="192" />
        <source>Keys: A attended · N no-show · C confirmed · I invited · 1–5 feedback</source>
        <translation>快捷键：A 到场 · N 未到场 · C 已确认 · I 已邀请 · 1–5 反馈</translation>
    </message>
</context>
</TS>