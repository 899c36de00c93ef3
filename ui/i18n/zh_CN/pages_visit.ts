<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/visit.py" line="193"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../pages/visit.py" line="96"/>
        <source>Acquaintances</source>
        <extracomment>The KOC traits: field, short label, what it means (tooltip).</extracomment>
        <translation>人脉广</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="97"/>
        <source>Has many close acquaintances</source>
        <translation>熟人多、人脉广</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="101"/>
        <source>Tries new things</source>
        <translation>爱尝鲜</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="102"/>
        <source>Loves trying new things</source>
        <translation>喜欢尝试新东西</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="106"/>
        <source>Shares</source>
        <translation>爱分享</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="107"/>
        <source>Loves sharing</source>
        <translation>喜欢分享、爱推荐</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="111"/>
        <source>Knows the category</source>
        <translation>懂品类</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="112"/>
        <source>Knows the category and can teach others</source>
        <translation>懂行，能给别人讲明白</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="127"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="128"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="129"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="377"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="139"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="132"/>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="371"/>
        <source>Display</source>
        <translation>陈列</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="374"/>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="381"/>
        <source>Competitors</source>
        <translation>竞品</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="385"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="484"/>
        <source>What we talked about</source>
        <translation>聊了什么</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="488"/>
        <source>Level after this visit</source>
        <translation>拜访后客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="505"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="508"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="509"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="551"/>
        <source>What, and by when</source>
        <translation>做什么、何时完成</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="740"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="741"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="742"/>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="748"/>
        <source>Owner %1, relationship level %2</source>
        <translation>店主 %1，客情等级 %2</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="755"/>
        <source>No owner on record</source>
        <translation>尚未登记店主</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="757"/>
        <source>Planned for %1</source>
        <translation>计划日期 %1</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="769"/>
        <source>Your supervisor approved this visit. It can no longer be changed.</source>
        <translation>主管已通过这次拜访，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="773"/>
        <source>This visit was submitted for review. It can no longer be changed.</source>
        <translation>这次拜访已提交审核，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="777"/>
        <source>Not checked in yet</source>
        <translation>尚未签到</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="780"/>
        <source>Checked in at %1</source>
        <translation>%1 签到</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="786"/>
        <source>Checked out at %1</source>
        <translation>%1 签退</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="791"/>
        <source>1 = distant, 5 = close. Now: %1. Recorded for the owner at check-out.</source>
        <translation>1 = 生疏，5 = 亲密。当前：%1。签退时记入店主客情。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="795"/>
        <source>1 = distant, 5 = close.</source>
        <translation>1 = 生疏，5 = 亲密。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="808"/>
        <source>%1 lines, total ¥%2</source>
        <translation>共 %1 行，合计 ¥%2</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="813"/>
        <source>No order yet</source>
        <translation>还没有订单</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="881"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="981"/>
        <source>Some fields are marked in red. Correct them before submitting.</source>
        <translation>有红字提示的内容，请先改正再提交。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1058"/>
        <source>Several or no products match. Choose one from the list.</source>
        <translation>匹配的产品有多个或没有，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1072"/>
        <source>Choose a product first.</source>
        <translation>请先选择产品。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1102"/>
        <source>Select the line to remove.</source>
        <translation>请先选中要删除的行。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1212"/>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1213"/>
        <source>Remove the selected photo from this visit?</source>
        <translation>从这次拜访中删除选中的照片吗？</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1231"/>
        <source>Which shop are you visiting?</source>
        <translation>要拜访哪家门店？</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1232"/>
        <source>Shop name, pinyin, initials or code</source>
        <translation>店名、拼音、首字母或编码</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1234"/>
        <source>Type to search, then press Enter or click the shop to start the visit.</source>
        <translation>输入后按回车，或点击门店，即开始拜访。</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1236"/>
        <source>Returned by your supervisor:</source>
        <translation>主管退回意见：</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1237"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1238"/>
        <source>Check in</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1239"/>
        <source>Checklist</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1240"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1241"/>
        <source>Attach photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1242"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1243"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1244"/>
        <source>Product: name or code</source>
        <translation>产品：名称或编码</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1245"/>
        <source>Quantity; press Enter to add the line</source>
        <translation>数量；按回车添加</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1246"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1247"/>
        <source>Remove line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1248"/>
        <source>Relationship with the owner</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1249"/>
        <source>KOCs spotted</source>
        <translation>发现的 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1255"/>
        <source>Add KOC</source>
        <translation>添加 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1256"/>
        <source>Next actions</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1257"/>
        <source>End:</source>
        <translation>结束：</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1258"/>
        <source>Check out</source>
        <translation>签退</translation>
    </message>
    <message>
        <location filename="../../pages/visit.py" line="1259"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
</context>
</TS>
