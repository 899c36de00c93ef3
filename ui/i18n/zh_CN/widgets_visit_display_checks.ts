<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>VisitDisplayChecks</name>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="161" />
        <source>Note: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="169" />
        <source>Display agreements</source>
        <translation>陈列协议</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="174" />
        <source>%1 · %2 · %3 facings · ¥%4 a month</source>
        <translation>%1 · %2 · %3 个排面 · 每月 ¥%4</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="176" />
        <source>all products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="180" />
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="180" />
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="180" />
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="182" />
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="183" />
        <source>Position held</source>
        <translation>位置达标</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="184" />
        <source>Facings met</source>
        <translation>排面达标</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="184" />
        <source>All SKUs there</source>
        <translation>产品齐全</translation>
    </message>
    <message>
        <location filename="../../widgets/visit_display_checks.py" line="187" />
        <source>Note (needed when it fails)</source>
        <translation>备注（不合格时必填）</translation>
    </message>
</context>
</TS>