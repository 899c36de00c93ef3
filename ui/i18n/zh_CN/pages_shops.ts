<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/shops.py" line="95"/>
        <source>Code</source>
        <extracomment>How long typing may pause before the list is searched again.</extracomment>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="96"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="97"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="99"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="100"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="101"/>
        <source>Level</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="103"/>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="107"/>
        <source>Days since</source>
        <translation>间隔天数</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="114"/>
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/shops.py" line="435"/>
        <source>Shops</source>
        <translation>门店</translation>
    </message>
</context>
<context>
    <name>ShopDialog</name>
    <message>
        <location filename="../../pages/shops.py" line="158"/>
        <source>Shop name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="161"/>
        <source>Code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="162"/>
        <source>Head-office code, e.g. HN-0001</source>
        <translation>总部编码，如 HN-0001</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="164"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="170"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="173"/>
        <source>Phone</source>
        <translation>门店电话</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="174"/>
        <source>Mobile, or area code and number</source>
        <translation>手机号，或区号加座机号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="178"/>
        <source>GPS latitude</source>
        <translation>GPS 纬度</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="179"/>
        <source>e.g. 34.7466</source>
        <translation>如 34.7466</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="183"/>
        <source>GPS longitude</source>
        <translation>GPS 经度</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="184"/>
        <source>e.g. 113.6253</source>
        <translation>如 113.6253</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="193"/>
        <source>Route days</source>
        <translation>线路日</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="201"/>
        <source>Visit every (days)</source>
        <translation>拜访间隔（天）</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="208"/>
        <source>Opens at</source>
        <translation>开门时间</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="209"/>
        <source>e.g. 08:30</source>
        <translation>例如 08:30</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="213"/>
        <source>Closes at</source>
        <translation>关门时间</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="214"/>
        <source>e.g. 21:00</source>
        <translation>例如 21:00</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="216"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="221"/>
        <source>Owner name</source>
        <translation>店主姓名</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="222"/>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="223"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="225"/>
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="227"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="228"/>
        <source>Cares about</source>
        <translation>关注点</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="294"/>
        <location filename="../../pages/shops.py" line="415"/>
        <source>Choose a county</source>
        <translation>请选择区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="411"/>
        <source>New shop</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="411"/>
        <source>Edit shop</source>
        <translation>编辑门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="412"/>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="413"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="414"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="416"/>
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="417"/>
        <source>Empty: the team&apos;s default for the tier</source>
        <translation>留空：按团队为该等级设定的间隔</translation>
    </message>
</context>
<context>
    <name>ShopsPage</name>
    <message>
        <location filename="../../pages/shops.py" line="536"/>
        <source>All counties</source>
        <extracomment>How many shops the current search and filters match, once counted.</extracomment>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="539"/>
        <source>All tiers</source>
        <translation>全部分级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="543"/>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="547"/>
        <source>All levels</source>
        <translation>全部客情</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="623"/>
        <source>Counting shops…</source>
        <translation>正在统计门店…</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="625"/>
        <source>1 shop</source>
        <translation>共 1 家门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="625"/>
        <source>%1 shops</source>
        <translation>共 %1 家门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="715"/>
        <source>Search shops: name, pinyin, initials, phone, code or owner</source>
        <translation>搜索门店：店名、拼音、首字母、电话、编码或店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="717"/>
        <source>New shop</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="718"/>
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="719"/>
        <source>Overdue only</source>
        <translation>只看超期未访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="721"/>
        <source>Not visited for 7 days (tier A), 14 days (B) or 30 days (C), or never</source>
        <translation>A 类 7 天、B 类 14 天、C 类 30 天未拜访，或从未拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="723"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
</TS>
