<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../widgets/event_invitations.py" line="83"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="84"/>
        <source>Who</source>
        <translation>身份</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="85"/>
        <source>Shop or county</source>
        <translation>门店 / 区县</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="86"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="87"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="88"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="89"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>InvitationModel</name>
    <message>
        <location filename="../../widgets/event_invitations.py" line="158"/>
        <source>Press 1–5 to give feedback, 0 to clear it</source>
        <extracomment>Something was written (the page refreshes its numbers). An action was refused; the words to show.</extracomment>
        <translation>按 1–5 打分，按 0 清除</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="165"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/event_invitations.py" line="165"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
</context>
</TS>
