<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ShelfAuditBox</name>
    <message>
        <location filename="../../shelf_audit_box.py" line="46" />
        <source>Shelf audit</source>
        <translation>货架检查</translation>
    </message>
    <message>
        <location filename="../../shelf_audit_box.py" line="47" />
        <source>Save shelf audit</source>
        <translation>保存货架检查</translation>
    </message>
    <message>
        <location filename="../../shelf_audit_box.py" line="65" />
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../shelf_audit_box.py" line="78" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
</context>
</TS>