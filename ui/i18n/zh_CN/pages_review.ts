<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/review.py" line="529"/>
        <source>Review</source>
        <translation>审核</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../pages/review.py" line="205"/>
        <source>Price override</source>
        <translation>改价原因</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="114"/>
        <source>%1 min</source>
        <extracomment>A review photo item&apos;s photo id.</extracomment>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="118"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="119"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="120"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="122"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="125"/>
        <location filename="../../pages/review.py" line="513"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="132"/>
        <source>Order value</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="139"/>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="146"/>
        <location filename="../../pages/review.py" line="515"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="153"/>
        <source>Returned</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="200"/>
        <source>Product</source>
        <extracomment>The queue&apos;s photos column: the count, and the visit&apos;s evidence flags (the rep&apos;s device&apos;s findings, fieldapp.evidence) as a pill &quot;3 ⚠2&quot; whose tooltip names them (no column of its own: at 1366x768 the shop&apos;s name needs the room).</extracomment>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="201"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="202"/>
        <location filename="../../pages/review.py" line="503"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="203"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="214"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="215"/>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="216"/>
        <source>By</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="217"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="381"/>
        <source>Choose a visit on the left.</source>
        <translation>请在左侧选择一条拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="406"/>
        <source>Owner %1 (level %2)</source>
        <translation>店主 %1（客情 %2 级）</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="416"/>
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="422"/>
        <source>No order taken.</source>
        <translation>未下订单。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="426"/>
        <source>traits %1/20</source>
        <translation>特质 %1/20</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="432"/>
        <source>no consent yet</source>
        <translation>尚未同意联系</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="436"/>
        <source>No KOC spotted.</source>
        <translation>未发现 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="501"/>
        <source>Display</source>
        <translation>陈列</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="502"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="504"/>
        <source>Competitors</source>
        <translation>竞品</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="505"/>
        <source>Check notes</source>
        <translation>检查备注</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="506"/>
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="507"/>
        <source>Relationship notes</source>
        <translation>客情记录</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="508"/>
        <source>Next actions</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="512"/>
        <source>What the rep recorded</source>
        <translation>业务员记录的内容</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="514"/>
        <source>KOCs spotted</source>
        <translation>发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="516"/>
        <source>No photos.</source>
        <translation>没有照片。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="517"/>
        <source>Review history</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="520"/>
        <source>First review of this visit.</source>
        <translation>这次拜访第一次审核。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="658"/>
        <source>All reps</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="663"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/review.py" line="715"/>
        <location filename="../../pages/review.py" line="824"/>
        <location filename="../../pages/review.py" line="868"/>
        <source>%n visits waiting</source>
        <translation>
            <numerusform>待审核 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="768"/>
        <source>Write what the rep should fix before returning the visit.</source>
        <translation>退回前请写明业务员需要改正的内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/review.py" line="797"/>
        <source>Approve %n selected</source>
        <translation>
            <numerusform>批准所选 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="860"/>
        <source>No submitted visits wait for review.</source>
        <translation>没有待审核的拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="861"/>
        <source>Show every rep, county and day</source>
        <translation>显示全部业务员、区县和日期</translation>
    </message>
</context>
</TS>
