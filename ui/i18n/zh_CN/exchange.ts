<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Exchange</name>
    <message>
        <location filename="../../exchange.py" line="326"/>
        <source>No such rep: %1</source>
        <translation>没有这个业务员：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="327"/>
        <source>No such team: %1</source>
        <translation>没有这个团队：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="328"/>
        <source>No such county: %1</source>
        <translation>没有这个区县：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="329"/>
        <source>The period ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="330"/>
        <source>The folder does not exist: %1</source>
        <translation>文件夹不存在：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="331"/>
        <source>Not a folder: %1</source>
        <translation>不是文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="332"/>
        <source>That is a folder, not a file: %1</source>
        <translation>这是文件夹，不是文件：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="333"/>
        <source>Cannot write there: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="336"/>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="345"/>
        <source>Shop code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="346"/>
        <source>Shop name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="347"/>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="348"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="349"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="350"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="351"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="352"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="353"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="354"/>
        <source>Cloud store</source>
        <translation>云店</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="355"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="356"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="365"/>
        <source>Unknown county: %1</source>
        <translation>未知区县：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="367"/>
        <source>Unknown rep: %1</source>
        <translation>未知业务员：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="369"/>
        <source>The same shop code is also in row %1</source>
        <translation>门店编码与第 %1 行重复</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="373"/>
        <source>Not one of the known values</source>
        <translation>不是可选的值</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="375"/>
        <source>Already used by another shop</source>
        <translation>已被其他门店使用</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="381"/>
        <source>The file is not a spreadsheet (.xlsx or .csv).</source>
        <translation>该文件不是电子表格（.xlsx 或 .csv）。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="384"/>
        <source>Old Excel format (.xls): save it as .xlsx first.</source>
        <translation>旧版 Excel 格式（.xls）：请先另存为 .xlsx。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="387"/>
        <source>The file is empty (no header row or no rows).</source>
        <translation>文件是空的（没有表头或没有数据行）。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="390"/>
        <source>The file is truncated or damaged.</source>
        <translation>文件不完整或已损坏。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="391"/>
        <location filename="../../exchange.py" line="393"/>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="399"/>
        <source>Choose the columns for: %1</source>
        <translation>请为以下字段选择对应的列：%1</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="403"/>
        <source>Two columns are set to %1; choose one.</source>
        <translation>有两列都对应到了“%1”，请只选一列。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="406"/>
        <source>This column mapping cannot be used.</source>
        <translation>这个列对应关系无法使用。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../exchange.py" line="76"/>
        <source>Export for head office</source>
        <translation>导出给总部</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="84"/>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="85"/>
        <source>CSV files, one per sheet (a folder)</source>
        <translation>CSV 文件，每个工作表一个（保存到文件夹）</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="87"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="92"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="97"/>
        <source>Save to</source>
        <translation>保存到</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="104"/>
        <source>Headers and words in</source>
        <translation>表头和文字语言</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="107"/>
        <source>Only from</source>
        <translation>仅限从</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="122"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="125"/>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="130"/>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="133"/>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="136"/>
        <source>All reps</source>
        <translation>全部业务员</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="139"/>
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="142"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="145"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="149"/>
        <source>The period applies to visits, order lines, reviews, interactions and events; shops, owners, KOCs and groups are exported as they are now. Times are Beijing time.</source>
        <translation>时间段只筛选拜访、订单明细、审核、客情互动和活动；门店、店主、KOC 和社群按当前状态导出。时间均为北京时间。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="171"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="175"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="187"/>
        <source>e.g. D:/head office/visits.xlsx</source>
        <translation>例如 D:/总部/拜访.xlsx</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="189"/>
        <source>a folder for the CSV files</source>
        <translation>存放 CSV 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="195"/>
        <source>Save workbook</source>
        <translation>保存工作簿</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="195"/>
        <source>Workbook (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="201"/>
        <source>Folder for the CSV files</source>
        <translation>存放 CSV 文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="229"/>
        <source>Choose where to save the export first.</source>
        <translation>请先选择导出的保存位置。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="237"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="261"/>
        <source>Writing %1…</source>
        <translation>正在写入“%1”…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="288"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>已取消导出，没有写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="294"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="298"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="308"/>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="314"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>ImportShopsDialog</name>
    <message>
        <location filename="../../exchange.py" line="422"/>
        <source>Import shops from head office</source>
        <translation>导入总部门店清单</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="434"/>
        <source>Choose the shop list from head office (.xlsx or .csv, Chinese or English headers). Shops are matched by their head-office code: a shop already here is updated, never added twice. Nothing is written before you confirm.</source>
        <translation>请选择总部下发的门店清单（.xlsx 或 .csv，中文或英文表头均可）。门店按总部门店编码匹配：已有的门店会被更新，不会重复添加。确认之前不会写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="444"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="467"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="467"/>
        <source>First value</source>
        <translation>第一行的值</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="467"/>
        <source>Shop field</source>
        <translation>门店字段</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="490"/>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="491"/>
        <source>Shop code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="492"/>
        <source>Shop name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="493"/>
        <source>What happens</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="494"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="514"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="517"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="521"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="524"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="556"/>
        <source>Shop list</source>
        <translation>门店清单</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="558"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="568"/>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="572"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="586"/>
        <source>%1 rows. Check which shop field each column holds;</source>
        <translation>共 %1 行。请核对每一列对应的门店字段；</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="591"/>
        <source>%1 column(s) were not recognised.</source>
        <translation>有 %1 列无法识别。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="593"/>
        <source>all columns were recognised.</source>
        <translation>所有列均已识别。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="605"/>
        <source>(ignore this column)</source>
        <translation>（忽略此列）</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="658"/>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="678"/>
        <source>New shop</source>
        <translation>新增门店</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="679"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="680"/>
        <source>No change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="681"/>
        <source>Not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="703"/>
        <source>%1 new, %2 changed, %3 unchanged, %4 with problems.</source>
        <translation>新增 %1 家，更新 %2 家，无变化 %3 家，有问题 %4 行。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="710"/>
        <source>Nothing is imported while rows have problems, unless you choose so below.</source>
        <translation>有问题的行存在时不会导入任何数据，除非您在下方明确选择。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="712"/>
        <source>Nothing has been written yet.</source>
        <translation>目前尚未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="718"/>
        <source>Import only the %1 valid rows and leave out the rows with problems</source>
        <translation>只导入 %1 行没有问题的数据，跳过有问题的行</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="762"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="780"/>
        <source>Imported: %1 new, %2 updated, %3 unchanged.</source>
        <translation>导入完成：新增 %1 家，更新 %2 家，无变化 %3 家。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="786"/>
        <source>%1 rows with problems were left out.</source>
        <translation>已跳过 %1 行有问题的数据。</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="791"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../exchange.py" line="799"/>
        <source>Nothing was imported.</source>
        <translation>没有导入任何数据。</translation>
    </message>
</context>
</TS>
