<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EventOutcomes</name>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="208" />
        <source>New KOCs are linked to the venue shop %1.</source>
        <translation>新 KOC 会关联到场地门店 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="211" />
        <source>The event has no venue shop to link new KOCs to.</source>
        <translation>本活动没有场地门店，新 KOC 不会关联门店。</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="300" />
        <source>Attach photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="302" />
        <source>Pictures (*.jpg *.jpeg *.png *.webp *.heic)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.heic)</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="326" />
        <source>Feedback from attendees</source>
        <translation>到场人员反馈</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="328" />
        <source>Select a person and press 1–5 (0 clears). Only people who attended.</source>
        <translation>选中一人后按 1–5 打分（0 清除），仅限到场的人。</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="330" />
        <source>KOCs found at this event</source>
        <translation>本次活动发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="331" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="332" />
        <source>Add KOC found here</source>
        <translation>添加在此发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="333" />
        <source>Notes and photos</source>
        <translation>备注和照片</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="334" />
        <source>Attach photos…</source>
        <translation>添加照片…</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="127" />
        <source>Name</source>
        <extracomment>A feedback key (1-5, 0 clears) pressed in the feedback table: the page writes it. A KOC found here was created (their id).</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="128" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="129" />
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="130" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../widgets/event_outcomes.py" line="157" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
</TS>