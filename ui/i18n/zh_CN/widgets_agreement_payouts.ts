<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgreementPayouts</name>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="166"/>
        <source>Select a month first.</source>
        <extracomment>The column of the supervisor&apos;s comment (the last). How much wider than its numbers a column may grow for its header. An elided header keeps at least this many characters of its title.</extracomment>
        <translation>请先选择月份。</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="188"/>
        <source>Payout approved</source>
        <translation>核销已审批</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="194"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="195"/>
        <source>Fee ¥</source>
        <translation>费用 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="196"/>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="197"/>
        <source>Deduction</source>
        <translation>扣减</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="198"/>
        <source>Payout ¥</source>
        <translation>核销额 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="199"/>
        <source>Approved ¥</source>
        <translation>审批金额 ¥</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="200"/>
        <source>Comment</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="207"/>
        <source>Comment (needed when the amount is adjusted)</source>
        <translation>审批意见（调整金额时必填）</translation>
    </message>
    <message>
        <location filename="../../widgets/agreement_payouts.py" line="208"/>
        <source>Approve month</source>
        <translation>审批本月</translation>
    </message>
</context>
</TS>
