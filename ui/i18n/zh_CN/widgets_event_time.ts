<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalendarView</name>
    <message>
        <location filename="../../widgets/event_time.py" line="81"/>
        <source>Invited %1 · confirmed %2 · attended %3</source>
        <translation>已邀请 %1 · 已确认 %2 · 已到场 %3</translation>
    </message>
</context>
</TS>
