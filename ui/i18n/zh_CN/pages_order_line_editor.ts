<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitPage</name>
    <message>
        <location filename="../../pages/order_line_editor.py" line="50" />
        <source>Quantity (negative: return)</source>
        <translation>数量（负数为退货）</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="56" />
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="60" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="61" />
        <source>Needed for a return or a price other than the list price</source>
        <translation>退货或单价与标价不同时必填</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="139" />
        <source>Select a line to change it.</source>
        <translation>选中一行即可修改。</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="143" />
        <source>%1 · list price ¥%2 · %3: ¥%4</source>
        <translation>%1 · 标准价 ¥%2 · %3：¥%4</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="150" />
        <source>(+%1 free)</source>
        <translation>（赠 %1）</translation>
    </message>
    <message>
        <location filename="../../pages/order_line_editor.py" line="159" />
        <source>%1 · list price ¥%2</source>
        <translation>%1 · 标价 ¥%2</translation>
    </message>
</context>
</TS>