"""Words for spreadsheets, in English (``en``) and Chinese (``zh_CN``), without Qt.

Sheet names, column headers, enum values and import problems. The Chinese enum words
are the ones the app shows (ui/i18n/zh_CN/labels.ts), so a workbook reads like the app.
The desktop UI translates its own dialogs with Qt; these words are for files and for
the command line, which run without Qt (and on the server).
Thread-agnostic: constant tables and pure functions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from ..model import (
    BanquetType,
    CampaignTaskKind,
    Channel,
    CloudStore,
    CompetitorCheck,
    ConsentMethod,
    DisplayCheck,
    DisplayPosition,
    EventKind,
    EventStatus,
    GroupKind,
    InteractionKind,
    InvitationStatus,
    KocStage,
    PriceCheck,
    PromotionKind,
    ReviewDecision,
    ReviewStatus,
    Role,
    StockCheck,
    Tier,
)

LANGS: tuple[str, ...] = ("zh_CN", "en")


def check_lang(lang: str) -> str:
    """``lang`` when supported (``zh`` and ``zh-CN`` are taken as ``zh_CN``); else ValueError."""
    norm = lang.replace("-", "_")
    if norm.lower() in ("zh", "zh_cn"):
        return "zh_CN"
    if norm.lower() in ("en", "en_us", "en_gb"):
        return "en"
    raise ValueError(lang)


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh_CN" else pair[0]


#: Sheet key -> (English, Chinese). Excel allows 31 characters and no []:*?/\ in a name.
SHEETS: dict[str, tuple[str, str]] = {
    "visits": ("Visits", "拜访"),
    "order_lines": ("Order lines", "订单明细"),
    "shelf_audits": ("Shelf audits", "货架检查明细"),
    "shelf_numbers": ("Distribution", "铺货率"),
    "display_writeoff": ("Display write-off", "陈列费用核销"),
    "campaign_tasks": ("Campaign tasks", "活动任务"),
    "reviews": ("Review decisions", "审核记录"),
    "shops": ("Shops", "门店"),
    "owners": ("Owners", "店主"),
    "interactions": ("Interactions", "客情互动"),
    "kocs": ("KOCs", "KOC"),
    "koc_shops": ("KOC shops", "KOC 门店关系"),
    "community_groups": ("Community groups", "社群"),
    "events": ("Events", "活动"),
    "invitations": ("Invitations", "活动邀约"),
    "pushes": ("Community pushes", "社群推送"),
    "cloud_orders": ("Cloud-store orders", "云店订单"),
    "event_roi": ("Event ROI", "活动回报"),
    "koc_roi": ("KOC ROI", "KOC 回报"),
}

#: Column key -> (English, Chinese).
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "task_kind": ("Task", "任务类型"),
    "task": ("What to do", "任务内容"),
    "task_done": ("Done", "是否完成"),
    "task_answer": ("Answer or why not", "回答或未完成原因"),
    "date": ("Date", "日期"),
    "visit_id": ("Visit ID", "拜访 ID"),
    "event_id": ("Event ID", "活动 ID"),
    "planned_date": ("Planned date", "计划日期"),
    "plan_seq": ("Stop no.", "计划站序"),
    "pjp_done": ("Plan done (in and out)", "按计划完成（签到签退）"),
    "evidence_flags": ("Evidence flags", "证据异常"),
    "shop_code": ("Shop code", "门店编码"),
    "shop": ("Shop", "门店"),
    "county": ("County", "区县"),
    "rep": ("Rep", "业务员"),
    "checkin_at": ("Check-in", "到店时间"),
    "checkout_at": ("Check-out", "离店时间"),
    "check_display": ("Display", "陈列"),
    "check_stock": ("Stock", "库存"),
    "check_price": ("Price", "价格"),
    "check_competitor": ("Competitors", "竞品"),
    "check_notes": ("Check notes", "检查备注"),
    "relationship_note": ("Relationship note", "客情记录"),
    "relationship_level": ("Relationship level", "客情等级"),
    "next_actions": ("Next actions", "下一步行动"),
    "review_status": ("Review status", "审核状态"),
    "supervisor_comment": ("Supervisor comment", "主管意见"),
    "reviewed_by": ("Reviewed by", "审核人"),
    "reviewed_at": ("Reviewed at", "审核时间"),
    "decision": ("Decision", "审核结果"),
    "product_code": ("Product code", "产品编码"),
    "product": ("Product", "产品"),
    "quantity": ("Quantity", "数量"),
    "unit_price": ("Unit price", "单价"),
    "amount": ("Amount", "金额"),
    "name": ("Name", "名称"),
    "channel": ("Channel", "渠道"),
    "tier": ("Tier", "等级"),
    "address": ("Address", "地址"),
    "phone": ("Phone", "电话"),
    "latitude": ("Latitude", "纬度"),
    "longitude": ("Longitude", "经度"),
    "cloud_store": ("Cloud store", "云店"),
    "notes": ("Notes", "备注"),
    "owner": ("Owner", "店主"),
    "mobile": ("Mobile", "手机"),
    "wechat": ("WeChat", "微信"),
    "birthday": ("Birthday", "生日"),
    "level": ("Relationship level", "客情等级"),
    "cares_about": ("Cares about", "关注点"),
    "kind": ("Kind", "类型"),
    "level_after": ("Level after", "互动后等级"),
    "note": ("Note", "备注"),
    "month": ("Month", "月份"),
    "position": ("Position", "陈列位置"),
    "monthly_fee": ("Monthly fee", "月费用"),
    "month_fee": ("Fee this month", "本月应付"),
    "checks": ("Checks", "检查次数"),
    "failed_checks": ("Failed", "不合格次数"),
    "failed_terms": ("Terms not held", "未达标条款"),
    "skus": ("SKUs", "产品"),
    "position_ok": ("position", "位置"),
    "facings_ok": ("facings", "排面"),
    "skus_ok": ("SKUs", "产品"),
    "deduction_pct": ("Deduction %", "扣减%"),
    "computed_payout": ("Payout computed", "计算核销额"),
    "approved_amount": ("Approved", "审批金额"),
    "approver": ("Approver", "审批人"),
    "payout_comment": ("Approver's comment", "审批意见"),
    "proof_photos": ("Proof photos (SHA-256)", "证明照片 (SHA-256)"),
    "agreement_id": ("Agreement id", "协议编号"),
    "koc": ("KOC", "KOC"),
    "stage": ("Stage", "阶段"),
    "trait_acquaintances": ("Many acquaintances", "熟人多"),
    "trait_trying": ("Loves trying", "爱尝鲜"),
    "trait_sharing": ("Loves sharing", "爱分享"),
    "trait_expertise": ("Knows the category", "懂品类"),
    "trait_score": ("Trait score", "特质总分"),
    "consent": ("Consent", "已同意"),
    "consent_at": ("Consent at", "同意时间"),
    "consent_method": ("Consent method", "同意方式"),
    "introduced_by": ("Introduced by", "引荐店主"),
    "introduced_at": ("Introduced on", "引荐日期"),
    "size": ("Size", "人数"),
    "admin_koc": ("Group admin", "群主"),
    "title": ("Title", "活动名称"),
    "event": ("Event", "活动"),
    "status": ("Status", "状态"),
    "starts_at": ("Starts", "开始时间"),
    "ends_at": ("Ends", "结束时间"),
    "venue": ("Venue", "场地"),
    "capacity": ("Capacity", "名额"),
    "budget": ("Budget", "预算"),
    "products": ("Products", "产品"),
    "invited": ("Invited", "邀约人数"),
    "attended": ("Attended", "到场人数"),
    "invitee_kind": ("Invitee", "邀约对象"),
    "invitee": ("Name", "姓名"),
    "feedback": ("Feedback", "反馈评分"),
    "created_at": ("Created", "创建时间"),
    "in_distribution": ("In distribution", "有铺货"),
    "out_of_stock": ("Out of stock", "断货"),
    "facings": ("Facings", "排面数"),
    "shelf_price": ("Shelf price", "货架价"),
    "list_price": ("List price", "标准价"),
    "price_disorder": ("Price disorder", "乱价"),
    "competitor_facings": ("Competitor facings", "竞品排面数"),
    "competitor_price": ("Competitor price", "竞品价格"),
    "group": ("By", "维度"),
    "pairs": ("Shop × SKU audited", "检查门店×单品"),
    "carrying": ("Carrying", "有铺货"),
    "numeric_distribution": ("Numeric distribution", "数值铺货率"),
    "weighted_distribution": ("Weighted distribution", "加权铺货率"),
    "out_of_stock_rate": ("Out-of-stock rate", "断货率"),
    "share_of_shelf": ("Share of shelf", "排面占比"),
    "by_all": ("All", "合计"),
    "by_product": ("SKU", "单品"),
    "by_category": ("Category", "品类"),
    "by_county": ("County", "区县"),
    "by_rep": ("Rep", "业务员"),
    "by_month": ("Month", "月份"),
    # the B→KOC→C loop (issue 18)
    "order_no": ("Order ID", "订单号"),
    "ordered_at": ("Order time", "下单时间"),
    "items": ("Items", "商品"),
    "buyer_ref": ("Buyer", "买家"),
    "referrer_code": ("Referrer code", "推荐码"),
    "group_name": ("Group name", "群名称"),
    "attributed_koc": ("KOC (attributed)", "归属 KOC"),
    "attributed_how": ("Attributed by", "归属方式"),
    "attributed_group": ("Group (attributed)", "归属社群"),
    "attributed_event": ("Event (attributed)", "归属活动"),
    "push_group": ("Group", "社群"),
    "campaign": ("Campaign", "活动主题"),
    "pusher": ("Pushed by", "推送人"),
    "pusher_kind": ("KOC or owner", "KOC/店主"),
    "cost": ("Cost (¥)", "成本（元）"),
    "cost_products": ("Products used (¥)", "产品费用（元）"),
    "cost_venue": ("Venue (¥)", "场地费用（元）"),
    "cost_gifts": ("Gifts (¥)", "礼品费用（元）"),
    "cost_other": ("Other costs (¥)", "其他费用（元）"),
    "bottles_supplied": ("Bottles supplied", "供酒（瓶）"),
    "bottles_opened": ("Bottles opened", "开瓶（瓶）"),
    "bottles_returned": ("Bottles returned", "退回（瓶）"),
    "table_count": ("Tables", "桌数"),
    "banquet_type": ("Banquet type", "宴席类型"),
    "host": ("Host", "宴席主家"),
    "supplier_shop": ("Supplying shop", "供货门店"),
    "scan_count": ("Scans", "扫码数"),
    "attendees": ("Attendees", "到场人数"),
    "kocs_found": ("KOCs found", "发现 KOC"),
    "pushes": ("Pushes (7 days)", "推送（7 天内）"),
    "orders_30": ("Orders 30 d", "订单 30 天"),
    "orders_60": ("Orders 60 d", "订单 60 天"),
    "orders_90": ("Orders 90 d", "订单 90 天"),
    "revenue_30": ("Revenue 30 d (¥)", "销售额 30 天（元）"),
    "revenue_60": ("Revenue 60 d (¥)", "销售额 60 天（元）"),
    "revenue_90": ("Revenue 90 d (¥)", "销售额 90 天（元）"),
    "converted": ("Converted KOCs", "转化 KOC"),
    "conversion": ("Conversion", "转化率"),
    "cost_per_converted": ("Cost per converted KOC (¥)", "每转化 KOC 成本（元）"),
    "revenue_per_yuan": ("Revenue per ¥", "每元回报"),
    "events_attended": ("Events attended", "参加活动"),
    "push_count": ("Pushes", "推送次数"),
    "orders_driven": ("Orders driven", "带来订单"),
    "revenue": ("Revenue (¥)", "销售额（元）"),
}

#: A visit's evidence flags (``fieldapp.kinds.EVIDENCE_FLAGS``), as the app names them.
EVIDENCE_WORDS: dict[str, tuple[str, str]] = {
    "photo_far": ("Photo far from the shop", "照片远离门店"),
    "photo_outside_visit": ("Photo outside the visit", "照片不在拜访时段"),
    "photo_no_exif": ("Photo without EXIF", "照片无 EXIF"),
    "photo_reused": ("Photo reused", "照片重复使用"),
    "visit_too_short": ("Visit too short", "拜访过短"),
    "checkin_far": ("Checked in far from the shop", "签到位置远离门店"),
}


def evidence_text(text: str | None, lang: str) -> str | None:
    """A stored ``evidence_flags`` text in words: each kind of flag once, with how many
    photos it concerns when more than one ("照片无 EXIF ×2; 拜访过短")."""
    if not text:
        return None
    counts: dict[str, int] = {}
    for part in text.split(";"):
        code = part.partition("=")[0].partition("@")[0]
        if code in EVIDENCE_WORDS:
            counts[code] = counts.get(code, 0) + 1
    out = [
        _pick(EVIDENCE_WORDS[code], lang) + (f" ×{n}" if n > 1 else "")
        for code, n in sorted(counts.items(), key=lambda kv: list(EVIDENCE_WORDS).index(kv[0]))
    ]
    return "; ".join(out) or None


#: Other single words.
WORDS: dict[str, tuple[str, str]] = {
    "yes": ("Yes", "是"),
    "no": ("No", "否"),
    "koc": ("KOC", "KOC"),
    "owner": ("Owner", "店主"),
}

# Keyed by (enum class, value): "none", "ok", "other" … mean different things in different enums.
_ENUM_WORDS: dict[tuple[type[StrEnum], str], tuple[str, str]] = {
    (Role, "rep"): ("Rep", "业务员"),
    (Role, "supervisor"): ("Supervisor", "主管"),
    (Role, "admin"): ("Administrator", "管理员"),
    (Channel, "convenience"): ("Convenience store", "便利店"),
    (Channel, "tobacco_liquor"): ("Tobacco & liquor", "烟酒店"),
    (Channel, "supermarket"): ("Supermarket", "超市"),
    (Channel, "restaurant"): ("Restaurant", "餐饮"),
    (Channel, "other"): ("Other", "其他"),
    (Tier, "A"): ("Tier A", "A 类"),
    (Tier, "B"): ("Tier B", "B 类"),
    (Tier, "C"): ("Tier C", "C 类"),
    (PromotionKind, "percent_off"): ("Percent off", "折扣"),
    (DisplayPosition, "end_cap"): ("End cap", "端架"),
    (DisplayPosition, "case_stack"): ("Case stack", "堆箱"),
    (DisplayPosition, "cooler"): ("Cooler", "冰柜"),
    (DisplayPosition, "shelf"): ("Shelf", "货架"),
    (PromotionKind, "buy_get"): ("Buy N get M", "买赠"),
    (CloudStore, "none"): ("No cloud store", "未开云店"),
    (CloudStore, "opened"): ("Cloud store opened", "云店已开通"),
    (CloudStore, "active"): ("Cloud store active", "云店活跃"),
    (InteractionKind, "visit"): ("Visit", "拜访"),
    (InteractionKind, "call"): ("Phone call", "电话"),
    (InteractionKind, "wechat"): ("WeChat", "微信"),
    (InteractionKind, "gift"): ("Gift", "送礼"),
    (InteractionKind, "help"): ("Help", "帮扶"),
    (InteractionKind, "award"): ("Award", "评优"),
    (InteractionKind, "tasting"): ("Tasting", "品鉴"),
    (InteractionKind, "other"): ("Other", "其他"),
    (KocStage, "spotted"): ("Spotted", "已发现"),
    (KocStage, "introduced"): ("Introduced", "已引荐"),
    (KocStage, "experienced"): ("Experienced", "已体验"),
    (KocStage, "advocating"): ("Advocating", "推荐中"),
    (KocStage, "dormant"): ("Dormant", "沉睡"),
    (ConsentMethod, "verbal"): ("Verbal", "口头"),
    (ConsentMethod, "written"): ("Written", "书面"),
    (ConsentMethod, "wechat"): ("By WeChat", "微信确认"),
    (ConsentMethod, "other"): ("Other", "其他"),
    (GroupKind, "family"): ("Family", "家庭群"),
    (GroupKind, "workplace"): ("Workplace", "单位群"),
    (GroupKind, "alumni"): ("Alumni", "同学群"),
    (GroupKind, "hobby"): ("Hobby", "兴趣群"),
    (GroupKind, "neighbourhood"): ("Neighbourhood", "邻里群"),
    (GroupKind, "parents"): ("Parents", "家长群"),
    (GroupKind, "other"): ("Other", "其他"),
    (EventKind, "tasting"): ("Tasting event", "品鉴会"),
    (EventKind, "scene"): ("Scene event", "场景体验"),
    (EventKind, "banquet"): ("Banquet", "宴席"),
    (BanquetType, "wedding"): ("Wedding", "婚宴"),
    (BanquetType, "birthday"): ("Birthday", "寿宴/生日宴"),
    (BanquetType, "business"): ("Business dinner", "商务宴"),
    (BanquetType, "other"): ("Other occasion", "其他宴席"),
    (EventStatus, "planned"): ("Planned", "计划中"),
    (EventStatus, "confirmed"): ("Confirmed", "已确认"),
    (EventStatus, "done"): ("Done", "已完成"),
    (EventStatus, "cancelled"): ("Cancelled", "已取消"),
    (InvitationStatus, "invited"): ("Invited", "已邀请"),
    (InvitationStatus, "confirmed"): ("Confirmed", "已确认"),
    (InvitationStatus, "attended"): ("Attended", "已到场"),
    (InvitationStatus, "no_show"): ("No-show", "未到场"),
    (ReviewStatus, "draft"): ("Draft", "草稿"),
    (ReviewStatus, "submitted"): ("Submitted", "已提交"),
    (ReviewStatus, "approved"): ("Approved", "已通过"),
    (ReviewStatus, "returned"): ("Returned", "已退回"),
    (ReviewDecision, "approved"): ("Approved", "已通过"),
    (ReviewDecision, "returned"): ("Returned", "已退回"),
    (DisplayCheck, "good"): ("Good", "良好"),
    (DisplayCheck, "fair"): ("Fair", "一般"),
    (DisplayCheck, "poor"): ("Poor", "较差"),
    (StockCheck, "ok"): ("In stock", "有货"),
    (StockCheck, "low"): ("Low", "库存低"),
    (StockCheck, "out"): ("Out of stock", "断货"),
    (PriceCheck, "ok"): ("As agreed", "按约定价"),
    (PriceCheck, "above"): ("Above agreed", "高于约定价"),
    (PriceCheck, "below"): ("Below agreed", "低于约定价"),
    (CompetitorCheck, "none"): ("None seen", "未见"),
    (CompetitorCheck, "present"): ("Present", "有竞品"),
    (CompetitorCheck, "promotion"): ("Running a promotion", "竞品在促销"),
    (CampaignTaskKind, "question"): ("A question to ask", "提问"),
    (CampaignTaskKind, "checklist"): ("A checklist item", "检查项"),
    (CampaignTaskKind, "photo"): ("A photo to take", "拍照"),
    (CampaignTaskKind, "placement"): ("A product to place", "产品铺货"),
}

#: Import problems and file errors: code -> (English, Chinese); ``{x}`` are parameters.
PROBLEMS: dict[str, tuple[str, str]] = {
    "required": ("Required", "必填"),
    "too_long": ("Too long", "内容太长"),
    "out_of_range": ("Out of range", "超出范围"),
    "invalid_choice": ("Not one of the known values", "不是可选的值"),
    "not_a_number": ("Not a number", "不是数字"),
    "not_a_whole_number": ("Not a whole number", "不是整数"),
    "invalid_type": ("Not a valid value", "值无效"),
    "invalid_format": ("Not in the expected format", "格式不正确"),
    "invalid_phone": (
        "Not a phone number (mobile, or area code and number)",
        "电话号码无效（手机号，或区号加号码）",
    ),
    "gps_incomplete": (
        "Give both latitude and longitude, or neither",
        "纬度和经度要么都填，要么都不填",
    ),
    "unknown_county": ("Unknown county: {value}", "未知区县：{value}"),
    "unknown_rep": ("Unknown rep: {value}", "未知业务员：{value}"),
    "duplicate_in_file": (
        "The same shop code is also in row {row}",
        "门店编码与第 {row} 行重复",
    ),
    "duplicate": ("Already used by another shop", "已被其他门店使用"),
    "duplicate_row_in_file": (
        "The same county or product is also in row {row}",
        "与第 {row} 行是同一个区县或产品",
    ),
    "invalid_character": (
        "Holds a control character that cannot be stored",
        "含有无法保存的控制字符",
    ),
    "not_found": ("No longer exists", "已不存在"),
    # file-level errors
    "not_a_spreadsheet": (
        "The file is not a spreadsheet (.xlsx or .csv)",
        "该文件不是电子表格（.xlsx 或 .csv）",
    ),
    "old_excel": (
        "Old Excel format (.xls): save it as .xlsx first",
        "旧版 Excel 格式（.xls）：请先另存为 .xlsx",
    ),
    "empty": ("The file is empty (no header row or no rows)", "文件是空的（没有表头或没有数据行）"),
    "truncated": (
        "The file is truncated or damaged",
        "文件不完整或已损坏",
    ),
    "unreadable": ("The file cannot be read", "无法读取该文件"),
    "too_big": (
        "The file is too big to import (at most 100,000 rows and 256 columns, or it"
        " unpacks to far more than it holds): split it into smaller files",
        "文件太大，无法导入（最多 100,000 行、256 列，或解压后远大于文件本身）：请拆分成较小的文件",
    ),
    "unknown_encoding": (
        "The text encoding cannot be told for sure (Big5 or GBK?): save the file as"
        " CSV UTF-8 or as .xlsx",
        "无法确定文件的文字编码（Big5 还是 GBK？）：请另存为 CSV UTF-8 或 .xlsx",
    ),
    "unknown_header": ("Unknown column: {value}", "无法识别的列：{value}"),
    "missing_column": (
        "The file has no column for: {value}",
        "文件缺少这一列：{value}",
    ),
    "mapped_twice": ("Two columns are mapped to: {value}", "两列都对应到了：{value}"),
    "bad_mapping": ("Not a shop field: {value}", "不是门店字段：{value}"),
    # cloud-store orders (issue 18)
    "unknown_shop": ("No shop with this code or name: {value}", "没有此编码或名称的门店：{value}"),
    "ambiguous_shop": (
        "Several shops have this name: {value} (use the shop code)",
        "多家门店同名：{value}（请用门店编码）",
    ),
    "invalid_datetime": ("Not a date and time", "不是有效的日期时间"),
    "duplicate_order": (
        "The same order ID is also in row {row}",
        "订单号与第 {row} 行重复",
    ),
}


def sheet_name(key: str, lang: str) -> str:
    return _pick(SHEETS[key], lang)


def header(key: str, lang: str) -> str:
    return _pick(HEADERS[key], lang)


def word(key: str, lang: str) -> str:
    return _pick(WORDS[key], lang)


def enum_words(enum: type[StrEnum], lang: str) -> dict[str, str]:
    """Value -> word for every member of ``enum`` (the value itself when it has no word)."""
    out: dict[str, str] = {}
    for member in enum:
        pair = _ENUM_WORDS.get((enum, member.value))
        out[member.value] = _pick(pair, lang) if pair else member.value
    return out


def enum_aliases(enum: type[StrEnum]) -> dict[str, str]:
    """Lower-cased code, English word and Chinese word -> value, for reading files back."""
    out: dict[str, str] = {}
    for member in enum:
        out[member.value.lower()] = member.value
        pair = _ENUM_WORDS.get((enum, member.value))
        if pair:
            out[pair[0].lower()] = member.value
            out[pair[1].lower()] = member.value
            out[pair[1].replace(" ", "").lower()] = member.value
    return out


def problem(code: str, lang: str, **params: Any) -> str:
    """The words for an import problem or file error code (the code itself when unknown)."""
    pair = PROBLEMS.get(code)
    if pair is None:
        return code
    text = _pick(pair, lang)
    return text.format(**params) if params else text.replace("{value}", "").rstrip("：: ")
