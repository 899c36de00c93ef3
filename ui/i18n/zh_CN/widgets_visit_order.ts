<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitOrder</name>
    <message numerus="yes">
        <location filename="../../widgets/visit_order.py" line="192" />
        <source>%n lines, total ¥%1</source>
        <extracomment>Item data of the product picker: code, name, pinyin and initials, for matching.</extracomment>
        <translation>
            <numerusform>共 %n 行，合计 ¥%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="195" />
        <source>No order yet</source>
        <translation>还没有订单</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="283" />
        <source>Several or no products match. Choose one from the list.</source>
        <translation>匹配的产品有多个或没有，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="297" />
        <source>Choose a product first.</source>
        <translation>请先选择产品。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="369" />
        <source>Select the line to remove.</source>
        <translation>请先选中要删除的行。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="381" />
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="382" />
        <source>Product: name or code</source>
        <translation>产品：名称或编码</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="384" />
        <source>Quantity; press Enter to add the line. A negative quantity is a return.</source>
        <translation>数量；按回车添加。负数为退货。</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="386" />
        <source>Reason for a return (a negative quantity)</source>
        <translation>退货原因（数量为负数时）</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="387" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="388" />
        <source>Remove line</source>
        <translation>删除此行</translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../widgets/visit_order.py" line="41" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="42" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="43" />
        <source>List</source>
        <translation>标准价</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="44" />
        <source>Promotion</source>
        <translation>促销</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="47" />
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_order.py" line="54" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
</TS>