<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditGrid</name>
    <message>
        <location filename="../../audit_grid.py" line="60" />
        <source>SKU</source>
        <extracomment>(field, kind, minimum, maximum, decimals); kind "check" or "number"; the bounds are the store's (fieldapp.model.ShelfAudit), so the grid refuses what the store refuses.</extracomment>
        <translation>单品</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="62" />
        <source>Carried</source>
        <translation>有铺货</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="64" />
        <source>OOS</source>
        <translation>断货</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="66" />
        <source>Facings</source>
        <translation>排面数</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="68" />
        <source>Price</source>
        <translation>货架价</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="70" />
        <source>Rival facings</source>
        <translation>竞品排面数</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="71" />
        <source>Rival price</source>
        <translation>竞品价格</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="143" />
        <source>List price %1</source>
        <extracomment>(row, column) -&gt; (text as typed, its problem): only cells whose text is not (yet) a value the store takes.</extracomment>
        <translation>标准价 %1</translation>
    </message>
    <message>
        <location filename="../../audit_grid.py" line="164" />
        <source>Price disorder: under the list price by more than %1</source>
        <translation>乱价：低于标准价超过 %1</translation>
    </message>
</context>
</TS>