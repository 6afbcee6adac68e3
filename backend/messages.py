"""Every error message a person reads, in Chinese, applied where errors are serialised.

Services raise typed errors with a stable English `code` and a short English message for the log
and the tests that read it. The answer a person reads is made here, once: a message the catalogue
knows (a pattern of the service's text) becomes its Chinese text; a `validation_failed` names its
fields in Chinese (FIELD_LABELS) with each field's problem in Chinese (PROBLEMS, PYDANTIC_PROBLEMS);
anything else falls back to the Chinese text of its code. So no raise site changes, and nothing a
person reads is English prose. A message already in Chinese passes unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from backend.labels import any_label

# Field names of every body and query, as a person calls them.
FIELD_LABELS: dict[str, str] = {
    "body": "请求内容",
    "file": "文件",
    "header": "表头",
    "content_type": "文件类型",
    "name": "名称",
    "birth_date": "出生日期",
    "gender": "性别",
    "allergies": "过敏情况",
    "consent": "监护人同意",
    "code": "登录凭证",
    "username": "用户名",
    "password": "密码",
    "old_password": "原密码",
    "new_password": "新密码",
    "admin": "机构管理员账号",
    "role": "角色",
    "display_name": "显示名称",
    "facility": "机构",
    "facility_id": "机构",
    "child_id": "孩子",
    "care_type": "托育类型",
    "care_types": "托育类型",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "session": "时段",
    "start_time": "开始时间",
    "end_time": "结束时间",
    "note": "备注",
    "reason": "原因",
    "lat": "纬度",
    "lng": "经度",
    "radius_m": "搜索半径",
    "age_months": "月龄",
    "date": "日期",
    "inclusive": "普惠",
    "sort": "排序",
    "limit": "每页条数",
    "cursor": "翻页位置",
    "from": "开始日期",
    "to": "结束日期",
    "from_date": "开始日期",
    "to_date": "结束日期",
    "status": "状态",
    "state": "状态",
    "q": "搜索词",
    "tag": "标签",
    "tags": "标签",
    "town": "镇街",
    "towns": "镇街",
    "template_ids": "订阅消息模板",
    "id_number": "身份证号",
    "certificates": "证书",
    "record_checked_on": "背景核查日期",
    "kind": "班级类型",
    "places": "学位数",
    "caregivers": "保育人员数",
    "force": "强制停托",
    "credit_code": "统一社会信用代码",
    "address": "地址",
    "phone": "电话",
    "nature": "机构性质",
    "age_min_months": "最小月龄",
    "age_max_months": "最大月龄",
    "filing_status": "备案状态",
    "filing_number": "备案号",
    "demonstration": "示范机构",
    "suspended": "暂停",
    "suspension_reason": "暂停原因",
    "count": "抽查数量",
    "inspector_ids": "检查人员",
    "result": "检查结果",
    "findings": "检查发现",
    "rectify_deadline": "整改期限",
    "title": "标题",
    "doc_number": "文号",
    "issuer": "发文机关",
    "published_at": "发布日期",
    "summary": "摘要",
    "tags.": "标签",
    "push": "推送",
    "venue_type": "场所类型",
    "floor": "楼层",
    "opening_hours": "开放时间",
    "amenities": "设施",
    "prices": "价格",
    "full_day_hours": "全日托时间",
    "am_hours": "上午时段",
    "pm_hours": "下午时段",
    "start": "开始",
    "end": "结束",
    "open_weekdays": "开放日",
    "auto_confirm": "自动确认",
    "cancel_before_hours": "提前取消小时数",
    "year": "年份",
    "holidays": "节假日",
    "workdays": "调休工作日",
    "description": "简介",
    "memo": "备注",
    "Idempotency-Key": "请求幂等键（Idempotency-Key）",
    "id": "编号",
    "role_filter": "角色",
}

# The Chinese text of each code, when nothing more particular is known; each says what to do.
CODE_MESSAGES: dict[str, str] = {
    "bad_request": "请求无法完成，请检查后重试。",
    "unauthorized": "请先登录。",
    "forbidden": "您的账号没有权限进行此操作。",
    "not_found": "没有找到要访问的内容，请检查链接或编号。",
    "validation_failed": "填写的内容有误，请检查后重试。",
    "banned_person": "此人在本区托育从业禁止名单上，不能从事托育工作。",
    "conflict": "当前状态不允许此操作，请刷新后再试。",
    "no_capacity": "所选时段已没有空余学位，请换一个日期或时段。",
    "not_bookable": "该机构暂不接受这项预约。",
    "invalid_code": "微信登录凭证无效或已使用，请重新打开小程序登录。",
    "rate_limited": "操作太频繁，请稍后再试。",
    "wechat_unavailable": "微信服务暂时无法连接，请稍后再试。",
    "unavailable": "服务暂时不可用，请稍后再试。",
    "not_admitted": "晨检发现孩子身体不适，今天不能入园。",
    "health_check_required": "请先完成入园晨检。",
    "pickup_not_authorized": "此人或接送码无权接走孩子。",
    "offer_expired": "候补名额已过期。",
    "method_not_allowed": "不支持这种请求方式。",
    "payload_too_large": "请求内容太大，请缩小后重试。",
    "request_timeout": "请求传输超时，请重试。",
    "internal_error": "服务出了问题，请稍后再试；如反复出现请联系管理员并提供请求编号。",
}

Rule = tuple[re.Pattern[str], str]


def _rules(*pairs: tuple[str, str]) -> list[Rule]:
    return [(re.compile(pattern, re.IGNORECASE | re.DOTALL), text) for pattern, text in pairs]


# Service messages: an anchored English pattern and its Chinese text; {name} takes the named group,
# a code in it read through backend.labels.
MESSAGES: list[Rule] = _rules(
    # accounts and sign-in
    (r"Send Authorization: Bearer", "请先登录（请求需带 Authorization: Bearer 令牌）。"),
    (r"The token is unknown or has expired", "登录已过期，请重新登录。"),
    (r"This account no longer exists", "该账号已不存在，请重新登录。"),
    (r"This needs the role (?P<roles>.+)\.$", "此操作需要以下角色：{roles}。"),
    (r"Only the facility's administrator", "只有本机构的管理员可以进行此操作。"),
    (r"This needs a facility account", "此操作需要托育机构账号。"),
    (r"Only the facility's own staff", "只有本机构的员工可以查看。"),
    (r"Only the district bureau", "只有区卫健局可以进行此操作。"),
    (r"Only parents keep children", "只有家长账号可以登记孩子。"),
    (r"Only parents book", "只有家长账号可以预约。"),
    (r"Only staff accounts are removed here", "这里只能删除员工账号，机构管理员账号需保留。"),
    (r"Only the inspectors drawn", "只有抽中的检查人员可以录入这次检查的结果。"),
    (r"The district bureau sets (?P<fields>.+)\.$", "以下内容由区卫健局设置：{fields}。"),
    (r"Only staff and regulators sign in with a password", "只有机构员工和监管人员使用密码登录。"),
    (r"This username is taken", "该用户名已被使用，请换一个。"),
    (r"Too many failed sign-ins for this username", "该用户名登录失败次数过多，请稍后再试。"),
    (r"Too many failed sign-ins from this network", "当前网络登录失败次数过多，请稍后再试。"),
    (r"Wrong username or password|The username or password", "用户名或密码错误，请重新输入。"),
    (r"The old password is wrong", "原密码不正确，请重新输入。"),
    # WeChat
    (r"Too many invalid login codes", "无效登录次数过多，请几分钟后再试。"),
    (r"WeChat login is not configured", "本服务器未配置微信登录，请联系管理员。"),
    (r"WeChat limits how often", "微信限制了登录频率，请一分钟后再试。"),
    (r"WeChat refused this login", "微信拒绝了这次登录（风险用户），请联系微信客服。"),
    (r"This WeChat user cannot sign in as a parent", "该微信用户不能以家长身份登录。"),
    (r"Dev login is not enabled", "未开启开发登录（仅 tuoyu serve --dev-login 可用）。"),
    (r"No demo parent", "没有这位演示家长，请先运行 tuoyu seed-demo。"),
    (r"The request is not signed by WeChat", "请求没有微信签名。"),
    (r"The (message )?signature does not match", "签名不匹配。"),
    (r"The signed timestamp is not a time", "签名时间戳无效。"),
    (r"The signed request is more than 5 minutes old", "签名请求已超过 5 分钟（或时间超前），不予受理。"),
    (r"This signed request was already received", "这个签名请求已收到过，重放不予受理。"),
    (r"Safe mode is not configured", "未配置安全模式（WECHAT_OA_AES_KEY）。"),
    (r"Safe mode needs msg_signature", "安全模式需要 msg_signature。"),
    (r"The message is for another official account", "该消息属于其他公众号。"),
    (r"This account runs in safe mode", "本公众号使用安全模式，只接受加密消息。"),
    (r"This account runs in plain mode", "本公众号使用明文模式，不接受加密消息。"),
    # children
    (r"A parent may keep at most (?P<n>\d+) children", "每位家长最多登记 {n} 个孩子。"),
    (r"The birth date cannot change while", "孩子有进行中的预约时不能修改出生日期。"),
    (r"The child has active bookings; cancel them first", "孩子还有进行中的预约，请先取消。"),
    # bookings
    (r"A (?P<a>\w+) booking cannot become (?P<b>\w+)\.$", "「{a}」的预约不能改为「{b}」。"),
    (r"A (?P<a>\w+) booking cannot be cancelled", "「{a}」的预约不能取消。"),
    (r"The booking changed meanwhile", "预约刚刚有变化，请刷新后再试。"),
    (
        r"This Idempotency-Key was used for a different",
        "这个 Idempotency-Key 已用于另一个预约请求，请换一个新的。",
    ),
    (r"The first request with this key did not complete", "使用该键的第一次请求没有完成，请换一个新的键。"),
    (r"A request with this key is still in progress", "使用该键的请求仍在处理中，请稍后重试。"),
    (r"Too many booking attempts", "预约尝试太频繁，请一分钟后再试。"),
    (r"This child already has a booking at some", "孩子在其中部分时段已有预约。"),
    (
        r"Bookings here can be cancelled until (?P<h>\d+) hours",
        "本机构的预约需在开始前 {h} 小时取消（预约后 15 分钟内总可取消）。",
    ),
    (r"The booking began before it was confirmed", "预约在确认前已经开始，不能再确认。"),
    (r"The booking does not cover today", "这个预约不包含今天，不能入园。"),
    (r"Today's booked hours are over", "今天预约的时段已经结束。"),
    (r"A no-show can be recorded only after", "预约开始后才能记录未到。"),
    (r"This facility is not filed or is suspended", "该机构未备案或已暂停服务，暂不接受预约。"),
    (r"This facility does not offer (?P<c>\w+) care", "该机构不提供{c}服务。"),
    (r"This facility has not set its price for (?P<c>\w+) care", "该机构尚未设置{c}价格，暂不接受预约。"),
    # facility management
    (r"A family childcare point has one class", "家庭托育点只设一个班。"),
    (r"Booked hours to come would exceed the new capacity", "已有的预约将超过新的容量，请先处理这些预约。"),
    (r"The class has bookings to come, made for", "该班级有按当前年龄段预约的后续预约，不能更改类型。"),
    (r"The class has bookings to come", "该班级还有后续预约，不能删除。"),
    (r"This day is already closed", "这一天已经停托。"),
    (r"Children are in care now", "现在还有孩子在园，请先办理离园再停托。"),
    (
        r"Children are booked that day",
        "当天有孩子预约：如确需停托请选择强制停托（将取消这些预约并通知家长）。",
    ),
    (r"This person is already on your staff", "此人已在本机构员工名单中。"),
    # bureau
    (r"A facility with this credit code is registered", "该统一社会信用代码的机构已登记。"),
    (r"Every inspector must be an active regulator", "检查人员必须是有效的监管人员账号。"),
    (r"No inspectors to assign", "请至少指定一名检查人员。"),
    (
        r"Only (?P<n>\d+) facilities can be drawn, not (?P<c>\d+)",
        "只有 {n} 家机构可供抽取，不能抽取 {c} 家，请减少数量。",
    ),
    (r"Too few of the named inspectors", "指定的检查人员中，上次未检查该机构的人数不足，请增加检查人员。"),
    (r"Another draw is being made", "另一次抽查正在进行，请稍后再试。"),
    (r"This inspection's result is already recorded", "这次检查的结果已经录入。"),
    (r"Only a rectify result is followed up", "只有「限期整改」的检查结果需要复查。"),
    (r"This inspection is already followed up", "这次检查已安排复查。"),
    (r"This person is already on the ban list", "此人已在从业禁止名单上。"),
    (r"A nursing room with this name and address", "同名同地址的母婴室已登记。"),
    (r"A room in the file was registered meanwhile", "文件中的母婴室刚被登记，请重新导入文件。"),
    (r"The file is not UTF-8 text", "文件不是 UTF-8 编码，请另存为「CSV UTF-8」后再上传。"),
    (r"The file is not readable CSV near line (?P<n>\d+)", "文件第 {n} 行附近不是有效的 CSV。"),
    (r"The first line must be the header (?P<h>.+)\.$", "文件第一行必须是表头：{h}。"),
    (
        r"Only dead, failed or unknown messages can be retried",
        "只有已放弃、发送失败或结果未知的消息可以重发。",
    ),
    (r"The message changed meanwhile", "消息刚刚有变化，请刷新后再看。"),
    # request shape
    (r"A backing service is not answering", "服务暂时不可用，请稍后再试。"),
    (r"The database is not answering", "数据库暂时无法连接，请稍后再试。"),
    (r"(?P<m>[A-Z]+) is not allowed here", "这里不支持 {m} 请求。"),
    (r"The service is not ready", "服务正在启动，请稍后再试。"),
    (r"The request is malformed", "请求格式不正确，请检查后重试。"),
    (r"Send at least one field to change", "请至少填写一项要修改的内容。"),
    (r"The body is not valid JSON", "请求内容不是有效的 JSON。"),
    (r"The body must be a JSON object", "请求内容必须是 JSON 对象。"),
    (r"The body nests deeper than (?P<n>\d+)", "请求内容嵌套超过 {n} 层。"),
    (r"Text may not contain NUL", "文字中不能包含 NUL 字符。"),
    (r"No such (?P<what>[\w ]+?)( in your facility)?\.$", "没有找到这个{what}。"),
)

# Names of the things "No such …" may name.
THINGS: dict[str, str] = {
    "account": "账号",
    "child": "孩子",
    "facility": "机构",
    "booking": "预约",
    "policy": "政策",
    "nursing room": "母婴室",
    "draw": "抽查",
    "inspection": "检查",
    "message": "消息",
    "alert": "提醒",
    "staff member": "员工",
    "class": "班级",
    "closure": "停托",
    "ban-list entry": "禁止名单记录",
    "ban list entry": "禁止名单记录",
    "resource": "页面",
}

# A field's problem as services word it, and its Chinese text.
PROBLEMS: list[Rule] = _rules(
    (r"not a cursor", "翻页位置无效，请从第一页重新开始"),
    (r"may not be null|may be left out but not null", "不能为空值"),
    (r"no fields", "没有要修改的内容"),
    (r"must not be in the future|may not be in the future", "不能晚于今天"),
    (r"must not be before the child's birth", "不能早于孩子的出生日期"),
    (r"must be a day of the booking", "须是这笔预约中的一天"),
    (r"must be at most (?P<n>\d+) years ago", "须在 {n} 年以内（本服务面向婴幼儿）"),
    (r"agree to the processing of your child's data", "请先同意处理孩子的个人信息（consent: true）"),
    (r"at most (?P<n>\d+) different templates", "每位家长最多 {n} 种订阅模板"),
    (r"not a valid unified social credit code", "不是有效的统一社会信用代码（GB 32100），请核对"),
    (r"may not be below age_min_months|age_min_months may not be above", "最大月龄不能小于最小月龄"),
    (r"a filed facility needs its filing number", "已备案的机构需要填写备案号"),
    (r"say why the facility is suspended", "请说明暂停的原因"),
    (r"must not be after to", "不能晚于结束日期"),
    (r"must not be before (start_date|from)", "不能早于开始日期"),
    (r"a period spans at most (?P<n>\d+) days|a range covers at most (?P<m>\d+) days", "最长 {n}{m} 天"),
    (r"not active regulator accounts: (?P<ids>.+)$", "不是有效的监管人员账号：{ids}"),
    (r"required when the result is rectify or fail", "结果为整改或不合格时必须填写"),
    (r"required when the result is rectify", "结果为限期整改时必须填写"),
    (r"must be a date in the future", "须是今天以后的日期"),
    (r"at most (?P<n>\d+) days ahead", "最多 {n} 天以后"),
    (r"only a rectify result has a deadline", "只有限期整改的结果有整改期限"),
    (r"must be today or later", "不能早于今天"),
    (r"unknown care type", "托育类型无效"),
    (r"must be 1 to (?P<n>\d+) metres", "须在 1 到 {n} 米之间"),
    (r"not a valid resident ID number", "不是有效的居民身份证号（请核对最后一位）"),
    (r"already on staff", "已在员工名单中"),
    (r"already listed", "已在名单上"),
    (r"must lie inside the full-day hours (?P<h>\S+)", "须在全日托时间 {h} 之内"),
    (r"the afternoon must start when the morning has ended", "下午时段须在上午时段结束后开始"),
    (r"give a price for every care type offered", "请为提供的每种托育类型设置价格"),
    (r"set by the district bureau", "由区卫健局设置"),
    (r"required: a unique key per booking attempt", "必填：每次预约用一个唯一的键"),
    (r"at most (?P<n>\d+) printable characters", "最多 {n} 个可打印字符"),
    (r"already used with another body", "已用于另一个请求"),
    (
        r"the child will be (?P<m>\d+) months old on (?P<d>[\d-]+)",
        "孩子在 {d} 时为 {m} 个月，本机构没有适合这个月龄的班级",
    ),
    (
        r"a family childcare point \(家庭托育点\) has one class of kind family",
        "家庭托育点只能设一个家庭托育班",
    ),
    (r"only family childcare points", "只有家庭托育点可以设家庭托育班"),
    (r"holds at most (?P<n>\d+) children", "该类班级最多 {n} 人（国家标准）"),
    (
        r"takes (?P<a>\d+)-(?P<b>\d+) months, outside this facility's ages (?P<c>\d+)-(?P<d>\d+)",
        "该类班级收 {a}–{b} 个月的孩子，超出本机构 {c}–{d} 个月的招收范围",
    ),
    (r"must be a whole hour", "须是整点，如 09:00"),
    (r"only half_day care takes a session", "只有半日托需要选择时段"),
    (r"half_day care needs a session", "半日托需要选择上午（am）或下午（pm）"),
    (r"the facility is not open on any day of this range", "所选日期范围内机构都不开放"),
    (r"hourly care is for one day", "计时托只能预约一天：结束日期须与开始日期相同"),
    (r"must be after start_time", "须晚于开始时间"),
    (r"hourly care must lie within the full-day hours (?P<h>\S+)", "计时托须在全日托时间 {h} 之内"),
    (r"only hourly care takes times", "只有计时托需要填写时间"),
    (r"hourly care needs start_time and end_time", "计时托需要填写开始时间和结束时间"),
    (r"temporary care lasts at most (?P<n>\d+) days", "临时托最长 {n} 天"),
    (r"a range covers at most (?P<n>\d+) months", "预约范围最长 {n} 个月"),
    (r"must not be in the past", "不能早于今天"),
    (r"(?P<c>\w+) care can be booked at most (?P<n>\d+) days ahead", "{c}最多可提前 {n} 天预约"),
    (r"(?P<c>\w+) care starts the next day at the earliest", "{c}最早从明天开始"),
    (r"can be booked at most (?P<n>\d+) days ahead", "最多可提前 {n} 天预约"),
    (r"hourly care must be booked at least one hour", "计时托须至少提前一小时预约"),
    (r"same-day temporary care must be booked two hours", "当天的临时托须在全日托开始前两小时预约"),
    (r"3 to 50 characters: letters, digits", "3 到 50 个字符：字母、数字、_、. 或 -"),
    (r"at least (?P<n>\d+) characters", "至少 {n} 个字符"),
    (r"at most (?P<n>\d+) characters", "最多 {n} 个字符"),
    (r"the same as the username|must differ from the username", "不能与用户名相同"),
    (r"wrong password", "原密码不正确"),
    (r"must differ from the old password", "不能与原密码相同"),
    (r"one of facility_admin, facility_staff, regulator", "须为机构管理员、机构员工或监管人员"),
    (r"facility accounts need the id of their facility", "机构账号需要填写所属机构"),
    (r"no facility has this id", "没有这个机构"),
    (r"regulators belong to the bureau", "监管人员属于区卫健局，不属于机构"),
    (r"dev:NAME with a name of 1 to (?P<n>\d+) characters", "开发登录须为 dev:姓名，姓名 1 到 {n} 个字符"),
    (r"taken", "已被使用"),
    (r"registered", "已登记"),
    (r"not UTF-8", "不是 UTF-8 编码"),
    (r"line (?P<n>\d+):", "第 {n} 行格式有误"),
    (r"^expected [a-z_]+,", "表头不正确，应为 CSV 模板的表头"),
    (r"send text/csv", "请以 text/csv 或 multipart/form-data（字段 file）上传"),
    (r"send the CSV in the multipart field", "请在 multipart 的 file 字段中上传 CSV"),
    (r"contains a NUL character", "包含 NUL 字符"),
    (r"nested deeper than (?P<n>\d+)", "嵌套超过 {n} 层"),
    (r"not valid JSON", "不是有效的 JSON"),
    (r"not an object", "须是 JSON 对象"),
    (r"must be between (?P<a>[\d-]+) and (?P<b>[\d-]+)", "须在 {a} 到 {b} 之间"),
    (r"must not contain control or invisible", "不能包含控制字符或不可见字符"),
    (r"must be a date (written|like)", "须是日期，格式如 2026-03-02"),
    (r"is not a real date", "不是真实存在的日期"),
    (r"must be a time like", "须是时间，格式如 09:00"),
    (r"is not a real time of day", "不是有效的时刻"),
    (r"unknown amenities (?P<a>[^;]+)", "未知的设施：{a}"),
    (r"a tag may not be empty", "标签不能为空"),
    (r"a tag has at most (?P<n>\d+) characters", "每个标签最多 {n} 个字符"),
    (r"is not an account id", "不是账号编号"),
    (r"expected (?P<n>\d+) digits", "须为 {n} 位数字加校验位"),
    (r"expected (?P<n>\d+) characters", "须为 {n} 位字符加校验位"),
    (r"is not in the credit code alphabet", "含有统一社会信用代码不允许的字符"),
    (r"start must be before end", "开始须早于结束"),
    (r"each value at most once", "每个值只能出现一次"),
    (r"^request is malformed$", "请求格式不正确"),
    (r"a cursor of another list|malformed", "翻页位置无效，请从第一页重新开始"),
)

# pydantic's error types, worded in Chinese with the error's context.
PYDANTIC_PROBLEMS: dict[str, str] = {
    "missing": "必填",
    "extra_forbidden": "不是可以填写的字段",
    "string_type": "须是文字",
    "string_too_short": "至少 {min_length} 个字符",
    "string_too_long": "最多 {max_length} 个字符",
    "string_pattern_mismatch": "格式不正确",
    "int_type": "须是整数",
    "int_parsing": "须是整数",
    "int_from_float": "须是整数",
    "float_type": "须是数字",
    "float_parsing": "须是数字",
    "finite_number": "须是有限的数字",
    "bool_type": "须是 true 或 false",
    "bool_parsing": "须是 true 或 false",
    "greater_than": "须大于 {gt}",
    "greater_than_equal": "不能小于 {ge}",
    "less_than": "须小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "multiple_of": "须是 {multiple_of} 的倍数",
    "too_short": "至少 {min_length} 项",
    "too_long": "最多 {max_length} 项",
    "list_type": "须是列表",
    "dict_type": "须是对象",
    "model_type": "须是对象",
    "model_attributes_type": "须是对象",
    "date_type": "须是日期，格式如 2026-03-02",
    "date_parsing": "须是日期，格式如 2026-03-02",
    "date_from_datetime_parsing": "须是日期，格式如 2026-03-02",
    "date_from_datetime_inexact": "须是日期，不带时间",
    "datetime_type": "须是时间，格式如 2026-03-02T09:00:00+08:00",
    "datetime_parsing": "须是时间，格式如 2026-03-02T09:00:00+08:00",
    "datetime_from_date_parsing": "须是时间，格式如 2026-03-02T09:00:00+08:00",
    "time_type": "须是时间，格式如 09:00",
    "time_parsing": "须是时间，格式如 09:00",
    "uuid_type": "须是编号",
    "uuid_parsing": "不是有效的编号",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
    "union_tag_invalid": "类型不正确",
    "union_tag_not_found": "缺少类型",
    "url_parsing": "不是有效的网址",
    "set_type": "须是列表",
    "tuple_type": "须是列表",
    "frozen_set_type": "须是列表",
    "is_instance_of": "类型不正确",
    "none_required": "须为空",
}

_CJK = re.compile(r"[\u3400-\u9fff]")
# Three English words in a row: a text holding such a run is not yet Chinese, whatever else it holds.
_ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,;'.-]+[A-Za-z]{2,}){2,}")
_QUOTED = re.compile(r"'([^']*)'")


def has_chinese(text: str) -> bool:
    """Written in Chinese: some Chinese and no English sentence (`a 托小班 holds at most…` is not)."""
    return bool(_CJK.search(text)) and not _ENGLISH_RUN.search(text)


def _shown(value: str) -> str:
    """A group of a matched message: codes and field names read in Chinese."""
    parts = [part.strip() for part in re.split(r",| or ", value) if part.strip()]
    if len(parts) > 1:
        return "、".join(_shown(part) for part in parts)
    value = value.strip()
    if value in FIELD_LABELS:
        return FIELD_LABELS[value]
    if value in THINGS:
        return THINGS[value]
    return any_label(value)


def _apply(rules: list[Rule], text: str) -> str | None:
    for pattern, template in rules:
        match = pattern.search(text)
        if match is None:
            continue
        groups = {name: _shown(value) for name, value in match.groupdict().items() if value is not None}
        groups.update({name: "" for name, value in match.groupdict().items() if value is None})
        return template.format(**groups)
    return None


def field_label(path: str) -> str:
    """A dotted field path as a person reads it: `workdays.0.date` is 调休工作日第1项的日期."""
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    text = ""
    for part in path.split("."):
        if part.isdigit():
            text += f"第{int(part) + 1}项"
        elif part in FIELD_LABELS:
            text += ("的" if text else "") + FIELD_LABELS[part]
        elif text:
            text += f"（{any_label(part)}）"
        else:
            text = any_label(part)
    return text


def problem_zh(problem: str) -> str:
    """A field's problem in Chinese; an unknown English one becomes a plain 'not valid'."""
    if has_chinese(problem):
        return problem
    return _apply(PROBLEMS, problem) or "填写有误，请检查"


