<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/review.py" line="456" />
        <source>Review</source>
        <translation>审核</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../pages/review.py" line="155" />
        <source>Price override</source>
        <translation>改价原因</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="105" />
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="109" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="110" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="111" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="113" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="116" />
        <location filename="../../pages/review.py" line="441" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="123" />
        <source>Order value</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="130" />
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="137" />
        <location filename="../../pages/review.py" line="443" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="144" />
        <source>Returned</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="152" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="153" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="154" />
        <location filename="../../pages/review.py" line="431" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="155" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="164" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="165" />
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="166" />
        <source>By</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="167" />
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="329" />
        <source>Choose a visit on the left.</source>
        <translation>请在左侧选择一条拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="353" />
        <source>Owner %1 (level %2)</source>
        <translation>店主 %1（客情 %2 级）</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="363" />
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="369" />
        <source>No order taken.</source>
        <translation>未下订单。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="373" />
        <source>traits %1/20</source>
        <translation>特质 %1/20</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="379" />
        <source>no consent yet</source>
        <translation>尚未同意联系</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="383" />
        <source>No KOC spotted.</source>
        <translation>未发现 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="429" />
        <source>Display</source>
        <translation>陈列</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="430" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="432" />
        <source>Competitors</source>
        <translation>竞品</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="433" />
        <source>Check notes</source>
        <translation>检查备注</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="434" />
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="435" />
        <source>Relationship notes</source>
        <translation>客情记录</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="436" />
        <source>Next actions</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="440" />
        <source>What the rep recorded</source>
        <translation>业务员记录的内容</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="442" />
        <source>KOCs spotted</source>
        <translation>发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="444" />
        <source>No photos.</source>
        <translation>没有照片。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="445" />
        <source>Review history</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="447" />
        <source>First review of this visit.</source>
        <translation>这次拜访第一次审核。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="580" />
        <source>All reps</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="585" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/review.py" line="637" />
        <location filename="../../pages/review.py" line="750" />
        <location filename="../../pages/review.py" line="796" />
        <source>%n visits waiting</source>
        <translation>
            <numerusform>待审核 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="691" />
        <source>Write what the rep should fix before returning the visit.</source>
        <translation>退回前请写明业务员需要改正的内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../pages/review.py" line="721" />
        <source>Approve %n selected</source>
        <translation>
            <numerusform>批准所选 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="787" />
        <source>No submitted visits wait for review.</source>
        <translation>没有待审核的拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="788" />
        <source>Show every rep, county and day</source>
        <translation>显示全部业务员、区县和日期</translation>
    </message>
</context>
</TS>