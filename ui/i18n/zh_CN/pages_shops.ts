<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/shops.py" line="90"/>
        <source>Code</source>
        <extracomment>How long typing may pause before the list is searched again. Text colour of an overdue shop&apos;s last visit.</extracomment>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="91"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="92"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="93"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="94"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="95"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="96"/>
        <source>Level</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="98"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="102"/>
        <source>Days since</source>
        <translation>间隔天数</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="109"/>
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/shops.py" line="499"/>
        <source>Shops</source>
        <translation>门店</translation>
    </message>
</context>
<context>
    <name>ShopDialog</name>
    <message>
        <location filename="../../pages/shops.py" line="259"/>
        <source>Shop name</source>
        <extracomment>What a column must fit: sample texts, an enum (all its words), or a function giving texts in the current language. The row (its ``ROW_ROLE`` object) the user wants to open.</extracomment>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="262"/>
        <source>Code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="263"/>
        <source>Head-office code, e.g. HN-0001</source>
        <translation>总部编码，如 HN-0001</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="265"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="266"/>
        <source>Tier</source>
        <translation>门店等级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="271"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="274"/>
        <source>Phone</source>
        <translation>门店电话</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="275"/>
        <source>Mobile, or area code and number</source>
        <translation>手机号，或区号加座机号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="279"/>
        <source>GPS latitude</source>
        <translation>GPS 纬度</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="280"/>
        <source>e.g. 34.7466</source>
        <translation>如 34.7466</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="284"/>
        <source>GPS longitude</source>
        <translation>GPS 经度</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="285"/>
        <source>e.g. 113.6253</source>
        <translation>如 113.6253</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="290"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="295"/>
        <source>Owner name</source>
        <translation>店主姓名</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="296"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="297"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="299"/>
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="301"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="302"/>
        <source>Cares about</source>
        <translation>关注点</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="363"/>
        <location filename="../../pages/shops.py" line="480"/>
        <source>Choose a county</source>
        <translation>请选择区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="476"/>
        <source>New shop</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="476"/>
        <source>Edit shop</source>
        <translation>编辑门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="477"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="478"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="479"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="481"/>
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
</context>
<context>
    <name>ShopsPage</name>
    <message>
        <location filename="../../pages/shops.py" line="604"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="607"/>
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="611"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="615"/>
        <source>All levels</source>
        <translation>全部客情</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="671"/>
        <source>1 shop</source>
        <translation>共 1 家门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="671"/>
        <source>%1 shops</source>
        <translation>共 %1 家门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="758"/>
        <source>Search shops: name, pinyin, initials, phone, code or owner</source>
        <translation>搜索门店：店名、拼音、首字母、电话、编码或店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="760"/>
        <source>New shop</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="761"/>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="762"/>
        <source>Overdue only</source>
        <translation>只看超期未访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="764"/>
        <source>Not visited for 7 days (tier A), 14 days (B) or 30 days (C), or never</source>
        <translation>A 类 7 天、B 类 14 天、C 类 30 天未拜访，或从未拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="766"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
</TS>
