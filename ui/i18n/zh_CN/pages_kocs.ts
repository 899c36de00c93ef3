<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/kocs.py" line="139"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="140"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="141"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="144"/>
        <source>Acquaintances</source>
        <translation>人脉</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="149"/>
        <source>Trying new</source>
        <translation>尝鲜</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="152"/>
        <source>Sharing</source>
        <translation>分享</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="156"/>
        <source>Expertise</source>
        <translation>懂行</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="160"/>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="161"/>
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="162"/>
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="163"/>
        <source>Groups</source>
        <translation>社群</translation>
    </message>
</context>
<context>
    <name>KocsPage</name>
    <message>
        <location filename="../../pages/kocs.py" line="88"/>
        <source>Given</source>
        <translation>已授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="89"/>
        <source>Not given</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="132"/>
        <source>Many close acquaintances</source>
        <translation>熟人多</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="133"/>
        <source>Loves trying new things</source>
        <translation>爱尝鲜</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="134"/>
        <source>Loves sharing</source>
        <translation>爱分享</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="135"/>
        <source>Knows the category</source>
        <translation>懂品类</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="262"/>
        <location filename="../../pages/kocs.py" line="365"/>
        <location filename="../../pages/kocs.py" line="376"/>
        <location filename="../../pages/kocs.py" line="388"/>
        <location filename="../../pages/kocs.py" line="441"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="354"/>
        <source>%1 KOCs</source>
        <translation>共 %1 位 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="359"/>
        <source>Traits (%1)</source>
        <translation>特质 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="361"/>
        <source>Traits</source>
        <translation>特质</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="438"/>
        <source>New KOC…</source>
        <translation>新建 KOC…</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="439"/>
        <source>Search: name, pinyin, initials or phone</source>
        <translation>搜索：姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="442"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="446"/>
        <source>Consent: any</source>
        <translation>授权：不限</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="447"/>
        <source>Consent given</source>
        <translation>已授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="448"/>
        <source>No consent</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="451"/>
        <source>Total score at least</source>
        <translation>总分不低于</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="452"/>
        <location filename="../../pages/kocs.py" line="456"/>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="453"/>
        <source>The four traits added up (4 to 20)</source>
        <translation>四项特质分数之和（4–20）</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="457"/>
        <source>Minimum score per trait</source>
        <translation>各项特质的最低分</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="458"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/kocs.py" line="169"/>
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
</context>
<context>
    <name>NewKocDialog</name>
    <message>
        <location filename="../../pages/kocs.py" line="512"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="530"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="532"/>
        <source>Many close acquaintances</source>
        <translation>熟人多</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="533"/>
        <source>Loves trying new things</source>
        <translation>爱尝鲜</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="534"/>
        <source>Loves sharing</source>
        <translation>爱分享</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="535"/>
        <source>Knows the category</source>
        <translation>懂品类</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="539"/>
        <source>Agreed to be contacted</source>
        <translation>同意被联系</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="541"/>
        <source>Consent given on</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="544"/>
        <source>Consent given by</source>
        <translation>授权方式</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="554"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="556"/>
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="557"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="640"/>
        <source>New KOC</source>
        <translation>新建 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="641"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="643"/>
        <source>Contact details can be recorded only after the KOC agreed to be contacted.</source>
        <translation>须在对方同意被联系后，才能记录联系方式。</translation>
    </message>
</context>
</TS>
