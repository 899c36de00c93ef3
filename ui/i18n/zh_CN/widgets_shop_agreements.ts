<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopAgreements</name>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="135"/>
        <source>Ended</source>
        <extracomment>(agreement, its SKU names, the months paid), in the list&apos;s order.</extracomment>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="137"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="139"/>
        <source>Active</source>
        <translation>执行中</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/shop_agreements.py" line="141"/>
        <source>%n month(s) paid</source>
        <translation>
            <numerusform>已核销 %n 个月</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="147"/>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="185"/>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="194"/>
        <source>It has payouts: it can only be ended</source>
        <translation>已有核销：只能终止，不能删除</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="234"/>
        <source>Agreement added</source>
        <translation>协议已添加</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="241"/>
        <source>Agreement saved</source>
        <translation>协议已保存</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="249"/>
        <source>Agreement ended today</source>
        <translation>协议已于今天终止</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="255"/>
        <source>Delete agreement</source>
        <translation>删除协议</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="256"/>
        <source>Delete this agreement with its checks?</source>
        <translation>删除此协议及其检查记录？</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="259"/>
        <source>Agreement deleted</source>
        <translation>协议已删除</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="262"/>
        <source>Display agreements (%1)</source>
        <translation>陈列协议（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="267"/>
        <source>Position</source>
        <translation>陈列位置</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="268"/>
        <source>SKUs</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="270"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="273"/>
        <source>New agreement</source>
        <translation>新建协议</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="274"/>
        <source>End today</source>
        <translation>今天终止</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="275"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="269"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_agreements.py" line="185"/>
        <source>Add agreement</source>
        <translation>添加协议</translation>
    </message>
</context>
</TS>
