<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitCampaigns</name>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="146"/>
        <source>Photo</source>
        <extracomment>The widget the rows follow in the page&apos;s keyboard order (set by the page).</extracomment>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="146"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="149"/>
        <location filename="../../widgets/visit_campaigns.py" line="185"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="157"/>
        <source>Head office&apos;s tasks</source>
        <translation>总部活动任务</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="161"/>
        <source>%1 · %2: %3 (until %4)</source>
        <translation>%1 · %2：%3（截至 %4）</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="170"/>
        <source>Not yet</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="170"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="170"/>
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="172"/>
        <source>Choose the photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="174"/>
        <source>Answer (or why not)</source>
        <translation>回答（或未完成原因）</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_campaigns.py" line="176"/>
        <source>Note (why not, when not done)</source>
        <translation>备注（未完成时说明原因）</translation>
    </message>
</context>
</TS>