def _listed(expected: str) -> str:
    codes = _QUOTED.findall(expected)
    if not codes:
        return expected
    return "、".join(f"{code}（{any_label(code)}）" if any_label(code) != code else code for code in codes)


def pydantic_problem(error: Mapping[str, Any]) -> str:
    """One pydantic error in Chinese, from its type and context (never its English `msg`)."""
    kind = str(error.get("type", ""))
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind in ("literal_error", "enum"):
        return "须为以下之一：" + _listed(str(ctx.get("expected", "")))
    if kind in ("value_error", "assertion_error"):
        return problem_zh(str(ctx.get("error", error.get("msg", ""))))
    template = PYDANTIC_PROBLEMS.get(kind)
    if template is None:
        return "填写有误，请检查"
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template.split("{")[0].strip() or "填写有误，请检查"


def _fields_message(fields: Mapping[str, Any]) -> str:
    named = [f"{field_label(name)}（{problem}）" for name, problem in fields.items()]
    if len(named) == 1:
        return f"请检查{named[0]}。"
    return "请检查以下内容：" + "；".join(named) + "。"


def localise(code: str, message: str, details: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """The Chinese message and details of an error of `code` whose service text was `message`."""
    shown: dict[str, Any] = dict(details or {})
    fields = shown.get("fields")
    if isinstance(fields, Mapping):
        shown["fields"] = {str(name): problem_zh(str(problem)) for name, problem in fields.items()}
    if has_chinese(message):
        return message, shown
    particular = _apply(MESSAGES, message)
    if particular is not None and code != "validation_failed":
        return particular, shown
    if code == "validation_failed" and shown.get("fields"):
        # The fields say best what to change; a message about the whole file or body says more.
        if particular is not None and not message.startswith(("Some fields", "Text may not")):
            return particular, shown
        return _fields_message(shown["fields"]), shown
    if particular is not None:
        return particular, shown
    return CODE_MESSAGES.get(code, CODE_MESSAGES["bad_request"]), shown


Localiser = Callable[[str, str, Mapping[str, Any] | None], tuple[str, dict[str, Any]]]
