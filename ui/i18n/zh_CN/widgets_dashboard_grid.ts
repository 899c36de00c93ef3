<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../widgets/dashboard_grid.py" line="62"/>
        <source>Reps side by side</source>
        <translation>业务员对比</translation>
    </message>
</context>
</TS>
