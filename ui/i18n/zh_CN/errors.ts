<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../errors.py" line="47" />
        <source>This rep still has %1 shop(s), %2 KOC(s) and %3 event(s). Reassign their shops, KOCs and events to another rep first, then release them.</source>
        <translation>该业务员名下还有 %1 家门店、%2 位 KOC 和 %3 场活动。请先把这些门店、KOC 和活动转给其他业务员，再将其移出团队。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="57" />
        <source>Only a supervisor changes team membership: taking reps who have no team into their own team, or releasing reps of their team. Other changes to people are made by head office.</source>
        <translation>只有主管可以调整团队成员：把未分配的业务员加入自己的团队，或将本团队的业务员移出。人员的其他信息由总部修改。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="69" />
        <source>the folder it is in is write-protected for your account</source>
        <translation>它所在的文件夹对你的账户是只读的</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="73" />
        <source>the file is write-protected for your account</source>
        <translation>该文件对你的账户是只读的</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="76" />
        <source>Read only: this data file cannot be changed (%1). You can look at everything, but nothing can be entered or saved.</source>
        <translation>只读：这个数据文件不能修改（%1）。你可以查看所有内容，但不能录入或保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="90" />
        <source>This record no longer exists. It may have been deleted.</source>
        <translation>这条记录已不存在，可能已被删除。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="94" />
        <source>Cannot delete: %1 other record(s) still refer to it.</source>
        <translation>无法删除：还有 %1 条其他记录引用它。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="98" />
        <source>This data was saved by a newer version of the app. Please update the app.</source>
        <translation>这些数据由更新版本的应用保存，请先升级应用。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="103" />
        <source>This data file was saved by an older version of the app and must be updated once before it can be opened, but it is write-protected for your account. Ask for write access to the file and its folder, or open a copy of it.</source>
        <translation>这个数据文件由旧版本应用保存，打开前需要先升级一次，但它对你的账户是只读的。请申请该文件及其文件夹的写入权限，或打开它的一份副本。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="112" />
        <source>The data file is damaged: it cannot be read whole. It is kept as it is; open the latest automatic backup or get a fresh copy from head office.
File: %1</source>
        <translation>数据文件已损坏，无法完整读取。文件会原样保留；请打开最近的自动备份，或从总部重新获取一份数据。
文件：%1</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="118" />
        <source>There is no automatic backup of this data file yet.</source>
        <translation>这个数据文件还没有自动备份。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="122" />
        <source>The data file cannot be opened: it is not a data file of this app.</source>
        <translation>无法打开数据文件：它不是本应用的数据文件。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="126" />
        <source>The data file cannot be opened: %1</source>
        <translation>无法打开数据文件：%1</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="130" />
        <source>The action could not be completed.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="173" />
        <source>Something went wrong. Nothing you saved is lost.</source>
        <extracomment>Called instead of a message box when an error says the data file is damaged (``ui.store_safety`` shows the ways out once, for every page). The first error that said the data file is damaged (kept for ``on_damage`` set later: the window's first page is read before it exists). Record damage without a message box until ``on_damage`` is set (main.py sets it while the window is built).</extracomment>
        <translation>出了点问题。您已保存的内容都不会丢失。</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="177" />
        <source>Details are in the log file: %1</source>
        <translation>详细信息见日志文件：%1</translation>
    </message>
    <message>
        <location filename="../../errors.py" line="195" />
        <source>fieldapp</source>
        <translation>深度分销助手</translation>
    </message>
</context>
</TS>