<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopLoopLine</name>
    <message>
        <location filename="../../widgets/shop_loop.py" line="52" />
        <source>Cloud store, last %1 days: no orders.</source>
        <extracomment>The days the line counts, as the Counties page's revenue does.</extracomment>
        <translation>云店近 %1 天：没有订单。</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_loop.py" line="58" />
        <source>Cloud store, last %1 days: orders %2, %3; driven by its own KOCs: orders %4, %5 (%6).</source>
        <translation>云店近 %1 天：订单 %2 笔，%3；本店 KOC 带来：订单 %4 笔，%5（%6）。</translation>
    </message>
</context>
</TS>