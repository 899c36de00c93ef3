<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShopPicker</name>
    <message>
        <location filename="../../widgets/shop_picker.py" line="77" />
        <source>Which shop are you visiting?</source>
        <translation>要拜访哪家门店？</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_picker.py" line="78" />
        <source>Shop name, pinyin, initials or code</source>
        <translation>店名、拼音、首字母或编码</translation>
    </message>
    <message>
        <location filename="../../widgets/shop_picker.py" line="81" />
        <source>Type to search, then press Enter or click the shop to start the visit.</source>
        <translation>输入后按回车，或点击门店，即开始拜访。</translation>
    </message>
</context>
</TS>