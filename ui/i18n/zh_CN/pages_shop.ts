<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Columns</name>
    <message>
        <location filename="../../pages/shop.py" line="118"/>
        <location filename="../../pages/shop.py" line="124"/>
        <location filename="../../pages/shop.py" line="139"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="119"/>
        <location filename="../../pages/shop.py" line="140"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="120"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="121"/>
        <source>Level after</source>
        <translation>客情变为</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="125"/>
        <location filename="../../pages/shop.py" line="142"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="127"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="129"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="132"/>
        <source>KOC</source>
        <translation>KOC</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="133"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="134"/>
        <source>Introduced by</source>
        <translation>引荐人</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="135"/>
        <source>Introduced on</source>
        <translation>引荐日期</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="136"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="141"/>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="143"/>
        <source>Attended</source>
        <translation>到场</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pages/shop.py" line="205"/>
        <source>Shop</source>
        <translation>门店详情</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <location filename="../../pages/shop.py" line="99"/>
        <source>Planned</source>
        <extracomment>How many rows each list on the page shows (newest first). How many photo thumbnails the page shows, and their size in pixels.</extracomment>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="101"/>
        <source>Checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="114"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="301"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="302"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="303"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="304"/>
        <source>Cares about</source>
        <translation>关注点</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="709"/>
        <source>← Shops</source>
        <translation>← 门店列表</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="710"/>
        <source>Edit shop</source>
        <translation>编辑门店</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="711"/>
        <source>Start visit</source>
        <translation>开始拜访</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="712"/>
        <source>Cloud store:</source>
        <translation>云店：</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="713"/>
        <source>Owner</source>
        <translation>店主</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="716"/>
        <source>No owner recorded yet. Add one with Edit shop.</source>
        <translation>还没有店主信息，请点“编辑门店”添加。</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="717"/>
        <source>What kind of contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="718"/>
        <source>When</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="719"/>
        <source>What was talked about; Enter saves</source>
        <translation>聊了什么；按回车保存</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="720"/>
        <source>Relationship level after this contact</source>
        <translation>这次联系后的客情等级</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="721"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="722"/>
        <source>No photos of this shop yet.</source>
        <translation>这家门店还没有照片。</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="723"/>
        <source>This shop no longer exists. It may have been deleted.</source>
        <translation>这家门店已不存在，可能已被删除。</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="740"/>
        <source>GPS %1, %2</source>
        <translation>GPS %1, %2</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="745"/>
        <source>No GPS</source>
        <translation>无定位</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="751"/>
        <source>Visits (%1)</source>
        <translation>拜访（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="751"/>
        <source>KOCs (%1)</source>
        <translation>KOC（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="751"/>
        <source>Events (%1)</source>
        <translation>活动（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="754"/>
        <source>Photos (%1)</source>
        <translation>照片（%1）</translation>
    </message>
    <message>
        <location filename="../../pages/shop.py" line="756"/>
        <source>Relationship (%1 contacts)</source>
        <translation>客情记录（%1 次）</translation>
    </message>
</context>
</TS>
