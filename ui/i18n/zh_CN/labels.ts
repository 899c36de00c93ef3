<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
    <message>
        <location filename="../../labels.py" line="124" />
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="125" />
        <source>Too long</source>
        <translation>内容太长</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="126" />
        <source>Out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="127" />
        <source>Choose one of the options</source>
        <translation>请从选项中选择</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="128" />
        <source>Enter a number</source>
        <translation>请输入数字</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="129" />
        <source>Enter a whole number</source>
        <translation>请输入整数</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="130" />
        <source>Not a valid date</source>
        <translation>日期无效</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="131" />
        <source>Not a valid date and time</source>
        <translation>日期时间无效</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="132" />
        <source>Not a valid value</source>
        <translation>值无效</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="133" />
        <source>Not in the expected format</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="134" />
        <source>Holds a character that cannot be saved (a control character)</source>
        <translation>含有无法保存的字符（控制字符）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="137" />
        <source>Not a mobile number (11 digits starting with 1)</source>
        <translation>手机号无效（应为 1 开头的 11 位数字）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="140" />
        <source>Not a phone number (mobile, or area code and number)</source>
        <translation>电话号码无效（手机号，或区号加号码）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="143" />
        <source>Not a WeChat ID (6–20 letters, digits, - or _)</source>
        <translation>微信号无效（6–20 位字母、数字、- 或 _）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="144" />
        <source>Unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="145" />
        <source>Cannot be changed</source>
        <translation>不能修改</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="146" />
        <source>No longer exists</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="147" />
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="148" />
        <source>Too many</source>
        <translation>数量太多</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="149" />
        <source>Give both latitude and longitude, or neither</source>
        <translation>纬度和经度要么都填，要么都不填</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="150" />
        <source>Record when and how consent was given</source>
        <translation>请记录同意的时间和方式</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="151" />
        <source>Must be after the start</source>
        <translation>必须晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="152" />
        <source>Check-out must be after check-in</source>
        <translation>离店时间必须晚于到店时间</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="153" />
        <source>Check in first</source>
        <translation>请先签到</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="154" />
        <source>Check in and check out before submitting</source>
        <translation>提交前请先签到并签退</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="155" />
        <source>Can no longer be changed</source>
        <translation>已不能再修改</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="156" />
        <source>A term is not held: it cannot pass</source>
        <translation>有条款未达标，不能判为合格</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="157" />
        <source>Has payouts: it can only be ended</source>
        <translation>已有核销：只能终止，不能删除</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="158" />
        <source>Not before the end of the last month paid</source>
        <translation>不能早于最后一个已核销月份的月底</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="159" />
        <source>Invite either a KOC or an owner</source>
        <translation>请邀请一位 KOC 或一位店主</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="160" />
        <source>A push is by one KOC or one owner</source>
        <translation>一次推送只能由一位 KOC 或一位店主发出</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="161" />
        <source>A banquet has one host</source>
        <translation>宴席只能有一位主家</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="162" />
        <source>Opened and returned bottles are more than were supplied</source>
        <translation>开瓶数加退回数超过了供酒数</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="165" />
        <source>Feedback only for people who attended</source>
        <translation>只有到场的人才能填写反馈</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="168" />
        <source>Attach to exactly one visit, shop or event</source>
        <translation>只能附加到一个拜访、门店或活动</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="169" />
        <source>Not a picture (JPEG, PNG, WebP or HEIC)</source>
        <translation>不是图片（JPEG、PNG、WebP 或 HEIC）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="170" />
        <source>The file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="172" />
        <source>Not allowed for your role</source>
        <translation>您的角色无权进行此操作</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="173" />
        <source>The rep still has shops, KOCs or events: reassign them first</source>
        <translation>该业务员名下仍有门店、KOC 或活动：请先转给其他业务员</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="176" />
        <source>This person's details were erased for good</source>
        <translation>此人的个人信息已被永久删除</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="177" />
        <source>Not known to head office</source>
        <translation>总部无法识别</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="178" />
        <source>Arrived out of order and was not applied</source>
        <translation>顺序错乱，未被采用</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="180" />
        <source>Too many decimal places</source>
        <translation>小数位太多</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="181" />
        <source>Far more than usual: press Enter to confirm it</source>
        <translation>远超平常：按回车确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="184" />
        <source>Must not be 0</source>
        <translation>不能为 0</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="185" />
        <source>Give a reason (a return, or a price other than the list price)</source>
        <translation>请填写原因（退货，或单价与标价不同）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="188" />
        <source>Write what was talked about</source>
        <translation>请写下沟通内容</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="215" />
        <source>At most %1 characters, now %2</source>
        <translation>最多 %1 字，现在 %2 字</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="220" />
        <source>At most %1 characters</source>
        <translation>最多 %1 字</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="225" />
        <source>Too many: %1, at most %2</source>
        <translation>数量太多：%1，最多 %2</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="233" />
        <source>Must be between %1 and %2</source>
        <translation>必须在 %1 到 %2 之间</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="238" />
        <source>Must be at least %1</source>
        <translation>不能小于 %1</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="242" />
        <source>Must be at most %1</source>
        <translation>不能大于 %1</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="247" />
        <source>Not valid (%1)</source>
        <translation>无效（%1）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="255" />
        <source>%1 is more than %2 times this shop's usual order (%3): confirm it</source>
        <translation>%1 超过本店平常订量（%3）的 %2 倍：请确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="264" />
        <source>¥%1 is over ¥%2 for one line: confirm it</source>
        <translation>单行金额 ¥%1 超过 ¥%2：请确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="270" />
        <source>%1 is far more than usual (up to %2): confirm it</source>
        <translation>%1 远超平常（一般不超过 %2）：请确认</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../labels.py" line="104" />
        <source>End cap</source>
        <translation>端架</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="105" />
        <source>Case stack</source>
        <translation>堆箱</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="106" />
        <source>Cooler</source>
        <translation>冰柜</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="107" />
        <source>Shelf</source>
        <translation>货架</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="43" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="44" />
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="45" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="46" />
        <source>Convenience store</source>
        <translation>便利店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="47" />
        <source>Tobacco &amp; liquor</source>
        <translation>烟酒店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="48" />
        <source>Supermarket</source>
        <translation>超市</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="49" />
        <source>Restaurant</source>
        <translation>餐饮</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="50" />
        <location filename="../../labels.py" line="64" />
        <location filename="../../labels.py" line="73" />
        <location filename="../../labels.py" line="80" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="51" />
        <source>Tier A</source>
        <translation>A 类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="52" />
        <source>Tier B</source>
        <translation>B 类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="53" />
        <source>Tier C</source>
        <translation>C 类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="54" />
        <source>No cloud store</source>
        <translation>未开云店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="55" />
        <source>Cloud store opened</source>
        <translation>云店已开通</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="56" />
        <source>Cloud store active</source>
        <translation>云店活跃</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="57" />
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="58" />
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="59" />
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="60" />
        <source>Gift</source>
        <translation>送礼</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="61" />
        <source>Help</source>
        <translation>帮扶</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="62" />
        <source>Award</source>
        <translation>评优</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="63" />
        <source>Tasting</source>
        <translation>品鉴</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="65" />
        <source>Spotted</source>
        <translation>已发现</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="66" />
        <source>Introduced</source>
        <translation>已引荐</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="67" />
        <source>Experienced</source>
        <translation>已体验</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="68" />
        <source>Advocating</source>
        <translation>推荐中</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="69" />
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="70" />
        <source>Verbal</source>
        <translation>口头</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="71" />
        <source>Written</source>
        <translation>书面</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="72" />
        <source>By WeChat</source>
        <translation>微信确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="74" />
        <source>Family</source>
        <translation>家庭群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="75" />
        <source>Workplace</source>
        <translation>单位群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="76" />
        <source>Alumni</source>
        <translation>同学群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="77" />
        <source>Hobby</source>
        <translation>兴趣群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="78" />
        <source>Neighbourhood</source>
        <translation>邻里群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="79" />
        <source>Parents</source>
        <translation>家长群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="81" />
        <source>Tasting event</source>
        <translation>品鉴会</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="82" />
        <source>Scene event</source>
        <translation>场景体验</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="83" />
        <source>Banquet</source>
        <translation>宴席</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="84" />
        <source>Wedding</source>
        <translation>婚宴</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="85" />
        <source>Birthday</source>
        <translation>寿宴/生日宴</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="86" />
        <source>Business dinner</source>
        <translation>商务宴</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="87" />
        <source>Other occasion</source>
        <translation>其他宴席</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="88" />
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="89" />
        <location filename="../../labels.py" line="93" />
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="90" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="91" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="92" />
        <source>Invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="94" />
        <source>Attended</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="95" />
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="96" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="97" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="98" />
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="99" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="100" />
        <source>Question</source>
        <translation>提问</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="101" />
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="102" />
        <source>Photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="103" />
        <source>Placement</source>
        <translation>铺货</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="108" />
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="109" />
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="110" />
        <source>Poor</source>
        <translation>较差</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="111" />
        <source>In stock</source>
        <translation>有货</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="112" />
        <source>Low</source>
        <translation>库存低</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="113" />
        <source>Out of stock</source>
        <translation>断货</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="114" />
        <source>As agreed</source>
        <translation>按约定价</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="115" />
        <source>Above agreed</source>
        <translation>高于约定价</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="116" />
        <source>Below agreed</source>
        <translation>低于约定价</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="117" />
        <source>None seen</source>
        <translation>未见</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="118" />
        <source>Present</source>
        <translation>有竞品</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="119" />
        <source>Running a promotion</source>
        <translation>竞品在促销</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="296" />
        <source>Tier</source>
        <extracomment>One label per concept, in every language, on every page (issue 14: the KOC traits had three label sets; tier was 分级 on one page and 等级 on another; a visit under way was 已签到 on one and 进行中 on another).</extracomment>
        <translation>分级</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="297" />
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="298" />
        <source>Well connected</source>
        <translation>熟人多</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="299" />
        <source>Tries new things</source>
        <translation>爱尝鲜</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="300" />
        <source>Loves sharing</source>
        <translation>爱分享</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="301" />
        <source>Knows the category</source>
        <translation>懂品类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="305" />
        <source>Has many close acquaintances</source>
        <extracomment>What each KOC trait means (a tooltip beside its label).</extracomment>
        <translation>熟人多、人脉广</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="306" />
        <source>Loves trying new things</source>
        <translation>喜欢尝试新东西</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="307" />
        <source>Likes to share and recommend</source>
        <translation>喜欢分享、爱推荐</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="308" />
        <source>Knows the category and can teach others</source>
        <translation>懂行，能给别人讲明白</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="322" />
        <source>Photo far from the shop</source>
        <extracomment>The four KOC traits (their field names), in the order every page shows them. Visit evidence (``fieldapp.kinds.EVIDENCE_FLAGS``): a flag's short name (a pill in the review) and the sentence about one flag (%1 the photo's number, %2 the amount).</extracomment>
        <translation>照片远离门店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="323" />
        <source>Photo outside the visit</source>
        <translation>照片不在拜访时段</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="324" />
        <source>Photo without EXIF</source>
        <translation>照片无 EXIF</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="325" />
        <source>Photo reused</source>
        <translation>照片重复使用</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="326" />
        <source>Visit too short</source>
        <translation>拜访过短</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="327" />
        <source>Checked in far from the shop</source>
        <translation>签到位置远离门店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="330" />
        <source>Photo %1 was taken %2 m from the shop.</source>
        <translation>照片 %1 的拍摄地点离门店 %2 米。</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="331" />
        <source>Photo %1 was taken %2 min outside the visit.</source>
        <translation>照片 %1 拍摄于拜访时间之外 %2 分钟。</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="334" />
        <source>Photo %1 says neither when nor where (no EXIF).</source>
        <translation>照片 %1 没有拍摄时间和地点（无 EXIF）。</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="335" />
        <source>Photo %1 looks like a photo of another visit.</source>
        <translation>照片 %1 与另一次拜访的照片相同或极其相似。</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="336" />
        <source>The visit lasted %2 min.</source>
        <translation>本次拜访只持续了 %2 分钟。</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="337" />
        <source>Checked in %2 m from the shop.</source>
        <translation>签到位置离门店 %2 米。</translation>
    </message>
</context>
</TS>