<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../widgets/import_steps.py" line="45" />
        <source>Shop code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="46" />
        <source>Shop name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="47" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="49" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="50" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="51" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="52" />
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="53" />
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="54" />
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="55" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="56" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="58" />
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="59" />
        <source>Order time</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="60" />
        <source>Shop (code or name)</source>
        <translation>门店（编码或名称）</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="61" />
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="62" />
        <source>Amount (¥)</source>
        <translation>金额（¥）</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="63" />
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="64" />
        <source>Referrer code</source>
        <translation>推荐码</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="65" />
        <source>Group</source>
        <translation>社群</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="74" />
        <source>Unknown county: %1</source>
        <translation>未知区县：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="76" />
        <source>Unknown rep: %1</source>
        <translation>未知业务员：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="78" />
        <source>The same shop code is also in row %1</source>
        <translation>门店编码与第 %1 行重复</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="82" />
        <source>Not one of the known values</source>
        <translation>不是可选的值</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="84" />
        <source>Already used by another shop</source>
        <translation>已被其他门店使用</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="86" />
        <source>The same order ID is also in row %1</source>
        <translation>同一订单号也在第 %1 行</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="91" />
        <source>No shop has this code or name: %1</source>
        <translation>没有此编码或名称的门店：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="93" />
        <source>Several shops have this name: %1</source>
        <translation>多家门店同名：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="101" />
        <source>The file is not a spreadsheet (.xlsx or .csv).</source>
        <translation>该文件不是电子表格（.xlsx 或 .csv）。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="104" />
        <source>Old Excel format (.xls): save it as .xlsx first.</source>
        <translation>旧版 Excel 格式（.xls）：请先另存为 .xlsx。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="107" />
        <source>The file is empty (no header row or no rows).</source>
        <translation>文件是空的（没有表头或没有数据行）。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="110" />
        <source>The file is truncated or damaged.</source>
        <translation>文件不完整或已损坏。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="111" />
        <location filename="../../widgets/import_steps.py" line="123" />
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="112" />
        <source>The file is too big to import (at most 100,000 rows and 256 columns, or it unpacks to far more than it holds): split it into smaller files.</source>
        <translation>文件太大，无法导入（最多 100,000 行、256 列，或解压后远大于文件本身）：请拆分成较小的文件。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="117" />
        <source>The text encoding cannot be told for sure (Big5 or GBK?): save the file as CSV UTF-8 or as .xlsx.</source>
        <translation>无法确定文件的文字编码（Big5 还是 GBK？）：请另存为 CSV UTF-8 或 .xlsx。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="129" />
        <source>Choose the columns for: %1</source>
        <translation>请为以下字段选择对应的列：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="133" />
        <source>Two columns are set to %1; choose one.</source>
        <translation>有两列都对应到了“%1”，请只选一列。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="136" />
        <source>This column mapping cannot be used.</source>
        <translation>这个列对应关系无法使用。</translation>
    </message>
</context>
<context>
    <name>ImportShopsDialog</name>
    <message>
        <location filename="../../widgets/import_steps.py" line="147" />
        <source>Choose the shop list from head office (.xlsx or .csv, Chinese or English headers). Shops are matched by their head-office code: a shop already here is updated, never added twice. Nothing is written before you confirm.</source>
        <translation>请选择总部下发的门店清单（.xlsx 或 .csv，中文或英文表头均可）。门店按总部门店编码匹配：已有的门店会被更新，不会重复添加。确认之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="160" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="187" />
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="188" />
        <source>First value</source>
        <translation>第一行的值</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="189" />
        <source>Shop field</source>
        <translation>门店字段</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="191" />
        <source>Order field</source>
        <translation>订单字段</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="215" />
        <source>(ignore this column)</source>
        <translation>（忽略此列）</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="245" />
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="246" />
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="248" />
        <source>Shop code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="249" />
        <source>Order time</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="251" />
        <source>Shop name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="252" />
        <source>What happens</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="253" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="273" />
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="275" />
        <source>New shop</source>
        <translation>新增门店</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="276" />
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="277" />
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="278" />
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="312" />
        <source>Orders: %1 new, %2 changed, %3 unchanged, %4 with problems.</source>
        <translation>订单：新增 %1 笔，更新 %2 笔，无变化 %3 笔，有问题 %4 行。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="316" />
        <source>%1 new, %2 changed, %3 unchanged, %4 with problems.</source>
        <translation>新增 %1 家，更新 %2 家，无变化 %3 家，有问题 %4 行。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="327" />
        <source>Nothing is imported while rows have problems, unless you choose so below.</source>
        <translation>有问题的行存在时不会导入任何数据，除非您在下方明确选择。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="332" />
        <source>Nothing has been written yet.</source>
        <translation>目前尚未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="342" />
        <source>Create the counties not in the list yet: %1</source>
        <translation>新建尚未登记的区县：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/import_steps.py" line="349" />
        <source>Import only the %1 valid rows and leave out the rows with problems</source>
        <translation>只导入 %1 行没有问题的数据，跳过有问题的行</translation>
    </message>
</context>
</TS>