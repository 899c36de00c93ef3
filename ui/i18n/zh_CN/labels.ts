<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Errors</name>
    <message>
        <location filename="../../labels.py" line="108" />
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="109" />
        <source>Too long</source>
        <translation>内容太长</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="110" />
        <source>Out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="111" />
        <source>Choose one of the options</source>
        <translation>请从选项中选择</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="112" />
        <source>Enter a number</source>
        <translation>请输入数字</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="113" />
        <source>Enter a whole number</source>
        <translation>请输入整数</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="114" />
        <source>Not a valid date</source>
        <translation>日期无效</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="115" />
        <source>Not a valid date and time</source>
        <translation>日期时间无效</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="116" />
        <source>Not a valid value</source>
        <translation>值无效</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="117" />
        <source>Not in the expected format</source>
        <translation>格式不正确</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="118" />
        <source>Not a mobile number (11 digits starting with 1)</source>
        <translation>手机号无效（应为 1 开头的 11 位数字）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="121" />
        <source>Not a phone number (mobile, or area code and number)</source>
        <translation>电话号码无效（手机号，或区号加号码）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="124" />
        <source>Not a WeChat ID (6–20 letters, digits, - or _)</source>
        <translation>微信号无效（6–20 位字母、数字、- 或 _）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="125" />
        <source>Unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="126" />
        <source>Cannot be changed</source>
        <translation>不能修改</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="127" />
        <source>No longer exists</source>
        <translation>已不存在</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="128" />
        <source>Already exists</source>
        <translation>已存在</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="129" />
        <source>Give both latitude and longitude, or neither</source>
        <translation>纬度和经度要么都填，要么都不填</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="130" />
        <source>Record when and how consent was given</source>
        <translation>请记录同意的时间和方式</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="131" />
        <source>Must be after the start</source>
        <translation>必须晚于开始时间</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="132" />
        <source>Check-out must be after check-in</source>
        <translation>离店时间必须晚于到店时间</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="133" />
        <source>Check in first</source>
        <translation>请先签到</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="134" />
        <source>Check in and check out before submitting</source>
        <translation>提交前请先签到并签退</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="135" />
        <source>Can no longer be changed</source>
        <translation>已不能再修改</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="136" />
        <source>Invite either a KOC or an owner</source>
        <translation>请邀请一位 KOC 或一位店主</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="137" />
        <source>Feedback only for people who attended</source>
        <translation>只有到场的人才能填写反馈</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="140" />
        <source>Attach to exactly one visit, shop or event</source>
        <translation>只能附加到一个拜访、门店或活动</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="141" />
        <source>Not a picture (JPEG, PNG, WebP or HEIC)</source>
        <translation>不是图片（JPEG、PNG、WebP 或 HEIC）</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="142" />
        <source>The file cannot be read</source>
        <translation>无法读取该文件</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="144" />
        <source>Not allowed for your role</source>
        <translation>您的角色无权进行此操作</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="145" />
        <source>The rep still has shops, KOCs or events: reassign them first</source>
        <translation>该业务员名下仍有门店、KOC 或活动：请先转给其他业务员</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="148" />
        <source>This person's details were erased for good</source>
        <translation>此人的个人信息已被永久删除</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="149" />
        <source>Not known to head office</source>
        <translation>总部无法识别</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="150" />
        <source>Arrived out of order and was not applied</source>
        <translation>顺序错乱，未被采用</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="177" />
        <source>Must be between %1 and %2</source>
        <translation>必须在 %1 到 %2 之间</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="182" />
        <source>Must be at least %1</source>
        <translation>不能小于 %1</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="186" />
        <source>Must be at most %1</source>
        <translation>不能大于 %1</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="191" />
        <source>Not valid (%1)</source>
        <translation>无效（%1）</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../labels.py" line="40" />
        <source>Rep</source>
        <translation>业务员</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="41" />
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="42" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="43" />
        <source>Convenience store</source>
        <translation>便利店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="44" />
        <source>Tobacco &amp; liquor</source>
        <translation>烟酒店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="45" />
        <source>Supermarket</source>
        <translation>超市</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="46" />
        <source>Restaurant</source>
        <translation>餐饮</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="47" />
        <location filename="../../labels.py" line="61" />
        <location filename="../../labels.py" line="70" />
        <location filename="../../labels.py" line="77" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="48" />
        <source>Tier A</source>
        <translation>A 类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="49" />
        <source>Tier B</source>
        <translation>B 类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="50" />
        <source>Tier C</source>
        <translation>C 类</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="51" />
        <source>No cloud store</source>
        <translation>未开云店</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="52" />
        <source>Cloud store opened</source>
        <translation>云店已开通</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="53" />
        <source>Cloud store active</source>
        <translation>云店活跃</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="54" />
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="55" />
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="56" />
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="57" />
        <source>Gift</source>
        <translation>送礼</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="58" />
        <source>Help</source>
        <translation>帮扶</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="59" />
        <source>Award</source>
        <translation>评优</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="60" />
        <source>Tasting</source>
        <translation>品鉴</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="62" />
        <source>Spotted</source>
        <translation>已发现</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="63" />
        <source>Introduced</source>
        <translation>已引荐</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="64" />
        <source>Experienced</source>
        <translation>已体验</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="65" />
        <source>Advocating</source>
        <translation>推荐中</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="66" />
        <source>Dormant</source>
        <translation>沉睡</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="67" />
        <source>Verbal</source>
        <translation>口头</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="68" />
        <source>Written</source>
        <translation>书面</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="69" />
        <source>By WeChat</source>
        <translation>微信确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="71" />
        <source>Family</source>
        <translation>家庭群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="72" />
        <source>Workplace</source>
        <translation>单位群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="73" />
        <source>Alumni</source>
        <translation>同学群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="74" />
        <source>Hobby</source>
        <translation>兴趣群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="75" />
        <source>Neighbourhood</source>
        <translation>邻里群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="76" />
        <source>Parents</source>
        <translation>家长群</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="78" />
        <source>Tasting event</source>
        <translation>品鉴会</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="79" />
        <source>Scene event</source>
        <translation>场景体验</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="80" />
        <source>Planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="81" />
        <location filename="../../labels.py" line="85" />
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="82" />
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="83" />
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="84" />
        <source>Invited</source>
        <translation>已邀请</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="86" />
        <source>Attended</source>
        <translation>已到场</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="87" />
        <source>No-show</source>
        <translation>未到场</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="88" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="89" />
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="90" />
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="91" />
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="92" />
        <source>Good</source>
        <translation>良好</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="93" />
        <source>Fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="94" />
        <source>Poor</source>
        <translation>较差</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="95" />
        <source>In stock</source>
        <translation>有货</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="96" />
        <source>Low</source>
        <translation>库存低</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="97" />
        <source>Out of stock</source>
        <translation>断货</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="98" />
        <source>As agreed</source>
        <translation>按约定价</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="99" />
        <source>Above agreed</source>
        <translation>高于约定价</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="100" />
        <source>Below agreed</source>
        <translation>低于约定价</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="101" />
        <source>None seen</source>
        <translation>未见</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="102" />
        <source>Present</source>
        <translation>有竞品</translation>
    </message>
    <message>
        <location filename="../../labels.py" line="103" />
        <source>Running a promotion</source>
        <translation>竞品在促销</translation>
    </message>
</context>
</TS>