<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/review.py" line="419" />
        <source>Review</source>
        <translation>审核</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../pages/review.py" line="102" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="103" />
        <location filename="../../pages/review.py" line="741" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="104" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="105" />
        <location filename="../../pages/review.py" line="743" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="106" />
        <location filename="../../pages/review.py" line="742" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="109" />
        <location filename="../../pages/review.py" line="404" />
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="116" />
        <location filename="../../pages/review.py" line="406" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="123" />
        <source>Returned</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="131" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="132" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="133" />
        <location filename="../../pages/review.py" line="394" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="134" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="143" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="144" />
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="145" />
        <source>By</source>
        <translation>审核人</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="146" />
        <source>Comment</source>
        <translation>意见</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="301" />
        <source>Choose a visit on the left.</source>
        <translation>请在左侧选择一条拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="325" />
        <source>Owner %1 (level %2)</source>
        <translation>店主 %1（客情 %2 级）</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="335" />
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="341" />
        <source>No order taken.</source>
        <translation>未下订单。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="345" />
        <source>traits %1/20</source>
        <translation>特质 %1/20</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="351" />
        <source>no consent yet</source>
        <translation>尚未同意联系</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="355" />
        <source>No KOC spotted.</source>
        <translation>未发现 KOC。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="392" />
        <source>Display</source>
        <translation>陈列</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="393" />
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="395" />
        <source>Competitors</source>
        <translation>竞品</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="396" />
        <source>Check notes</source>
        <translation>检查备注</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="397" />
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="398" />
        <source>Relationship notes</source>
        <translation>客情记录</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="399" />
        <source>Next actions</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="403" />
        <source>What the rep recorded</source>
        <translation>业务员记录的内容</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="405" />
        <source>KOCs spotted</source>
        <translation>发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="407" />
        <source>No photos.</source>
        <translation>没有照片。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="408" />
        <source>Review history</source>
        <translation>审核记录</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="410" />
        <source>First review of this visit.</source>
        <translation>这次拜访第一次审核。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="568" />
        <location filename="../../pages/review.py" line="747" />
        <source>All reps</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="573" />
        <location filename="../../pages/review.py" line="748" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="626" />
        <location filename="../../pages/review.py" line="705" />
        <location filename="../../pages/review.py" line="771" />
        <source>%1 visits waiting</source>
        <translation>待审核 %1 条</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="680" />
        <source>Write what the rep should fix before returning the visit.</source>
        <translation>退回前请写明业务员需要改正的内容。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="749" />
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="752" />
        <source>Visit days</source>
        <translation>拜访日期</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="754" />
        <source>No submitted visits wait for review.</source>
        <translation>没有待审核的拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="757" />
        <source>Comment for the rep (required to return):</source>
        <translation>给业务员的意见（退回时必填）：</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="760" />
        <source>E.g. the shelf photo is blurred; take it again from the front.</source>
        <translation>例如：货架照片模糊，请从正面重拍。</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="764" />
        <source>Approve</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="765" />
        <source>Return to rep</source>
        <translation>退回业务员</translation>
    </message>
    <message>
        <location filename="../../pages/review.py" line="766" />
        <source>Open visit page</source>
        <translation>打开拜访页面</translation>
    </message>
</context>
</TS>