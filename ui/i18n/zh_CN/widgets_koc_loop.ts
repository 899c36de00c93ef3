<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>KocLoopLine</name>
    <message>
        <location filename="../../widgets/koc_loop.py" line="52" />
        <source>B→KOC→C: events attended %1, pushes %2, orders behind %3, revenue %4.</source>
        <translation>B→KOC→C：参加活动 %1 场，社群推送 %2 次，带来订单 %3 笔，金额 %4。</translation>
    </message>
</context>
</TS>