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
    Channel,
    CloudStore,
    CompetitorCheck,
    ConsentMethod,
    DisplayCheck,
    EventKind,
    EventStatus,
    GroupKind,
    InteractionKind,
    InvitationStatus,
    KocStage,
    PriceCheck,
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
    "reviews": ("Review decisions", "审核记录"),
    "shops": ("Shops", "门店"),
    "owners": ("Owners", "店主"),
    "interactions": ("Interactions", "客情互动"),
    "kocs": ("KOCs", "KOC"),
    "koc_shops": ("KOC shops", "KOC 门店关系"),
    "community_groups": ("Community groups", "社群"),
    "events": ("Events", "活动"),
    "invitations": ("Invitations", "活动邀约"),
}

#: Column key -> (English, Chinese).
HEADERS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "date": ("Date", "日期"),
    "visit_id": ("Visit ID", "拜访 ID"),
    "event_id": ("Event ID", "活动 ID"),
    "planned_date": ("Planned date", "计划日期"),
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
}

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
    "unknown_header": ("Unknown column: {value}", "无法识别的列：{value}"),
    "missing_column": (
        "The file has no column for: {value}",
        "文件缺少这一列：{value}",
    ),
    "mapped_twice": ("Two columns are mapped to: {value}", "两列都对应到了：{value}"),
    "bad_mapping": ("Not a shop field: {value}", "不是门店字段：{value}"),
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
