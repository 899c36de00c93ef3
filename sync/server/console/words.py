"""Every word the console shows, in English and Chinese (one table; a test checks each
key has both). ``say(key, lang, **params)``; English words for a count of one in ``ONE``;
amounts of money as people read them: ``money``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

LANGS = ("zh_CN", "en")

WORDS: dict[str, tuple[str, str]] = {
    "title": ("fieldapp head office", "fieldapp 总部控制台"),
    "sign_in": ("Sign in", "登录"),
    "sign_out": ("Sign out", "退出"),
    "user_name": ("User name", "用户名"),
    "password": ("Password", "密码"),
    "new_password": ("New password (8 characters or more)", "新密码（至少 8 个字符）"),
    "language": ("Language", "语言"),
    "other_lang": ("中文", "English"),
    "signed_in_as": ("Signed in as {name} ({role})", "当前用户：{name}（{role}）"),
    "nav_health": ("Sync health", "同步状况"),
    "nav_people": ("Teams and people", "团队与人员"),
    "nav_master": ("Master data", "主数据"),
    "nav_shops": ("Shops", "门店"),
    "nav_export": ("Export", "导出"),
    "nav_campaigns": ("Campaigns", "活动任务"),
    "nav_orders": ("Cloud-store orders", "云店订单"),
    "role_admin": ("Administrator", "管理员"),
    "role_head_office": ("Head office", "总部"),
    "role_supervisor": ("Supervisor", "主管"),
    "role_rep": ("Sales rep", "业务员"),
    # sign-in problems
    "err_credentials": ("Wrong user name or password.", "用户名或密码错误。"),
    "err_throttled": (
        "Too many failed sign-ins: try again in {seconds} s.",
        "登录失败次数过多：请 {seconds} 秒后再试。",
    ),
    "err_locked": (
        "This account is locked after too many failed sign-ins: try again in {seconds} s"
        " or ask an administrator to unlock it.",
        "登录失败次数过多，账户已锁定：请 {seconds} 秒后再试，或请管理员解锁。",
    ),
    "err_busy": ("The server is busy: try again.", "服务器繁忙，请重试。"),
    "err_not_console": (
        "This account cannot use the console (administrators and head office only).",
        "该账户不能使用控制台（仅限管理员和总部账户）。",
    ),
    "err_disabled": ("This account is deactivated.", "该账户已停用。"),
    "err_csrf": (
        "The form had expired: it was shown again, please send it once more.",
        "表单已过期，已重新显示，请再提交一次。",
    ),
    "session_ended": ("Your session ended: sign in again.", "会话已结束，请重新登录。"),
    # people
    "teams": ("Teams", "团队"),
    "team": ("Team", "团队"),
    "no_team": ("(no team)", "（无团队）"),
    "new_team": ("New team", "新建团队"),
    "team_name": ("Team name", "团队名称"),
    "create": ("Create", "创建"),
    "people": ("People", "人员"),
    "new_user": ("New user", "新建用户"),
    "role": ("Role", "角色"),
    "name": ("Name", "名称"),
    "state": ("State", "状态"),
    "active": ("Active", "启用"),
    "deactivated": ("Deactivated", "已停用"),
    "devices": ("Devices", "设备"),
    "members": ("People", "人数"),
    "open": ("Open", "打开"),
    "back_people": ("← Teams and people", "← 团队与人员"),
    "move_to": ("Move to team", "调到团队"),
    "move": ("Move", "调动"),
    "to_pool": ("Release to the pool (no team)", "释放到待分配（无团队）"),
    "deactivate": ("Deactivate", "停用"),
    "activate": ("Activate again", "重新启用"),
    "deactivate_note": (
        "Deactivating stops every token of this person at once; their devices are refused,"
        " their data stays.",
        "停用后该人员的所有令牌立即失效，设备被拒绝，数据保留。",
    ),
    "reset_password": ("Reset password", "重置密码"),
    "reset_note": (
        "A new password ends every session of this person: their devices sign in again.",
        "设置新密码后该人员的所有会话结束，设备需要重新登录。",
    ),
    "unlock": ("Forget failed sign-ins", "清除登录失败记录"),
    "device": ("Device", "设备"),
    "device_id": ("Device ID", "设备 ID"),
    "first_login": ("First sign-in", "首次登录"),
    "last_sync": ("Last sync", "最近同步"),
    "never": ("never", "从未"),
    "pending": ("Waiting to send", "待发送"),
    "rejected": ("Refused", "被拒绝"),
    "app_version": ("App version", "应用版本"),
    "revoke": ("Revoke", "吊销"),
    "revoked": ("Revoked", "已吊销"),
    "approve": ("Approve", "批准"),
    "waiting_approval": ("Waiting for approval", "等待批准"),
    "not_reported": ("not reported", "未上报"),
    "done_created_team": ("Team {name} created.", "已创建团队 {name}。"),
    "done_created_user": ("User {name} created.", "已创建用户 {name}。"),
    "done_moved": ("{name} moved; {rows} rows follow.", "{name} 已调动，{rows} 条数据随之转移。"),
    "done_deactivated": ("{name} is deactivated.", "{name} 已停用。"),
    "done_activated": ("{name} is active again.", "{name} 已重新启用。"),
    "done_password": (
        "Password set; {devices} devices must sign in again.",
        "密码已设置，{devices} 台设备需要重新登录。",
    ),
    "done_unlocked": ("Failed sign-ins of {name} forgotten.", "已清除 {name} 的登录失败记录。"),
    "done_revoked": ("Device revoked: it is refused at once.", "设备已吊销，立即被拒绝。"),
    "done_approved": ("Device approved.", "设备已批准。"),
    "no_rights_accounts": (
        "Only an administrator manages administrator and head-office accounts.",
        "只有管理员可以管理管理员和总部账户。",
    ),
    # health
    "health_intro": (
        "Per team and device: the last sync, what waits on the device, what head office"
        " refused and the conflicts waiting for a person.",
        "按团队和设备：最近同步、设备上待发送的数据、总部拒绝的修改，以及等待处理的冲突。",
    ),
    "conflicts_open": ("Open conflicts", "未处理的冲突"),
    "last_refusal": ("Last refusal", "最近一次拒绝"),
    "last_error": ("Last error", "最近一次错误"),
    "where_login": ("at login", "登录时"),
    "where_push": ("a change sent", "上传的更改"),
    "where_pull": ("receiving changes", "接收更改时"),
    "where_verify": ("checking the data", "核对数据时"),
    "where_photos": ("a photo", "照片"),
    "where_other": ("a request", "请求"),
    "no_devices": ("No device has signed in yet.", "还没有设备登录过。"),
    "team_summary": ("Teams", "各团队"),
    "refused_codes": ("Refusals by reason", "按原因统计的拒绝"),
    "count": ("Count", "次数"),
    "reason": ("Reason", "原因"),
    # master data
    "counties": ("Counties", "区县"),
    "products": ("Products", "产品"),
    "prices": ("Prices and promotions", "价格与促销"),
    "prices_intro": (
        "Price lists and promotions come from a workbook with the sheets 价格 and 促销 (or one"
        " CSV of either), as fieldapp-server import-prices reads it; rows are matched by"
        " their key, so the same file twice changes nothing. A file replaces each price list"
        " it names (and, with promotion rows, the promotions): rows it no longer has are"
        " removed, listed in the preview first. Only head office writes them.",
        "价目表和促销来自包含“价格”和“促销”两个工作表的工作簿（或其中之一的 CSV），"
        "与 fieldapp-server import-prices 读取的相同；按行的键匹配，"
        "同一文件导入两次不会重复。文件替换其中列出的每个价目表（有促销行时也替换促销）："
        "文件中已没有的行会被删除，预览中先列出。只有总部可以修改。",
    ),
    "price_rows": ("Price list rows", "价目表"),
    "promotion_rows": ("Promotions", "促销"),
    "prices_summary": (
        "{create} new, {update} changed, {unchanged} unchanged, {remove} removed,"
        " {invalid} with problems.",
        "新建 {create} 行，修改 {update} 行，不变 {unchanged} 行，删除 {remove} 行，"
        "有问题 {invalid} 行。",
    ),
    "removed_rows": (
        "Removed: rows of the replaced lists that the file no longer has",
        "删除：被替换的价目表中、文件里已没有的行",
    ),
    "sheet": ("Sheet", "工作表"),
    "f_list_name": ("Price list", "价目表"),
    "f_product_id": ("Product", "产品"),
    "f_channel": ("Channel", "渠道"),
    "f_tier": ("Tier", "等级"),
    "f_county_id": ("County", "区县"),
    "f_price": ("Price (¥)", "价格（元）"),
    "f_valid_from": ("From", "开始日期"),
    "f_valid_to": ("To", "结束日期"),
    "f_code": ("Code", "编码"),
    "f_name": ("Name", "名称"),
    "f_kind": ("Kind", "类型"),
    "f_percent": ("% off", "折扣%"),
    "f_buy_quantity": ("Buy", "买"),
    "f_free_quantity": ("Get free", "送"),
    "f_min_quantity": ("Minimum", "起订量"),
    "f_priority": ("Priority", "优先级"),
    "column": ("Column", "列"),
    "province": ("Province", "省份"),
    "prefecture": ("Prefecture", "地级市"),
    "koc_target": ("KOC target", "KOC 目标"),
    "code": ("Code", "编码"),
    "category": ("Category", "品类"),
    "unit": ("Unit", "单位"),
    "price": ("List price (¥)", "价格（元）"),
    "save": ("Save", "保存"),
    "edit": ("Edit", "编辑"),
    "new_county": ("New county", "新建区县"),
    "new_product": ("New product", "新建产品"),
    "upload": ("Upload a spreadsheet", "上传表格"),
    "upload_note": (
        ".xlsx or .csv with a header row (Chinese or English headers). Nothing is written"
        " before you have seen the preview.",
        ".xlsx 或 .csv，第一行为表头（中文或英文）。确认预览前不会写入任何数据。",
    ),
    "file": ("File", "文件"),
    "preview": ("Preview", "预览"),
    "preview_of": ("Preview of {file}", "预览：{file}"),
    "row": ("Row", "行"),
    "action": ("Action", "操作"),
    "problems": ("Problems", "问题"),
    "act_create": ("new", "新建"),
    "act_update": ("changes", "修改"),
    "act_unchanged": ("unchanged", "不变"),
    "act_invalid": ("has problems", "有问题"),
    "summary": (
        "{create} new, {update} changed, {unchanged} unchanged, {invalid} with problems.",
        "新建 {create} 行，修改 {update} 行，不变 {unchanged} 行，有问题 {invalid} 行。",
    ),
    "apply_all": ("Write the {n} rows", "写入这 {n} 行"),
    "apply_valid": ("Write the {n} rows without problems", "只写入没有问题的 {n} 行"),
    "fix_and_upload": (
        "Fix the rows with problems in the file and upload it again, or write only the others.",
        "请在文件中改正有问题的行后重新上传，或只写入其他行。",
    ),
    "nothing_to_write": ("Nothing to write.", "没有需要写入的数据。"),
    "cancel": ("Cancel", "取消"),
    "unknown_columns": ("Columns not used: {names}", "未使用的列：{names}"),
    "done_written": ("{n} rows written.", "已写入 {n} 行。"),
    "upload_gone": (
        "This upload is no longer kept: upload the file again.",
        "该上传已失效，请重新上传文件。",
    ),
    "file_too_big_upload": (
        "The file is over {mb} MB: split it.",
        "文件超过 {mb} MB，请拆分。",
    ),
    "no_file": ("Choose a file first.", "请先选择文件。"),
    "changes_col": ("What changes", "修改内容"),
    "shared_note": (
        "Counties and products are head office's: reps add a missing one, supervisors set a"
        " county's KOC target, only head office renames or changes them.",
        "区县和产品由总部管理：业务员可以添加缺少的区县，主管可以设置区县的 KOC 目标，"
        "只有总部可以改名或修改。",
    ),
    # shops
    "shops_intro": (
        "Every team's shops. Upload a shop list (the desktop import's columns: code, name,"
        " channel, tier, county, rep …): shops are matched by code, so the same file twice"
        " changes nothing; a shop goes to its rep's team. Or assign a rep here.",
        "所有团队的门店。上传门店清单（与桌面端导入相同的列：编码、名称、渠道、等级、区县、"
        "业务员……）：按门店编码匹配，同一文件导入两次不会重复；门店归入其业务员所在的团队。"
        "也可以在这里指定业务员。",
    ),
    "search": ("Search (code or name)", "搜索（编码或名称）"),
    "filter": ("Show", "显示"),
    "shown_of": ("{shown} of {total} shops", "共 {total} 家门店，显示 {shown} 家"),
    "shop_code": ("Shop code", "门店编码"),
    "channel": ("Channel", "渠道"),
    "tier": ("Tier", "等级"),
    "county": ("County", "区县"),
    "rep": ("Rep", "业务员"),
    "assign": ("Assign", "指定"),
    "done_assigned": ("Shop assigned to {name}.", "门店已指定给 {name}。"),
    "code_rep_without_team": (
        "A shop needs a rep who belongs to a team.",
        "门店需要指定一位属于某个团队的业务员。",
    ),
    # cloud-store orders
    "orders": ("Cloud-store orders", "云店订单"),
    "orders_intro": (
        "Every team's cloud-store orders. Upload the platform's order export (order ID, time,"
        " shop code or name, items, amount, buyer, referrer code, group name): the same"
        " columns, checks and problems as fieldapp-server import-orders. Orders are"
        " matched by order ID, so the same file twice changes nothing; an order goes to its"
        " shop's team.",
        "所有团队的云店订单。上传云店平台导出的订单（订单号、下单时间、门店编码或名称、商品、"
        "金额、买家、推荐码、群名称）：列、检查和问题与 fieldapp-server import-orders 相同。"
        "按订单号匹配，同一文件导入两次不会重复；订单归入其门店所在的团队。",
    ),
    "orders_shown_of": (
        "{shown} of {total} orders, latest first",
        "共 {total} 个订单，按时间倒序显示 {shown} 个",
    ),
    "order_no": ("Order ID", "订单号"),
    "ordered_at": ("Order time (Beijing)", "下单时间（北京时间）"),
    "shop": ("Shop", "门店"),
    "items": ("Items", "商品"),
    "amount": ("Amount (¥)", "金额（元）"),
    "referrer_code": ("Referrer code", "推荐码"),
    "group_name": ("Group name", "群名称"),
    # export
    "export_intro": (
        "The head-office workbook of all teams, or one team's, as .xlsx or CSV files (zip).",
        "全部团队或某个团队的总部工作簿（.xlsx），或 CSV 文件（zip）。",
    ),
    "all_teams": ("All teams", "全部团队"),
    "date_from": ("From (business day)", "开始日期"),
    "date_to": ("To (business day)", "结束日期"),
    "format": ("Format", "格式"),
    "xlsx": ("Workbook (.xlsx)", "工作簿（.xlsx）"),
    "csv": ("CSV files (.zip)", "CSV 文件（.zip）"),
    "headers_lang": ("Headers in", "表头语言"),
    "download": ("Download", "下载"),
    "bad_date": ("Not a date (YYYY-MM-DD)", "日期格式不对（YYYY-MM-DD）"),
    "bad_period": ("The start is after the end", "开始日期晚于结束日期"),
    # campaigns
    "campaigns_intro": (
        "A campaign is a task for the visits to the shops it takes (team, county, channel,"
        " tier; empty: any) during its period. It reaches every device at its next sync;"
        " the app shows the task in each visit to such a shop, and the rep records it done"
        " or not done (with why).",
        "活动任务是总部给门店拜访布置的任务：在活动期间，符合条件（团队、区县、渠道、等级；"
        "不填即不限）的门店在拜访时显示该任务。设备下次同步即收到；业务员在拜访中记录完成"
        "或未完成（并说明原因）。",
    ),
    "campaign_list": ("Campaigns and their progress", "活动任务及进度"),
    "no_campaigns": ("No campaign yet.", "还没有活动任务。"),
    "new_campaign": ("New campaign", "新建活动任务"),
    "back_campaigns": ("← Campaigns", "← 活动任务"),
    "c_name": ("Name", "名称"),
    "c_task_kind": ("Task", "任务类型"),
    "c_task": ("What to do", "任务内容"),
    "c_product_id": ("Product", "产品"),
    "c_team_id": ("Team", "团队"),
    "c_county_id": ("County", "区县"),
    "c_channel": ("Channel", "渠道"),
    "c_tier": ("Tier", "等级"),
    "c_starts_on": ("From", "开始日期"),
    "c_ends_on": ("To", "结束日期"),
    "c_notes": ("Notes", "备注"),
    "c_any": ("(any)", "（不限）"),
    "c_period": ("Period", "期间"),
    "c_shops": ("Shops", "门店数"),
    "c_progress": ("Progress", "进度"),
    "c_done_of": (
        "{done} of {shops} shops done ({percent} %)",
        "{shops} 家门店已完成 {done} 家（{percent}%）",
    ),
    "c_not_done_n": ("{n} not done", "{n} 家未完成"),
    "c_open_n": ("{n} not visited yet", "{n} 家尚未拜访"),
    "c_by_rep": ("By rep", "按业务员"),
    "c_by_shop": ("By shop", "按门店"),
    "c_state_done": ("Done", "已完成"),
    "c_state_not_done": ("Not done", "未完成"),
    "c_state_open": ("Not visited yet", "尚未拜访"),
    "c_visit_day": ("Visit day", "拜访日期"),
    "c_by": ("Recorded by", "记录人"),
    "c_answer": ("Answer or why not", "回答或未完成原因"),
    "done_saved_campaign": (
        "Campaign {name} saved: devices receive it at their next sync.",
        "活动任务 {name} 已保存，设备下次同步即收到。",
    ),
    # service error codes, in words
    "code_invalid_name": (
        "A name has 1 to 100 characters (teams: 200).",
        "名称为 1 到 100 个字符（团队 200）。",
    ),
    "code_duplicate": ("That name is taken.", "该名称已存在。"),
    "code_weak_password": ("A password has 8 to 1024 characters.", "密码为 8 到 1024 个字符。"),
    "code_invalid_role": ("Not a role for this.", "该角色不适用。"),
    "code_team_required": (
        "Reps and supervisors belong to a team.",
        "业务员和主管必须属于一个团队。",
    ),
    "code_no_team": ("Head-office accounts belong to no team.", "总部账户不属于任何团队。"),
    "code_not_found": ("No longer exists.", "已不存在。"),
    "code_rep_has_data": (
        "This rep still has live shops, KOCs or events: reassign them first.",
        "该业务员仍有门店、KOC 或活动，请先转交。",
    ),
    "code_forbidden": ("Not allowed.", "不允许。"),
    "code_invalid_date": ("Not a date (YYYY-MM-DD).", "日期格式不对（YYYY-MM-DD）。"),
    "code_end_before_start": ("The end is before the start.", "结束日期早于开始日期。"),
    "code_reason_required": ("Say why.", "请说明原因。"),
    # what head office answered a device's request (the device's last error)
    "code_device_revoked": ("The device was revoked.", "该设备已被吊销。"),
    "code_account_disabled": ("The account is deactivated.", "该账户已停用。"),
    "code_device_pending": ("The device waits for approval.", "该设备等待批准。"),
    "code_device_in_use": ("The device belongs to another user.", "该设备属于另一位用户。"),
    "code_token_expired": ("The sign-in expired: log in again.", "登录已过期，请重新登录。"),
    "code_invalid_token": ("Unknown sign-in: log in again.", "登录无效，请重新登录。"),
    "code_unauthorized": ("Not signed in.", "未登录。"),
    "code_invalid_credentials": ("Wrong user name or password.", "用户名或密码错误。"),
    "code_login_throttled": ("Too many failed logins: wait.", "登录失败次数过多，需等待。"),
    "code_account_locked": ("Account locked after failed logins.", "登录失败过多，账户已锁定。"),
    "code_console_only": ("This account signs in to the console only.", "该账户只能登录控制台。"),
    "code_schema_unsupported": (
        "The app is too old or too new for head office: update it.",
        "应用版本与总部不兼容，请更新。",
    ),
    "code_too_large": ("The request was too large.", "请求过大。"),
    "code_invalid_request": ("The request could not be read.", "请求无法读取。"),
    "code_invalid_json": ("The request was not valid JSON.", "请求不是有效的 JSON。"),
    "code_invalid_gzip": ("The request was not valid gzip.", "请求不是有效的 gzip。"),
    "code_internal": (
        "Head office's server failed (internal error).",
        "总部服务器出错（内部错误）。",
    ),
    "code_offset_mismatch": ("A photo upload was out of step.", "照片上传进度不一致。"),
    "code_length_mismatch": ("A photo upload changed size.", "照片上传大小不一致。"),
    "code_hash_mismatch": ("A photo arrived damaged.", "照片传输损坏。"),
}


#: English has a singular: the words of a key when its count (the parameter named) is 1
#: ("1 row written.", never "1 rows written."). Chinese words need none.
ONE: dict[str, tuple[str, str]] = {
    "done_written": ("n", "{n} row written."),
    "apply_all": ("n", "Write the {n} row"),
    "apply_valid": ("n", "Write the {n} row without problems"),
    "done_moved": ("rows", "{name} moved; {rows} row follows."),
    "done_password": ("devices", "Password set; {devices} device must sign in again."),
}


def say(key: str, lang: str, **params: Any) -> str:
    pair = WORDS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "zh_CN" else pair[0]
    if lang != "zh_CN" and key in ONE:
        count, singular = ONE[key]
        if str(params.get(count, "")).strip() == "1":
            text = singular
    return text.format(**params) if params else text


_CENT = Decimal("0.01")


def money(value: Any) -> str:
    """An amount of yuan as people read it in either language: ``¥1,234.50`` (two
    decimals, thousands separated, a minus before the ¥). Rounded half up from the
    shortest decimal the number prints as, so a float's ``0.30000000000000004`` is
    ``¥0.30``; empty for no amount, the value as it is when it is no number."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        amount = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


def pick_lang(cookie: str | None, accept: str | None) -> str:
    """The cookie's language, else the browser's first (Chinese unless it asks English)."""
    if cookie in LANGS:
        return cookie
    first = (accept or "").split(",")[0].strip().lower()
    return "en" if first.startswith("en") else "zh_CN"
