<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/kocs.py" line="137" />
        <source>Name</source>
        <extracomment>The trait filters: the minimum of each trait (labels: ui/labels.py, one set everywhere).</extracomment>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="138" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="139" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="144" />
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="145" />
        <source>Consent</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="146" />
        <source>Shops</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="147" />
        <source>Groups</source>
        <translation>社群</translation>
    </message>
</context>
<context>
    <name>KocsPage</name>
    <message>
        <location filename="../../pages/kocs.py" line="96" />
        <source>Given</source>
        <translation>已授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="97" />
        <source>Not given</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="253" />
        <location filename="../../pages/kocs.py" line="365" />
        <location filename="../../pages/kocs.py" line="376" />
        <location filename="../../pages/kocs.py" line="388" />
        <location filename="../../pages/kocs.py" line="441" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="352" />
        <source>Counting KOCs…</source>
        <translation>正在统计 KOC…</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="354" />
        <source>%1 KOCs</source>
        <translation>共 %1 位 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="359" />
        <source>Traits (%1)</source>
        <translation>特质 (%1)</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="361" />
        <source>Traits</source>
        <translation>特质</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="438" />
        <source>New KOC…</source>
        <translation>新建 KOC…</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="439" />
        <source>Search: name, pinyin, initials or phone</source>
        <translation>搜索：姓名、拼音、首字母或电话</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="443" />
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="447" />
        <source>Consent: any</source>
        <translation>授权：不限</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="448" />
        <source>Consent given</source>
        <translation>已授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="449" />
        <source>No consent</source>
        <translation>未授权</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="452" />
        <source>Total score at least</source>
        <translation>总分不低于</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="453" />
        <location filename="../../pages/kocs.py" line="457" />
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="454" />
        <source>The four traits added up (4 to 20)</source>
        <translation>四项特质分数之和（4–20）</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="458" />
        <source>Minimum score per trait</source>
        <translation>各项特质的最低分</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="459" />
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/kocs.py" line="153" />
        <source>KOCs</source>
        <translation>KOC</translation>
    </message>
</context>
<context>
    <name>NewKocDialog</name>
    <message>
        <location filename="../../pages/kocs.py" line="502" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="520" />
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="524" />
        <source>Agreed to be contacted</source>
        <translation>同意被联系</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="526" />
        <source>Consent given on</source>
        <translation>授权时间</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="529" />
        <source>Consent given by</source>
        <translation>授权方式</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="539" />
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="541" />
        <source>WeChat ID</source>
        <translation>微信号</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="542" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="628" />
        <source>New KOC</source>
        <translation>新建 KOC</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="629" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../pages/kocs.py" line="631" />
        <source>Contact details can be recorded only after the KOC agreed to be contacted.</source>
        <translation>须在对方同意被联系后，才能记录联系方式。</translation>
    </message>
</context>
</TS>