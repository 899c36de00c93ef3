<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackupsBox</name>
    <message>
        <location filename="../../backups_box.py" line="38" />
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="39" />
        <source>before an update</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="40" />
        <source>made by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="133" />
        <source>The latest backup is from %1; %2 are kept beside the data file.</source>
        <translation>最近的备份时间：%1；数据文件旁保留了 %2 份备份。</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="138" />
        <source>No backup yet. One is made every day the app starts.</source>
        <translation>还没有备份。每天启动应用时会自动备份一次。</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="167" />
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="168" />
        <source>Go back to the backup from %1?</source>
        <translation>要恢复到 %1 的备份吗？</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="169" />
        <source>Restore and start again</source>
        <translation>恢复并重新启动</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="169" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="172" />
        <source>What was entered after that time is not in the backup; it stays in the current data file, which is kept beside it.</source>
        <translation>该时间之后录入的内容不在备份中；它们仍保留在当前数据文件里，该文件会保留在备份旁边。</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="194" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="195" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="196" />
        <source>Restore a backup…</source>
        <translation>恢复备份…</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="197" />
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>RestoreBackupDialog</name>
    <message>
        <location filename="../../backups_box.py" line="51" />
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="58" />
        <source>%1 · %2 · %3 MB</source>
        <translation>%1 · %2 · %3 MB</translation>
    </message>
    <message>
        <location filename="../../backups_box.py" line="69" />
        <source>The app starts again with the chosen backup. The current data file is not deleted: it is kept beside it.</source>
        <translation>应用将使用所选备份重新启动。当前数据文件不会被删除，会保留在旁边。</translation>
    </message>
</context>
</TS>