<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../exchange.py" line="330" />
        <source>No such rep: %1</source>
        <translation>没有这个业务员：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="331" />
        <source>No such team: %1</source>
        <translation>没有这个团队：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="332" />
        <source>No such county: %1</source>
        <translation>没有这个区县：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="333" />
        <source>The period ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="334" />
        <source>The folder does not exist: %1</source>
        <translation>文件夹不存在：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="335" />
        <source>Not a folder: %1</source>
        <translation>不是文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="336" />
        <source>That is a folder, not a file: %1</source>
        <translation>这是文件夹，不是文件：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="337" />
        <source>Cannot write there: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="340" />
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../exchange.py" line="76" />
        <source>Export for head office</source>
        <translation>导出给总部</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="84" />
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="85" />
        <source>CSV files, one per sheet (a folder)</source>
        <translation>CSV 文件，每个工作表一个（保存到文件夹）</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="87" />
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="92" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="97" />
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="104" />
        <source>Headers and words in</source>
        <translation>表头和文字语言</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="107" />
        <source>Only from</source>
        <translation>仅限从</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="122" />
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="125" />
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="130" />
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="133" />
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="136" />
        <source>All reps</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="139" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="142" />
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="145" />
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="149" />
        <source>The period applies to visits, order lines, reviews, interactions and events; shops, owners, KOCs and groups are exported as they are now. Times are Beijing time.</source>
        <translation>时间段只筛选拜访、订单明细、审核、客情互动和活动；门店、店主、KOC 和社群按当前状态导出。时间均为北京时间。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="171" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="175" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="187" />
        <source>e.g. D:/head office/visits.xlsx</source>
        <translation>例如 D:/总部/拜访.xlsx</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="189" />
        <source>a folder for the CSV files</source>
        <translation>存放 CSV 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="195" />
        <source>Save workbook</source>
        <translation>保存工作簿</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="195" />
        <source>Workbook (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="201" />
        <source>Folder for the CSV files</source>
        <translation>存放 CSV 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="229" />
        <source>Choose where to save the export first.</source>
        <translation>请先选择导出的保存位置。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="237" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="261" />
        <source>Writing %1…</source>
        <translation>正在写入“%1”…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="290" />
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="296" />
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="300" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="312" />
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="318" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ImportOrdersDialog</name>
    <message>
        <location filename="../../exchange.py" line="683" />
        <source>Import cloud-store orders</source>
        <translation>导入云店订单</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="686" />
        <source>Order export</source>
        <translation>订单导出文件</translation>
    </message>
    <message numerus="yes">
        <location filename="../../exchange.py" line="689" />
        <source>%Ln rows. Check which order field each column holds;</source>
        <translation>
            <numerusform>共 %Ln 行。请核对每一列对应的订单字段；</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportShopsDialog</name>
    <message>
        <location filename="../../exchange.py" line="443" />
        <source>Import shops from head office</source>
        <translation>导入总部门店清单</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="401" />
        <source>Back</source>
        <extracomment>What the file's columns map to (``fieldapp.exchange``'s ``Columns``). The tables a finished import changed (pages refresh).</extracomment>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="404" />
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="408" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="411" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="446" />
        <source>Shop list</source>
        <translation>门店清单</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="468" />
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="478" />
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="482" />
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../exchange.py" line="449" />
        <source>%Ln rows. Check which shop field each column holds;</source>
        <translation>
            <numerusform>共 %Ln 行。请核对每一列对应的门店字段；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../exchange.py" line="503" />
        <source>%n columns were not recognised.</source>
        <translation>
            <numerusform>有 %n 列无法识别。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../exchange.py" line="652" />
        <source>%n rows with problems were left out.</source>
        <translation>
            <numerusform>已跳过 %n 行有问题的数据。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="505" />
        <source>all columns were recognised.</source>
        <translation>所有列均已识别。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="556" />
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="626" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="647" />
        <source>Imported: %1 new, %2 updated, %3 unchanged.</source>
        <translation>导入完成：新增 %1 家，更新 %2 家，无变化 %3 家。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="657" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="667" />
        <source>Nothing was imported.</source>
        <translation>没有导入任何数据。</translation>
    </message>
</context>
</TS>