<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementForm</name>
    <message>
        <location filename="../../widgets/agreement_form.py" line="193"/>
        <source>SKUs</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="194"/>
        <source>Tick the SKUs it covers; none ticked: all products</source>
        <translation>勾选协议包含的产品；都不勾选：全部产品</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="195"/>
        <source>Position</source>
        <translation>陈列位置</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="195"/>
        <source>Facings</source>
        <translation>排面数</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="195"/>
        <source>Monthly fee ¥</source>
        <translation>月费用 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="196"/>
        <source>Terms</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="196"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="196"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_form.py" line="197"/>
        <source>Owner accepted</source>
        <translation>店主确认日期</translation>
    </message>
</context>
</TS>
