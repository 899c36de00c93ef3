<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/shops.py" line="101" />
        <source>Code</source>
        <extracomment>How long typing may pause before the list is searched again. Text colour of an overdue shop's last visit.</extracomment>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="102" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="103" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="105" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="106" />
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="107" />
        <source>Level</source>
        <translation>客情</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="109" />
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="113" />
        <source>Days since</source>
        <translation>间隔天数</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="120" />
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/shops.py" line="536" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
</context>
<context>
    <name>ShopDialog</name>
    <message>
        <location filename="../../pages/shops.py" line="265" />
        <source>Shop name</source>
        <extracomment>What a column must fit: sample texts, an enum (all its words), or a function giving texts in the current language. The row (its ``ROW_ROLE`` object) the user wants to open.</extracomment>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="268" />
        <source>Code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="269" />
        <source>Head-office code, e.g. HN-0001</source>
        <translation>总部编码，如 HN-0001</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="271" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="277" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="280" />
        <source>Phone</source>
        <translation>门店电话</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="281" />
        <source>Mobile, or area code and number</source>
        <translation>手机号，或区号加座机号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="285" />
        <source>GPS latitude</source>
        <translation>GPS 纬度</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="286" />
        <source>e.g. 34.7466</source>
        <translation>如 34.7466</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="290" />
        <source>GPS longitude</source>
        <translation>GPS 经度</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="291" />
        <source>e.g. 113.6253</source>
        <translation>如 113.6253</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="300" />
        <source>Route days</source>
        <translation>线路日</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="308" />
        <source>Visit every (days)</source>
        <translation>拜访间隔（天）</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="315" />
        <source>Opens at</source>
        <translation>开门时间</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="316" />
        <source>e.g. 08:30</source>
        <translation>例如 08:30</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="320" />
        <source>Closes at</source>
        <translation>关门时间</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="321" />
        <source>e.g. 21:00</source>
        <translation>例如 21:00</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="323" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="328" />
        <source>Owner name</source>
        <translation>店主姓名</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="329" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="330" />
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="332" />
        <source>Relationship level</source>
        <translation>客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="334" />
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="335" />
        <source>Cares about</source>
        <translation>关注点</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="395" />
        <location filename="../../pages/shops.py" line="516" />
        <source>Choose a county</source>
        <translation>请选择区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="512" />
        <source>New shop</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="512" />
        <source>Edit shop</source>
        <translation>编辑门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="513" />
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="514" />
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="515" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="517" />
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="518" />
        <source>Empty: the team's default for the tier</source>
        <translation>留空：按团队为该等级设定的间隔</translation>
    </message>
</context>
<context>
    <name>ShopsPage</name>
    <message>
        <location filename="../../pages/shops.py" line="633" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="636" />
        <source>All tiers</source>
        <translation>全部分级</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="640" />
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="644" />
        <source>All levels</source>
        <translation>全部客情</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="708" />
        <source>1 shop</source>
        <translation>共 1 家门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="708" />
        <source>%1 shops</source>
        <translation>共 %1 家门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="798" />
        <source>Search shops: name, pinyin, initials, phone, code or owner</source>
        <translation>搜索门店：店名、拼音、首字母、电话、编码或店主</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="800" />
        <source>New shop</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="801" />
        <source>Filter:</source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="802" />
        <source>Overdue only</source>
        <translation>只看超期未访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="804" />
        <source>Not visited for 7 days (tier A), 14 days (B) or 30 days (C), or never</source>
        <translation>A 类 7 天、B 类 14 天、C 类 30 天未拜访，或从未拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shops.py" line="806" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
</TS>