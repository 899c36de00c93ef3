<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>TeamDisplayShares</name>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="116" />
        <source>First failed check in a month: deduct (%)</source>
        <translation>当月第一次检查不合格：扣减（%）</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="118" />
        <source>Second failed check: deduct (%)</source>
        <translation>第二次不合格：扣减（%）</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="127" />
        <source>Display agreements: deductions</source>
        <translation>陈列协议：扣减规则</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="130" />
        <source>Empty: %1 % of the month's fee for the first failed check, %2 % from the second. The month's payout is computed from these; you approve or adjust it.</source>
        <translation>留空：当月第一次不合格扣月费用的 %1%，第二次起扣 %2%。每月核销额按此计算，由您审批或调整。</translation>
    </message>
</context>
<context>
    <name>TeamVisitDays</name>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="25" />
        <source>Tier A: visit every (days)</source>
        <translation>A 类：每隔（天）拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="26" />
        <source>Tier B: visit every (days)</source>
        <translation>B 类：每隔（天）拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="27" />
        <source>Tier C: visit every (days)</source>
        <translation>C 类：每隔（天）拜访</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="95" />
        <source>Visit frequency by tier</source>
        <translation>各等级门店拜访频率</translation>
    </message>
    <message>
        <location filename="../../widgets/team_visit_days.py" line="99" />
        <source>Empty: every %1 / %2 / %3 days. A shop's own frequency comes first. The day plan counts a shop as due from these.</source>
        <translation>留空：分别每 %1 / %2 / %3 天。门店自己设定的频率优先。日计划据此判断门店是否到期。</translation>
    </message>
</context>
</TS>