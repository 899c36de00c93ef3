<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvidenceSettings</name>
    <message>
        <location filename="../../widgets/evidence_settings.py" line="85" />
        <source>Visit evidence</source>
        <extracomment>Each rule: setting key, object name, default, smallest and largest value taken.</extracomment>
        <translation>拜访凭证</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_settings.py" line="87" />
        <source>Photo or check-in far from the shop, over (m)</source>
        <translation>照片或签到离门店超过（米）</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_settings.py" line="88" />
        <source>Photo outside the visit's time, by more than (minutes)</source>
        <translation>照片拍摄时间超出拜访时段（分钟）</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_settings.py" line="89" />
        <source>Visit shorter than (minutes)</source>
        <translation>拜访时长少于（分钟）</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_settings.py" line="92" />
        <source>%1 to %2</source>
        <translation>%1 到 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/evidence_settings.py" line="96" />
        <source>A visit that breaks one of these rules is flagged for the supervisor; it is never stopped from being saved.</source>
        <translation>不符合其中一条规则的拜访会标记给主管审核，但不会因此无法保存。</translation>
    </message>
</context>
</TS>