<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../errors.py" line="41"/>
        <source>This rep still has %1 shop(s), %2 KOC(s) and %3 event(s). Reassign their shops, KOCs and events to another rep first, then release them.</source>
        <translation>该业务员名下还有 %1 家门店、%2 位 KOC 和 %3 场活动。请先把这些门店、KOC 和活动转给其他业务员，再将其移出团队。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="51"/>
        <source>Only a supervisor changes team membership: taking reps who have no team into their own team, or releasing reps of their team. Other changes to people are made by head office.</source>
        <translation>只有主管可以调整团队成员：把未分配的业务员加入自己的团队，或将本团队的业务员移出。人员的其他信息由总部修改。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="67"/>
        <source>This record no longer exists. It may have been deleted.</source>
        <translation>这条记录已不存在，可能已被删除。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="71"/>
        <source>Cannot delete: %1 other record(s) still refer to it.</source>
        <translation>无法删除：还有 %1 条其他记录引用它。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="75"/>
        <source>This data was saved by a newer version of the app. Please update the app.</source>
        <translation>这些数据由更新版本的应用保存，请先升级应用。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="80"/>
        <source>The data file cannot be opened: it is not a data file of this app.</source>
        <translation>无法打开数据文件：它不是本应用的数据文件。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="84"/>
        <source>The action could not be completed.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="107"/>
        <source>Something went wrong. Nothing you saved is lost.</source>
        <translation>出了点问题。您已保存的内容都不会丢失。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="111"/>
        <source>Details are in the log file: %1</source>
        <translation>详细信息见日志文件：%1</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="124"/>
        <source>fieldapp</source>
        <translation>深度分销助手</translation>
    </message>
</context>
</TS>
