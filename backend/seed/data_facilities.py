"""Demo facilities for Huancui District: every town and street, every nature, filed and not.

Invented for the demo: names, people and numbers are made up (credit codes and ID numbers carry
valid check characters so validators accept them, nothing more). Coordinates are GCJ-02, placed
in the built-up part of each town; prices are integer fen. The seed plan asks for at least one
demonstration facility (总体要求), so exactly one public facility is marked as such.
"""

from __future__ import annotations

from typing import TypedDict


class HoursSeed(TypedDict):
    start: str
    end: str


class ClassSeed(TypedDict):
    kind: str
    name: str
    places: int
    caregivers: int


class StaffSeed(TypedDict):
    name: str
    id_number: str
    role: str
    certificates: list[str]
    # ISO date of the last criminal-record check (未成年人保护法 Art. 62 asks for one a year).
    last_record_check: str


class DisclosureSeed(TypedDict):
    fees: str
    care: str
    meals: str
    health: str
    safety: str


class FacilitySeed(TypedDict):
    name: str
    # Username of the facility's admin account in the demo.
    admin_username: str
    credit_code: str
    address: str
    town: str
    lat: float
    lng: float
    phone: str
    nature: str
    inclusive: bool
    filing_status: str
    filing_number: str | None
    demonstration: bool
    age_min_months: int
    age_max_months: int
    care_types: list[str]
    prices: dict[str, int]
    full_day_hours: HoursSeed
    am_hours: HoursSeed
    pm_hours: HoursSeed
    open_weekdays: list[int]
    auto_confirm: bool
    cancel_before_hours: int
    description: str
    disclosure: DisclosureSeed
    classes: list[ClassSeed]
    staff: list[StaffSeed]


# The towns and streets of the district, as the seed plan's attachment lists them.
TOWNS: list[str] = [
    "竹岛街道",
    "鲸园街道",
    "环翠楼街道",
    "嵩山街道",
    "温泉镇",
    "张村镇",
    "羊亭镇",
    "桥头镇",
    "孙家疃街道",
    "里口山",
    "环翠北海旅游度假区",
]

FACILITIES: list[FacilitySeed] = [
    {
        "name": "竹岛街道社区托育服务中心",
        "admin_username": "fac01",
        "credit_code": "12371002MB423017X4",
        "address": "威海市环翠区海滨南路24号",
        "town": "竹岛街道",
        "lat": 37.490687,
        "lng": 122.122399,
        "phone": "0631-5369833",
        "nature": "public",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕001号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 9500, "half_day": 5000, "hourly": 2000, "temporary": 12000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": (
            "由竹岛街道举办的公办托育服务机构，面向辖区家庭提供普惠托育服务。提供全日托、半日托、"
            "计时托和临时托服务。"
        ),
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天95元；半日托每半天50元；"
                "计时托每小时20元；临时托每天120元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设乳儿班（9个托位，保育人员3名）、托小班（9个托位，保育人员2名）、"
                "托大班（18个托位，保育人员3名），共36个托位。全日托08:00—17:00，半日托上午08:00—12:00、"
                "下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市中医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "infant", "name": "乳儿班", "places": 9, "caregivers": 3},
            {"kind": "toddler", "name": "托小班", "places": 9, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 18, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "王悦",
                "id_number": "37100219820825790X",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-12",
            },
            {
                "name": "田婷",
                "id_number": "371083197601107266",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-03-13",
            },
            {
                "name": "吕凤",
                "id_number": "371002197510017726",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-05-26",
            },
            {
                "name": "高欣悦",
                "id_number": "371002200111087609",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-06",
            },
            {
                "name": "高晓雯",
                "id_number": "37100320000731840X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-06-30",
            },
            {
                "name": "王楠楠",
                "id_number": "371002197703073441",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-11-10",
            },
            {
                "name": "夏蕾",
                "id_number": "371082198302225420",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-08-10",
            },
            {
                "name": "林敏",
                "id_number": "371002198604292600",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-01-03",
            },
            {
                "name": "初萍",
                "id_number": "371002197608208862",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-01-28",
            },
            {
                "name": "谷桂芳",
                "id_number": "371083197602204666",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-03-08",
            },
            {
                "name": "夏红艳",
                "id_number": "371003198005102445",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-08-22",
            },
            {
                "name": "田晓慧",
                "id_number": "371003197704155461",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-10-23",
            },
            {
                "name": "隋宏伟",
                "id_number": "371082198706253997",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-01-22",
            },
        ],
    },
    {
        "name": "威海小海豚托育园（竹岛店）",
        "admin_username": "fac02",
        "credit_code": "91371002MA79KALD4A",
        "address": "威海市环翠区齐鲁大道137号",
        "town": "竹岛街道",
        "lat": 37.495023,
        "lng": 122.124854,
        "phone": "0631-5760269",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕002号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 24000, "half_day": 13500, "hourly": 3000, "temporary": 27500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 12,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天240元；半日托每半天135元；计时托每小时30元；临时托每天275元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（15个托位，保育人员3名）、托大班（14个托位，保育人员2名），"
                "共29个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市中医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 15, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 14, "caregivers": 2},
        ],
        "staff": [
            {
                "name": "慕可欣",
                "id_number": "371002197511275524",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-04-12",
            },
            {
                "name": "殷立新",
                "id_number": "371002200203255120",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-08-28",
            },
            {
                "name": "吕丽",
                "id_number": "371002199412212885",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-03-11",
            },
            {
                "name": "高凤",
                "id_number": "371003198103215603",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-02-05",
            },
            {
                "name": "梁金凤",
                "id_number": "371002198504031542",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-02-23",
            },
            {
                "name": "王梦琪",
                "id_number": "371082199902104926",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-01-05",
            },
            {
                "name": "邹慧",
                "id_number": "371002199001238482",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-02-08",
            },
            {
                "name": "慕洁",
                "id_number": "371083197509115802",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-11-03",
            },
            {
                "name": "王磊",
                "id_number": "37108319720622135X",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-01-05",
            },
        ],
    },
    {
        "name": "贝果果婴幼儿照护中心",
        "admin_username": "fac03",
        "credit_code": "91371002MA6RN10U6N",
        "address": "威海市环翠区昆明路171号",
        "town": "竹岛街道",
        "lat": 37.491458,
        "lng": 122.115762,
        "phone": "0631-5586330",
        "nature": "private_for_profit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕003号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 12000, "half_day": 7000, "hourly": 2500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 4,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天120元；半日托每半天70元；"
                "计时托每小时25元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（13个托位，保育人员3名），共13个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、"
                "蒸南瓜、水果；周四：二米饭、胶东小炖鱼、木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。"
                "每日上午加水果，下午加奶制品或手工点心。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市中医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 13, "caregivers": 3}],
        "staff": [
            {
                "name": "徐璐",
                "id_number": "37100219741130632X",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-07-22",
            },
            {
                "name": "宋雪",
                "id_number": "371003197804200928",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-07-18",
            },
            {
                "name": "车桂芳",
                "id_number": "371002197906221547",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-11-14",
            },
            {
                "name": "蔡鹏",
                "id_number": "371082198004247891",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-05-07",
            },
            {
                "name": "慕倩",
                "id_number": "371002199803221703",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-10-05",
            },
            {
                "name": "徐杰",
                "id_number": "371002198311072698",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-06-23",
            },
            {
                "name": "林永刚",
                "id_number": "371082197112158277",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-06-28",
            },
        ],
    },
    {
        "name": "竹岛商圈联合职工托育园",
        "admin_username": "fac04",
        "credit_code": "91371002MA7AB1CD4G",
        "address": "威海市环翠区昆明路3号",
        "town": "竹岛街道",
        "lat": 37.495848,
        "lng": 122.118804,
        "phone": "0631-5358392",
        "nature": "employer",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕004号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "temporary"],
        "prices": {"full_day": 9000, "temporary": 11500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 4,
        "description": "由用人单位举办的福利性托育机构，优先招收职工子女，余位向社会开放。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天90元；临时托每天115元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（15个托位，保育人员3名）、混合班（11个托位，保育人员3名），"
                "共26个托位。全日托08:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：软米饭、清炖鸡腿、清炒菜心；周二：鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、"
                "鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；周五：二米饭、土豆烧排骨、紫菜汤。"
                "乳儿按月龄单独制作米糊、菜泥和肉泥。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市中医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 15, "caregivers": 3},
            {"kind": "mixed", "name": "混合班", "places": 11, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "夏莉莉",
                "id_number": "371002198105067142",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-07-19",
            },
            {
                "name": "鞠晓慧",
                "id_number": "371082198011256040",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-09-04",
            },
            {
                "name": "谷艳",
                "id_number": "371002199501253785",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-09-05",
            },
            {
                "name": "高媛媛",
                "id_number": "371002199505270320",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-05-20",
            },
            {
                "name": "谷雅琴",
                "id_number": "371002197503175267",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-03-27",
            },
            {
                "name": "张晨曦",
                "id_number": "371002200209232448",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-07-02",
            },
            {
                "name": "汤桂芳",
                "id_number": "371083197904131845",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-02-22",
            },
            {
                "name": "张丽",
                "id_number": "371002197610205783",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-10-24",
            },
            {
                "name": "吕文静",
                "id_number": "371002198610292543",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-03-26",
            },
            {
                "name": "戚静",
                "id_number": "371002199201316983",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-05-18",
            },
            {
                "name": "谷志强",
                "id_number": "371002197308228351",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-09-14",
            },
        ],
    },
    {
        "name": "竹岛幼儿园托班",
        "admin_username": "fac05",
        "credit_code": "123710024932879856",
        "address": "威海市环翠区昆明路295号（竹岛幼儿园内）",
        "town": "竹岛街道",
        "lat": 37.49841,
        "lng": 122.122132,
        "phone": "0631-5553206",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕005号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 8500, "half_day": 5500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天85元；半日托每半天55元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托一班（15个托位，保育人员3名）、托二班（19个托位，保育人员3名），"
                "共34个托位。全日托08:00—17:00，半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：软米饭、清炖鸡腿、清炒菜心；周二："
                "鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；"
                "周五：二米饭、土豆烧排骨、紫菜汤。乳儿按月龄单独制作米糊、菜泥和肉泥。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市中医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "preschool", "name": "托一班", "places": 15, "caregivers": 3},
            {"kind": "preschool", "name": "托二班", "places": 19, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "田秀英",
                "id_number": "371002197504075567",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-05",
            },
            {
                "name": "鲁晓雯",
                "id_number": "371002197710164608",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-07-18",
            },
            {
                "name": "郭佳琪",
                "id_number": "371083198401060103",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-05-03",
            },
            {
                "name": "赵永刚",
                "id_number": "371002198103120712",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-10-27",
            },
            {
                "name": "王璐",
                "id_number": "371002198002281103",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-06-18",
            },
            {
                "name": "隋海燕",
                "id_number": "371002199502148944",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-07-31",
            },
            {
                "name": "谷璐",
                "id_number": "37100219900428648X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-03-12",
            },
            {
                "name": "鞠婷",
                "id_number": "371083197711306928",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-09-25",
            },
            {
                "name": "鲁春雷",
                "id_number": "371002198707173436",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-04-12",
            },
        ],
    },
    {
        "name": "海韵家庭托育点",
        "admin_username": "fac06",
        "credit_code": "92371002MA5AWJUH1F",
        "address": "威海市环翠区青岛中路156号9号楼2单元401室",
        "town": "竹岛街道",
        "lat": 37.49784,
        "lng": 122.114979,
        "phone": "0631-5247942",
        "nature": "family",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕006号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 16500, "half_day": 10000, "hourly": 4500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天165元；半日托每半天100元；计时托每小时45元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（4个托位，保育人员2名），共4个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、"
                "蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三：二米饭、土豆炖牛肉、胡萝卜丝；周四："
                "海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、西葫芦炒鸡蛋。上、"
                "下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市中医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 4, "caregivers": 2}],
        "staff": [
            {
                "name": "董金凤",
                "id_number": "371002197210109709",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-10-21",
            },
            {
                "name": "殷敏",
                "id_number": "371082198402243087",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-07-18",
            },
            {
                "name": "慕心怡",
                "id_number": "371002197806065225",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-11-07",
            },
        ],
    },
    {
        "name": "环翠区卫生健康托育综合服务中心",
        "admin_username": "fac07",
        "credit_code": "123710024970951718",
        "address": "威海市环翠区新威路282号",
        "town": "鲸园街道",
        "lat": 37.518774,
        "lng": 122.116479,
        "phone": "0631-5966831",
        "nature": "public",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕007号",
        "demonstration": True,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 9500, "half_day": 5500, "hourly": 2500, "temporary": 11000},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "07:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "18:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": (
            "环翠区示范性托育机构，由区卫生健康局指导建设，承担托育从业人员实训、"
            "家庭科学育儿指导和医育结合服务，提供全日托、半日托、计时托和临时托。"
        ),
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天95元；半日托每半天55元；"
                "计时托每小时25元；临时托每天110元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设乳儿班（7个托位，保育人员3名）、托小班（9个托位，保育人员2名）、"
                "托大班（12个托位，保育人员2名），共28个托位。全日托07:00—18:00，半日托上午07:00—11:00、"
                "下午14:00—18:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "infant", "name": "乳儿班", "places": 7, "caregivers": 3},
            {"kind": "toddler", "name": "托小班", "places": 9, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 12, "caregivers": 2},
        ],
        "staff": [
            {
                "name": "田爱玲",
                "id_number": "371083198003067000",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-04-23",
            },
            {
                "name": "吕颖",
                "id_number": "371002199611067043",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-01-02",
            },
            {
                "name": "宋莉莉",
                "id_number": "371002198207116849",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-06-01",
            },
            {
                "name": "张晓丽",
                "id_number": "371002199204185982",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-08-28",
            },
            {
                "name": "宋艳",
                "id_number": "371002199108053269",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-06-09",
            },
            {
                "name": "于雨涵",
                "id_number": "371002200002223480",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-07-15",
            },
            {
                "name": "慕晓慧",
                "id_number": "371002199502094085",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-04-27",
            },
            {
                "name": "车雅琴",
                "id_number": "37100219990621352X",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-10-04",
            },
            {
                "name": "梁雨涵",
                "id_number": "371002199004180423",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-06-10",
            },
            {
                "name": "谷佳怡",
                "id_number": "37100219841008212X",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-08-11",
            },
            {
                "name": "鞠志强",
                "id_number": "371083198303287259",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-01-02",
            },
            {
                "name": "慕峰",
                "id_number": "371002197602030637",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-08-30",
            },
        ],
    },
    {
        "name": "鲸园街道爱心托育园",
        "admin_username": "fac08",
        "credit_code": "52371002MJK0DEPD02",
        "address": "威海市环翠区和平路63号",
        "town": "鲸园街道",
        "lat": 37.518915,
        "lng": 122.11755,
        "phone": "0631-5745345",
        "nature": "private_nonprofit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕008号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 11500, "half_day": 6500, "hourly": 2500, "temporary": 13000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 2,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天115元；半日托每半天65元；"
                "计时托每小时25元；临时托每天130元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（8个托位，保育人员2名）、托大班（14个托位，保育人员2名），"
                "共22个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、"
                "蒸南瓜、水果；周四：二米饭、胶东小炖鱼、木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。"
                "每日上午加水果，下午加奶制品或手工点心。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 8, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 14, "caregivers": 2},
        ],
        "staff": [
            {
                "name": "初霞",
                "id_number": "371002197507179521",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-06-13",
            },
            {
                "name": "赵思雨",
                "id_number": "371002198110261986",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-10-07",
            },
            {
                "name": "于雪",
                "id_number": "371003198010057220",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-03-30",
            },
            {
                "name": "殷文静",
                "id_number": "371002197611224505",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2025-12-24",
            },
            {
                "name": "姜晓燕",
                "id_number": "371002197601108404",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-10-19",
            },
            {
                "name": "汤瑶",
                "id_number": "371082197905133360",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2025-12-21",
            },
            {
                "name": "梁亚楠",
                "id_number": "37100219830107258X",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-06-15",
            },
            {
                "name": "蔡悦",
                "id_number": "371002198112192048",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-01-28",
            },
            {
                "name": "毕永刚",
                "id_number": "371002198205039659",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-02-21",
            },
        ],
    },
    {
        "name": "鲸园街道机关事业单位职工托育园",
        "admin_username": "fac09",
        "credit_code": "1237100249880681XW",
        "address": "威海市环翠区新威路200号",
        "town": "鲸园街道",
        "lat": 37.511324,
        "lng": 122.117903,
        "phone": "0631-5109376",
        "nature": "employer",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕009号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "temporary"],
        "prices": {"full_day": 11000, "half_day": 6000, "temporary": 13000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 12,
        "description": "由用人单位举办的福利性托育机构，优先招收职工子女，余位向社会开放。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天110元；半日托每半天60元；"
                "临时托每天130元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（14个托位，保育人员3名）、托大班（17个托位，保育人员3名），"
                "共31个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：软米饭、清炖鸡腿、清炒菜心；周二：鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、"
                "鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；周五：二米饭、土豆烧排骨、紫菜汤。"
                "乳儿按月龄单独制作米糊、菜泥和肉泥。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 14, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 17, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "赵婷",
                "id_number": "371002197904187146",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-07-16",
            },
            {
                "name": "戚爱玲",
                "id_number": "371002198501268843",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-09-23",
            },
            {
                "name": "鲁桂芳",
                "id_number": "371002198912049469",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-03-31",
            },
            {
                "name": "李一诺",
                "id_number": "371002199410196885",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-03-08",
            },
            {
                "name": "司马心怡",
                "id_number": "371002197807012387",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-11-04",
            },
            {
                "name": "宋悦",
                "id_number": "371002198610255240",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-01-27",
            },
            {
                "name": "慕红梅",
                "id_number": "371002199301251064",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-02-26",
            },
            {
                "name": "丛晨曦",
                "id_number": "37100219870812680X",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-10-12",
            },
            {
                "name": "董美玲",
                "id_number": "371003198412195204",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-05-07",
            },
            {
                "name": "王波",
                "id_number": "371082197606093696",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-10-28",
            },
        ],
    },
    {
        "name": "鲸园幼儿园托班",
        "admin_username": "fac10",
        "credit_code": "12371002495813280P",
        "address": "威海市环翠区鲸园路30号（鲸园幼儿园内）",
        "town": "鲸园街道",
        "lat": 37.515642,
        "lng": 122.120988,
        "phone": "0631-5381227",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕010号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 9000, "half_day": 5500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天90元；半日托每半天55元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托班（16个托位，保育人员3名），共16个托位。全日托08:00—17:00，"
                "半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、"
                "蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三：二米饭、土豆炖牛肉、胡萝卜丝；周四："
                "海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、西葫芦炒鸡蛋。上、"
                "下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "preschool", "name": "托班", "places": 16, "caregivers": 3}],
        "staff": [
            {
                "name": "蔡爱玲",
                "id_number": "371003198003258067",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-09-11",
            },
            {
                "name": "邹艳",
                "id_number": "371003199409265384",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-10-07",
            },
            {
                "name": "鲁悦",
                "id_number": "371082199206264141",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-06-25",
            },
            {
                "name": "车倩",
                "id_number": "371002199712156408",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-08-14",
            },
            {
                "name": "汤心怡",
                "id_number": "371083199408296500",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-08-22",
            },
            {
                "name": "司马宏伟",
                "id_number": "371002198101107258",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-11-02",
            },
        ],
    },
    {
        "name": "威海乐橙托育中心（鲸园店）",
        "admin_username": "fac11",
        "credit_code": "91371002MA639XLDXX",
        "address": "威海市环翠区文化东路101号",
        "town": "鲸园街道",
        "lat": 37.511962,
        "lng": 122.11635,
        "phone": "0631-5532875",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2022〕011号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 20500, "half_day": 12500, "hourly": 5000, "temporary": 26500},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天205元；半日托每半天125元；计时托每小时50元；临时托每天265元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（18个托位，保育人员4名），共18个托位。全日托07:00—18:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 18, "caregivers": 4}],
        "staff": [
            {
                "name": "张雪",
                "id_number": "371002197601208202",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-03-13",
            },
            {
                "name": "汤璐",
                "id_number": "371082198501108403",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-01-25",
            },
            {
                "name": "田玉洁",
                "id_number": "371002199010263882",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-02-20",
            },
            {
                "name": "隋佳琪",
                "id_number": "371002199803209683",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-10-10",
            },
            {
                "name": "梁瑶",
                "id_number": "371083199508280784",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-10-04",
            },
            {
                "name": "于一诺",
                "id_number": "371002199507101862",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-05-15",
            },
            {
                "name": "吕新民",
                "id_number": "371003199206243791",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-08-12",
            },
            {
                "name": "夏杰",
                "id_number": "371002199001233374",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-01-02",
            },
        ],
    },
    {
        "name": "小橡树家庭托育点",
        "admin_username": "fac12",
        "credit_code": "92371002MA6E8BWE28",
        "address": "威海市环翠区和平路205号28号楼1单元501室",
        "town": "鲸园街道",
        "lat": 37.514444,
        "lng": 122.12373,
        "phone": "0631-5988016",
        "nature": "family",
        "inclusive": False,
        "filing_status": "unfiled",
        "filing_number": None,
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "hourly"],
        "prices": {"full_day": 16500, "hourly": 4000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 12,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天165元；计时托每小时40元。伙食费每日18元，按实际出勤结算；"
                "不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（5个托位，保育人员2名），共5个托位。全日托08:00—17:00；"
                "周一至周五开放，法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；"
                "周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、"
                "菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。上午加时令水果，下午加酸奶。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 5, "caregivers": 2}],
        "staff": [
            {
                "name": "于梓涵",
                "id_number": "371002197605171769",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-03-22",
            },
            {
                "name": "鞠思雨",
                "id_number": "371002199905114722",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-08-23",
            },
            {
                "name": "鲁晓丽",
                "id_number": "371002199404179042",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-02-15",
            },
        ],
    },
    {
        "name": "环翠楼街道社区托育服务站",
        "admin_username": "fac13",
        "credit_code": "12371002495751681F",
        "address": "威海市环翠区环翠路10号",
        "town": "环翠楼街道",
        "lat": 37.508788,
        "lng": 122.106329,
        "phone": "0631-5726889",
        "nature": "public",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕001号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 12000, "half_day": 6500, "hourly": 2000, "temporary": 15500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": (
            "由环翠楼街道举办的公办托育服务机构，面向辖区家庭提供普惠托育服务。提供全日托、半日托、"
            "计时托和临时托服务。"
        ),
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天120元；半日托每半天65元；"
                "计时托每小时20元；临时托每天155元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（13个托位，保育人员3名）、托大班（20个托位，保育人员3名），"
                "共33个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 13, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 20, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "宋红艳",
                "id_number": "37100219881214862X",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-09-28",
            },
            {
                "name": "李海燕",
                "id_number": "371002198403282246",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-01-02",
            },
            {
                "name": "邹思雨",
                "id_number": "371082198101278585",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-02-28",
            },
            {
                "name": "郭霞",
                "id_number": "371002199009109028",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-07-04",
            },
            {
                "name": "夏文静",
                "id_number": "37100219870621112X",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-04-16",
            },
            {
                "name": "林晓丽",
                "id_number": "37108220001227550X",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-08-27",
            },
            {
                "name": "宋若曦",
                "id_number": "371002198503137169",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-10-02",
            },
            {
                "name": "曲若曦",
                "id_number": "371002199309261427",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-06-14",
            },
            {
                "name": "徐雅琴",
                "id_number": "371002197902115261",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-01-23",
            },
            {
                "name": "宋萍",
                "id_number": "371002198111143228",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2025-12-22",
            },
            {
                "name": "初杰",
                "id_number": "371002198908215671",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-01-05",
            },
        ],
    },
    {
        "name": "威海启蒙宝贝托育中心",
        "admin_username": "fac14",
        "credit_code": "91371002MA7WXQ3T61",
        "address": "威海市环翠区光明路225号",
        "town": "环翠楼街道",
        "lat": 37.50889,
        "lng": 122.117108,
        "phone": "0631-5564129",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕002号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 15000, "half_day": 8000, "hourly": 3000, "temporary": 17000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天150元；半日托每半天80元；计时托每小时30元；临时托每天170元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设乳儿班（10个托位，保育人员4名）、托小班（9个托位，保育人员2名）、"
                "托大班（15个托位，保育人员3名），共34个托位。全日托08:00—17:00，半日托上午08:00—12:00、"
                "下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、"
                "蒸南瓜、水果；周四：二米饭、胶东小炖鱼、木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。"
                "每日上午加水果，下午加奶制品或手工点心。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "infant", "name": "乳儿班", "places": 10, "caregivers": 4},
            {"kind": "toddler", "name": "托小班", "places": 9, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 15, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "蔡晓慧",
                "id_number": "371082198811079185",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-09",
            },
            {
                "name": "董晓雯",
                "id_number": "371002199610231040",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-02-28",
            },
            {
                "name": "殷鹏",
                "id_number": "371002198808159991",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-01-09",
            },
            {
                "name": "刘敏",
                "id_number": "371002197906093522",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-11-16",
            },
            {
                "name": "殷晓慧",
                "id_number": "371002200108241441",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-11-17",
            },
            {
                "name": "刘雅琴",
                "id_number": "371002199510172581",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-10-13",
            },
            {
                "name": "吕婉清",
                "id_number": "371002197710115662",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-02-02",
            },
            {
                "name": "戚洁",
                "id_number": "371002199803066766",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-10-31",
            },
            {
                "name": "慕凤",
                "id_number": "371083198201248822",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-04-11",
            },
            {
                "name": "田金凤",
                "id_number": "371002199401167783",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-08-23",
            },
            {
                "name": "董玉洁",
                "id_number": "371002198506049041",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-03-06",
            },
            {
                "name": "高雨涵",
                "id_number": "371003199203147024",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-05-27",
            },
            {
                "name": "郭明",
                "id_number": "371002198010238252",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-05-13",
            },
            {
                "name": "初超",
                "id_number": "371082197306051312",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2025-06-18",
            },
        ],
    },
    {
        "name": "环翠楼街道巾帼托育园",
        "admin_username": "fac15",
        "credit_code": "52371002MJPWEDLE40",
        "address": "威海市环翠区光明路292号",
        "town": "环翠楼街道",
        "lat": 37.50799,
        "lng": 122.109871,
        "phone": "0631-5233670",
        "nature": "private_nonprofit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕003号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 8500, "half_day": 5500, "hourly": 2000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天85元；半日托每半天55元；"
                "计时托每小时20元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（11个托位，保育人员3名）、托大班（17个托位，保育人员3名），"
                "共28个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、"
                "蒸南瓜、水果；周四：二米饭、胶东小炖鱼、木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。"
                "每日上午加水果，下午加奶制品或手工点心。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "mixed", "name": "混合班", "places": 11, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 17, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "刘婉清",
                "id_number": "371002197809102060",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-09-29",
            },
            {
                "name": "田芳",
                "id_number": "371002199209051561",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-07-20",
            },
            {
                "name": "慕爱玲",
                "id_number": "371002198401227702",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-02-09",
            },
            {
                "name": "鞠爱玲",
                "id_number": "371002200105170764",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-06-15",
            },
            {
                "name": "林红梅",
                "id_number": "371082200208057440",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-08-07",
            },
            {
                "name": "汤欣悦",
                "id_number": "37108319950821842X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2025-12-22",
            },
            {
                "name": "司马雪",
                "id_number": "371002198910030406",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-03-30",
            },
            {
                "name": "殷倩",
                "id_number": "371002199001219660",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-09-10",
            },
            {
                "name": "初伟",
                "id_number": "371002197605269539",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2025-12-26",
            },
            {
                "name": "戚军",
                "id_number": "371002199211080513",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-09-25",
            },
        ],
    },
    {
        "name": "环翠区实验幼儿园托班",
        "admin_username": "fac16",
        "credit_code": "12371002MB1777858L",
        "address": "威海市环翠区东城路258号（环翠区实验幼儿园内）",
        "town": "环翠楼街道",
        "lat": 37.508917,
        "lng": 122.112365,
        "phone": "0631-5495015",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕004号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 9000, "half_day": 5000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天90元；半日托每半天50元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托一班（18个托位，保育人员3名）、托二班（14个托位，保育人员2名），"
                "共32个托位。全日托08:00—17:00，半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、"
                "蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三：二米饭、土豆炖牛肉、胡萝卜丝；周四："
                "海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、西葫芦炒鸡蛋。上、"
                "下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "preschool", "name": "托一班", "places": 18, "caregivers": 3},
            {"kind": "preschool", "name": "托二班", "places": 14, "caregivers": 2},
        ],
        "staff": [
            {
                "name": "董琳",
                "id_number": "371002198703232320",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-09",
            },
            {
                "name": "曲梓涵",
                "id_number": "371002199103101743",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-06-18",
            },
            {
                "name": "曲颖",
                "id_number": "371083198609236665",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-06-27",
            },
            {
                "name": "鲁丹丹",
                "id_number": "371082200007152767",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-03-09",
            },
            {
                "name": "张丹丹",
                "id_number": "371002199907065223",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-07-17",
            },
            {
                "name": "高可欣",
                "id_number": "37100319911007310X",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-08-13",
            },
            {
                "name": "赵金凤",
                "id_number": "371083198807035207",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-05-14",
            },
            {
                "name": "殷志强",
                "id_number": "371002198409307950",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-06-08",
            },
        ],
    },
    {
        "name": "环翠区机关职工托育园",
        "admin_username": "fac17",
        "credit_code": "12371002MB8886547X",
        "address": "威海市环翠区古陌路163号",
        "town": "环翠楼街道",
        "lat": 37.5079,
        "lng": 122.109421,
        "phone": "0631-5986141",
        "nature": "employer",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕005号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "temporary"],
        "prices": {"full_day": 11000, "temporary": 13500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 12,
        "description": "由用人单位举办的福利性托育机构，优先招收职工子女，余位向社会开放。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天110元；临时托每天135元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（18个托位，保育人员4名），共18个托位。全日托08:00—17:00；"
                "周一至周五开放，法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 18, "caregivers": 4}],
        "staff": [
            {
                "name": "徐雪",
                "id_number": "371083198603185625",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-04-14",
            },
            {
                "name": "赵桂芳",
                "id_number": "371002199806104342",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-07-20",
            },
            {
                "name": "赵蕾",
                "id_number": "371002199508144063",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-07-24",
            },
            {
                "name": "戚秀英",
                "id_number": "371003197704141262",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-02-02",
            },
            {
                "name": "慕立新",
                "id_number": "371002199801019261",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-10-02",
            },
            {
                "name": "王秀华",
                "id_number": "371002198606155669",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-11-17",
            },
            {
                "name": "谷佳琪",
                "id_number": "371002198809118884",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-07-29",
            },
            {
                "name": "夏永刚",
                "id_number": "371003198311012712",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-02-01",
            },
        ],
    },
    {
        "name": "花蕾家庭托育点",
        "admin_username": "fac18",
        "credit_code": "92371002MA9E59PC50",
        "address": "威海市环翠区东城路87号30号楼2单元602室",
        "town": "环翠楼街道",
        "lat": 37.510977,
        "lng": 122.107754,
        "phone": "0631-5462702",
        "nature": "family",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕006号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "temporary"],
        "prices": {"full_day": 15500, "half_day": 10000, "temporary": 20000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 12,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天155元；半日托每半天100元；临时托每天200元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（4个托位，保育人员2名），共4个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、"
                "蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三：二米饭、土豆炖牛肉、胡萝卜丝；周四："
                "海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、西葫芦炒鸡蛋。上、"
                "下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 4, "caregivers": 2}],
        "staff": [
            {
                "name": "曲艳",
                "id_number": "371002197701038386",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-01-25",
            },
            {
                "name": "刘春霞",
                "id_number": "371002197606273804",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2025-12-22",
            },
            {
                "name": "徐心怡",
                "id_number": "371002198006146902",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-08-04",
            },
        ],
    },
    {
        "name": "嵩山街道社区托育服务中心",
        "admin_username": "fac19",
        "credit_code": "123710024987721708",
        "address": "威海市环翠区统一南路135号",
        "town": "嵩山街道",
        "lat": 37.505362,
        "lng": 122.103388,
        "phone": "0631-5815122",
        "nature": "public",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕007号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 8500, "half_day": 4500, "hourly": 3000, "temporary": 11000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 12,
        "description": (
            "由嵩山街道举办的公办托育服务机构，面向辖区家庭提供普惠托育服务。提供全日托、半日托、"
            "计时托和临时托服务。"
        ),
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天85元；半日托每半天45元；"
                "计时托每小时30元；临时托每天110元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（10个托位，保育人员2名）、混合班（15个托位，保育人员3名），"
                "共25个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 10, "caregivers": 2},
            {"kind": "mixed", "name": "混合班", "places": 15, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "夏琳",
                "id_number": "371082198408075627",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-05-14",
            },
            {
                "name": "林丹丹",
                "id_number": "371002199709161222",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-11-15",
            },
            {
                "name": "邹佳怡",
                "id_number": "371002198602231783",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-11-11",
            },
            {
                "name": "孙琳",
                "id_number": "371082199801094968",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-01-21",
            },
            {
                "name": "高桂芳",
                "id_number": "371083197602014221",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-10-28",
            },
            {
                "name": "鲁国庆",
                "id_number": "371002199410101938",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-06-03",
            },
            {
                "name": "郭心怡",
                "id_number": "371002197810010964",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-02-09",
            },
            {
                "name": "车可欣",
                "id_number": "371002199505037107",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-06-24",
            },
            {
                "name": "徐强",
                "id_number": "371002198905287776",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-11-05",
            },
        ],
    },
    {
        "name": "威海小天使托育中心",
        "admin_username": "fac20",
        "credit_code": "91371002MA7LFD4P63",
        "address": "威海市环翠区戚家庄路91号",
        "town": "嵩山街道",
        "lat": 37.502802,
        "lng": 122.099556,
        "phone": "0631-5931004",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "unfiled",
        "filing_number": None,
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 21000, "half_day": 11500, "hourly": 6000, "temporary": 26000},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 2,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天210元；半日托每半天115元；计时托每小时60元；临时托每天260元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（9个托位，保育人员2名）、混合班（16个托位，保育人员4名），"
                "共25个托位。全日托07:00—18:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：软米饭、清炖鸡腿、清炒菜心；周二：鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、"
                "鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；周五：二米饭、土豆烧排骨、紫菜汤。"
                "乳儿按月龄单独制作米糊、菜泥和肉泥。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 9, "caregivers": 2},
            {"kind": "mixed", "name": "混合班", "places": 16, "caregivers": 4},
        ],
        "staff": [
            {
                "name": "孙思雨",
                "id_number": "37108319770112766X",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-05-14",
            },
            {
                "name": "刘雨涵",
                "id_number": "371002197905093627",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-08-13",
            },
            {
                "name": "鲁书瑶",
                "id_number": "371003199205287805",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-07-12",
            },
            {
                "name": "殷晓丽",
                "id_number": "371002198605035120",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2025-12-24",
            },
            {
                "name": "鲁心怡",
                "id_number": "371002198508066662",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-08-28",
            },
            {
                "name": "林爱玲",
                "id_number": "371002199411289303",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-04-24",
            },
            {
                "name": "徐丹丹",
                "id_number": "371082198603171868",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-06-15",
            },
            {
                "name": "隋晓丽",
                "id_number": "371082198306054702",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-04-28",
            },
            {
                "name": "隋莉莉",
                "id_number": "371002197506130523",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-02-22",
            },
            {
                "name": "丛德胜",
                "id_number": "371083198701010036",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-07-18",
            },
        ],
    },
    {
        "name": "嵩山街道阳光托育园",
        "admin_username": "fac21",
        "credit_code": "52371002MJ5DUN0N59",
        "address": "威海市环翠区文化西路248号",
        "town": "嵩山街道",
        "lat": 37.504246,
        "lng": 122.094788,
        "phone": "0631-5668264",
        "nature": "private_nonprofit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕008号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 12000, "half_day": 7000, "hourly": 2000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天120元；半日托每半天70元；"
                "计时托每小时20元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设乳儿班（10个托位，保育人员4名）、托小班（14个托位，保育人员3名）、"
                "托大班（13个托位，保育人员2名），共37个托位。全日托08:00—17:00，半日托上午08:00—12:00、"
                "下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "infant", "name": "乳儿班", "places": 10, "caregivers": 4},
            {"kind": "toddler", "name": "托小班", "places": 14, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 13, "caregivers": 2},
        ],
        "staff": [
            {
                "name": "张淑珍",
                "id_number": "371002197708055947",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-02-24",
            },
            {
                "name": "戚雅琴",
                "id_number": "371002198909107349",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-09-02",
            },
            {
                "name": "张心怡",
                "id_number": "371002199001042463",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2025-12-18",
            },
            {
                "name": "鲁梓涵",
                "id_number": "371002199310075728",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2025-12-15",
            },
            {
                "name": "梁敏",
                "id_number": "371002200212147586",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-08-20",
            },
            {
                "name": "谷欣悦",
                "id_number": "371083197907129580",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-01-21",
            },
            {
                "name": "赵文静",
                "id_number": "371002198708243643",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2025-12-22",
            },
            {
                "name": "孙霞",
                "id_number": "371082197811048288",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-06-07",
            },
            {
                "name": "张雨涵",
                "id_number": "371002197705288008",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-05-02",
            },
            {
                "name": "郭可欣",
                "id_number": "371002200212072588",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-01-10",
            },
            {
                "name": "鞠雪",
                "id_number": "371002197301095947",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-08-14",
            },
            {
                "name": "林文静",
                "id_number": "371003199304086742",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-10-28",
            },
            {
                "name": "郭振华",
                "id_number": "371003197504115174",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2025-12-26",
            },
        ],
    },
    {
        "name": "嵩山幼儿园托班",
        "admin_username": "fac22",
        "credit_code": "52371002MJB95DGY0C",
        "address": "威海市环翠区戚家庄路252号（嵩山幼儿园内）",
        "town": "嵩山街道",
        "lat": 37.502883,
        "lng": 122.088362,
        "phone": "0631-5773019",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕009号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 9000, "half_day": 5000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天90元；半日托每半天50元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托班（17个托位，保育人员3名），共17个托位。全日托08:00—17:00，"
                "半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：软米饭、清炖鸡腿、清炒菜心；周二："
                "鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；"
                "周五：二米饭、土豆烧排骨、紫菜汤。乳儿按月龄单独制作米糊、菜泥和肉泥。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "preschool", "name": "托班", "places": 17, "caregivers": 3}],
        "staff": [
            {
                "name": "谷静",
                "id_number": "371002197211304709",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-02-03",
            },
            {
                "name": "王红梅",
                "id_number": "371002198803020480",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2025-12-27",
            },
            {
                "name": "隋思雨",
                "id_number": "371082199302225484",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-08-02",
            },
            {
                "name": "徐悦",
                "id_number": "371082197912207006",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-02-22",
            },
            {
                "name": "徐静",
                "id_number": "371002197503214449",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-01-06",
            },
            {
                "name": "吕海涛",
                "id_number": "371082197612253190",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-09-18",
            },
        ],
    },
    {
        "name": "暖阳家庭托育点",
        "admin_username": "fac23",
        "credit_code": "92371002MAXFFQL589",
        "address": "威海市环翠区统一南路108号14号楼1单元602室",
        "town": "嵩山街道",
        "lat": 37.501171,
        "lng": 122.096039,
        "phone": "0631-5211039",
        "nature": "family",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2023〕010号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 16500, "half_day": 9000, "hourly": 5500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天165元；半日托每半天90元；计时托每小时55元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（4个托位，保育人员2名），共4个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；"
                "周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、蒸南瓜、水果；周四：二米饭、胶东小炖鱼、"
                "木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。每日上午加水果，下午加奶制品或手工点心。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市妇幼保健院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 4, "caregivers": 2}],
        "staff": [
            {
                "name": "张佳怡",
                "id_number": "371002198101239269",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-01-18",
            },
            {
                "name": "张洁",
                "id_number": "371003199710200248",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2024-12-20",
            },
            {
                "name": "鞠慧",
                "id_number": "371002199005171983",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-06-09",
            },
        ],
    },
    {
        "name": "温泉镇托育服务中心",
        "admin_username": "fac24",
        "credit_code": "12371002MB10433872",
        "address": "威海市环翠区温泉路154号",
        "town": "温泉镇",
        "lat": 37.475195,
        "lng": 122.130998,
        "phone": "0631-5130121",
        "nature": "public",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕001号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 10500, "half_day": 6000, "hourly": 2500, "temporary": 13000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": (
            "由温泉镇举办的公办托育服务机构，面向辖区家庭提供普惠托育服务。提供全日托、半日托、"
            "计时托和临时托服务。"
        ),
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天105元；半日托每半天60元；"
                "计时托每小时25元；临时托每天130元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（9个托位，保育人员2名）、托大班（20个托位，保育人员3名），"
                "共29个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、"
                "蒸南瓜、水果；周四：二米饭、胶东小炖鱼、木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。"
                "每日上午加水果，下午加奶制品或手工点心。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与温泉镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 9, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 20, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "邹丽",
                "id_number": "371083197901241889",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-06-21",
            },
            {
                "name": "林婷",
                "id_number": "371083198512241986",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-06-29",
            },
            {
                "name": "宋勇",
                "id_number": "371083199005050936",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-04-14",
            },
            {
                "name": "蔡刚",
                "id_number": "371002199508122438",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-06-15",
            },
            {
                "name": "初一诺",
                "id_number": "371083199611263245",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-01-01",
            },
            {
                "name": "谷勇",
                "id_number": "371083199210305272",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-01-11",
            },
            {
                "name": "林芳",
                "id_number": "371002197812065387",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-05-25",
            },
            {
                "name": "郭国庆",
                "id_number": "371002197505117239",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-10-18",
            },
            {
                "name": "宋磊",
                "id_number": "37100219770322123X",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-01-26",
            },
        ],
    },
    {
        "name": "温泉镇红缨托育园",
        "admin_username": "fac25",
        "credit_code": "52371002MJHRK44B0E",
        "address": "威海市环翠区蒿泊路159号",
        "town": "温泉镇",
        "lat": 37.467146,
        "lng": 122.128284,
        "phone": "0631-5324041",
        "nature": "private_nonprofit",
        "inclusive": True,
        "filing_status": "unfiled",
        "filing_number": None,
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 11000, "half_day": 7000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 2,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天110元；半日托每半天70元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（13个托位，保育人员3名），共13个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与温泉镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 13, "caregivers": 3}],
        "staff": [
            {
                "name": "夏静",
                "id_number": "371002197703183480",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-09-11",
            },
            {
                "name": "毕倩",
                "id_number": "371002199311017861",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-01-30",
            },
            {
                "name": "鲁晓燕",
                "id_number": "371002198204215323",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-11",
            },
            {
                "name": "姜璐",
                "id_number": "371083199411268308",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-04-22",
            },
            {
                "name": "田慧",
                "id_number": "371083199110056221",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-06-03",
            },
            {
                "name": "于建国",
                "id_number": "371002198504258915",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-05-16",
            },
            {
                "name": "汤晓东",
                "id_number": "371002198004097414",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-10-10",
            },
        ],
    },
    {
        "name": "温泉镇中心幼儿园托班",
        "admin_username": "fac26",
        "credit_code": "12371002MB7299164P",
        "address": "威海市环翠区温泉汤村101号（温泉镇中心幼儿园内）",
        "town": "温泉镇",
        "lat": 37.463731,
        "lng": 122.133713,
        "phone": "0631-5821856",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕002号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 8000, "half_day": 5000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天80元；半日托每半天50元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托一班（16个托位，保育人员3名）、托二班（19个托位，保育人员3名），"
                "共35个托位。全日托08:00—17:00，半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二："
                "软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、蒸南瓜、水果；周四：二米饭、胶东小炖鱼、"
                "木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。每日上午加水果，下午加奶制品或手工点心。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与温泉镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "preschool", "name": "托一班", "places": 16, "caregivers": 3},
            {"kind": "preschool", "name": "托二班", "places": 19, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "邹书瑶",
                "id_number": "371003198009017344",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-07-28",
            },
            {
                "name": "张凤",
                "id_number": "371002199305291485",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-10-05",
            },
            {
                "name": "蔡瑶",
                "id_number": "371082197612023846",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-05-06",
            },
            {
                "name": "汤晓雯",
                "id_number": "371002199205042967",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-01-03",
            },
            {
                "name": "徐继东",
                "id_number": "371083198905202099",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-09-09",
            },
            {
                "name": "吕霞",
                "id_number": "371003197512041187",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-09-02",
            },
            {
                "name": "郭晨曦",
                "id_number": "37100319870810122X",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-11-18",
            },
            {
                "name": "吕桂芳",
                "id_number": "371002199604208362",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-07-25",
            },
            {
                "name": "吕超",
                "id_number": "371002197806102110",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-09-08",
            },
        ],
    },
    {
        "name": "汤泊家庭托育点",
        "admin_username": "fac27",
        "credit_code": "92371002MAD680JT8M",
        "address": "威海市环翠区沈阳路84号5号楼2单元501室",
        "town": "温泉镇",
        "lat": 37.464152,
        "lng": 122.123904,
        "phone": "0631-5947787",
        "nature": "family",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕003号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 15000, "half_day": 8000, "hourly": 6000, "temporary": 18000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天150元；半日托每半天80元；计时托每小时60元；临时托每天180元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（5个托位，保育人员2名），共5个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；"
                "周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、"
                "菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。上午加时令水果，下午加酸奶。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与温泉镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 5, "caregivers": 2}],
        "staff": [
            {
                "name": "隋晓宁",
                "id_number": "371002197301261845",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-02-02",
            },
            {
                "name": "田霞",
                "id_number": "37100219790623492X",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-02-25",
            },
            {
                "name": "林佳怡",
                "id_number": "371003198206125563",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-05-30",
            },
        ],
    },
    {
        "name": "张村镇产业园职工托育中心",
        "admin_username": "fac28",
        "credit_code": "91371002MA7HEDNR4M",
        "address": "威海市环翠区福泰路86号",
        "town": "张村镇",
        "lat": 37.457014,
        "lng": 122.053628,
        "phone": "0631-5233527",
        "nature": "employer",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕004号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "temporary"],
        "prices": {"full_day": 11000, "half_day": 6000, "temporary": 12500},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "07:00", "end": "11:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": "由用人单位举办的福利性托育机构，优先招收职工子女，余位向社会开放。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天110元；半日托每半天60元；"
                "临时托每天125元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（15个托位，保育人员3名），共15个托位。全日托07:00—18:00，"
                "半日托上午07:00—11:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与张村镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 15, "caregivers": 3}],
        "staff": [
            {
                "name": "赵若曦",
                "id_number": "371082198202129642",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-23",
            },
            {
                "name": "慕晓雯",
                "id_number": "371082199802077529",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-03-09",
            },
            {
                "name": "赵静",
                "id_number": "371002199810157885",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-11-02",
            },
            {
                "name": "蔡振华",
                "id_number": "371002200002033556",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-10-14",
            },
            {
                "name": "鲁红艳",
                "id_number": "371002198306172686",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2025-12-20",
            },
            {
                "name": "曲婉清",
                "id_number": "371002198003250229",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-05-19",
            },
            {
                "name": "郭涛",
                "id_number": "371082199007196473",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-05-01",
            },
        ],
    },
    {
        "name": "张村镇童乐托育园",
        "admin_username": "fac29",
        "credit_code": "91371002MA5617A342",
        "address": "威海市环翠区福泰路290号",
        "town": "张村镇",
        "lat": 37.454178,
        "lng": 122.046826,
        "phone": "0631-5671530",
        "nature": "private_for_profit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕005号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 9500, "half_day": 5500, "hourly": 3000, "temporary": 11500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 24,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天95元；半日托每半天55元；"
                "计时托每小时30元；临时托每天115元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（12个托位，保育人员3名）、混合班（10个托位，保育人员2名），"
                "共22个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：软米饭、清炖鸡腿、清炒菜心；周二：鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、"
                "鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；周五：二米饭、土豆烧排骨、紫菜汤。"
                "乳儿按月龄单独制作米糊、菜泥和肉泥。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与张村镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 12, "caregivers": 3},
            {"kind": "mixed", "name": "混合班", "places": 10, "caregivers": 2},
        ],
        "staff": [
            {
                "name": "蔡美玲",
                "id_number": "371083197803047046",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-14",
            },
            {
                "name": "赵洁",
                "id_number": "371002198504041388",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-03-19",
            },
            {
                "name": "赵丹丹",
                "id_number": "371082198006046049",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-26",
            },
            {
                "name": "蔡霞",
                "id_number": "371003200201315966",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-05-15",
            },
            {
                "name": "司马蕾",
                "id_number": "371082198902143744",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-01-31",
            },
            {
                "name": "刘一诺",
                "id_number": "371002200202059208",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-08-31",
            },
            {
                "name": "司马春霞",
                "id_number": "371002197903102809",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-11-12",
            },
            {
                "name": "夏金凤",
                "id_number": "371002198602225762",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-02-23",
            },
            {
                "name": "宋强",
                "id_number": "371002198308248496",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-09-25",
            },
            {
                "name": "宋国庆",
                "id_number": "371083197007191813",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2025-09-03",
            },
        ],
    },
    {
        "name": "张村镇中心幼儿园托班",
        "admin_username": "fac30",
        "credit_code": "12371002496558939P",
        "address": "威海市环翠区华夏路62号（张村镇中心幼儿园内）",
        "town": "张村镇",
        "lat": 37.451455,
        "lng": 122.055031,
        "phone": "0631-5834502",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕006号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 9000, "half_day": 5500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天90元；半日托每半天55元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托一班（18个托位，保育人员3名）、托二班（17个托位，保育人员3名），"
                "共35个托位。全日托08:00—17:00，半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、"
                "蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三：二米饭、土豆炖牛肉、胡萝卜丝；周四："
                "海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、西葫芦炒鸡蛋。上、"
                "下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与张村镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "preschool", "name": "托一班", "places": 18, "caregivers": 3},
            {"kind": "preschool", "name": "托二班", "places": 17, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "丛梓涵",
                "id_number": "371002198905178326",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-18",
            },
            {
                "name": "李芳",
                "id_number": "371003199611012823",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-04-21",
            },
            {
                "name": "鞠霞",
                "id_number": "371002199904226327",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-05-01",
            },
            {
                "name": "吕芳",
                "id_number": "371002198706237901",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-02-18",
            },
            {
                "name": "李浩",
                "id_number": "371002198606199258",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-05-07",
            },
            {
                "name": "戚艳",
                "id_number": "371003199709164526",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-05-01",
            },
            {
                "name": "蔡雪",
                "id_number": "371002198103283626",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-06-22",
            },
            {
                "name": "戚敏",
                "id_number": "371082199704197906",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-10-04",
            },
            {
                "name": "司马磊",
                "id_number": "371003197907021439",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-10-16",
            },
        ],
    },
    {
        "name": "向日葵家庭托育点",
        "admin_username": "fac31",
        "credit_code": "92371002MAYYU0P02Y",
        "address": "威海市环翠区福泰路11号21号楼2单元202室",
        "town": "张村镇",
        "lat": 37.454858,
        "lng": 122.056445,
        "phone": "0631-5567491",
        "nature": "family",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕007号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "temporary"],
        "prices": {"full_day": 16000, "half_day": 10000, "temporary": 19000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天160元；半日托每半天100元；临时托每天190元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（5个托位，保育人员2名），共5个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；"
                "周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、蒸南瓜、水果；周四：二米饭、胶东小炖鱼、"
                "木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。每日上午加水果，下午加奶制品或手工点心。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与张村镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 5, "caregivers": 2}],
        "staff": [
            {
                "name": "初梦琪",
                "id_number": "371002198008258908",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-08-12",
            },
            {
                "name": "殷晓雯",
                "id_number": "371002198707217021",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-05-28",
            },
            {
                "name": "宋颖",
                "id_number": "37108319800308832X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-03-03",
            },
        ],
    },
    {
        "name": "羊亭镇爱育托育园",
        "admin_username": "fac32",
        "credit_code": "52371002MJJTNUPQXP",
        "address": "威海市环翠区港头路131号",
        "town": "羊亭镇",
        "lat": 37.435885,
        "lng": 121.98603,
        "phone": "0631-5193993",
        "nature": "private_nonprofit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕008号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 9500, "half_day": 6000, "hourly": 2000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 24,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天95元；半日托每半天60元；"
                "计时托每小时20元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（9个托位，保育人员2名）、托大班（19个托位，保育人员3名），"
                "共28个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：软米饭、清炖鸡腿、清炒菜心；周二：鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、"
                "鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；周五：二米饭、土豆烧排骨、紫菜汤。"
                "乳儿按月龄单独制作米糊、菜泥和肉泥。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与羊亭镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 9, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 19, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "王莉莉",
                "id_number": "371002197603099927",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-02-17",
            },
            {
                "name": "高晓宁",
                "id_number": "371083199311301887",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-10-28",
            },
            {
                "name": "吕若曦",
                "id_number": "371002199502246122",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-07-19",
            },
            {
                "name": "谷建国",
                "id_number": "371002198506049471",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-05-18",
            },
            {
                "name": "张红梅",
                "id_number": "371002199307127881",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-10-28",
            },
            {
                "name": "王晓燕",
                "id_number": "371002200004258046",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-09-03",
            },
            {
                "name": "王雅琴",
                "id_number": "371003198704038200",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-07-21",
            },
            {
                "name": "林亚楠",
                "id_number": "371002198809180928",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-10-29",
            },
            {
                "name": "吕强",
                "id_number": "371002197409301773",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2025-12-30",
            },
        ],
    },
    {
        "name": "羊亭工业园职工托育园",
        "admin_username": "fac33",
        "credit_code": "91371002MA6W9C3N65",
        "address": "威海市环翠区东山路7号",
        "town": "羊亭镇",
        "lat": 37.435231,
        "lng": 121.987824,
        "phone": "0631-5247653",
        "nature": "employer",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕009号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "temporary"],
        "prices": {"full_day": 24500, "temporary": 29000},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "07:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "18:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "由用人单位举办的福利性托育机构，优先招收职工子女，余位向社会开放。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天245元；临时托每天290元。伙食费每日18元，按实际出勤结算；"
                "不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（11个托位，保育人员3名）、托大班（15个托位，保育人员3名），"
                "共26个托位。全日托07:00—18:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与羊亭镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "mixed", "name": "混合班", "places": 11, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 15, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "隋淑珍",
                "id_number": "371002198611154548",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-03-10",
            },
            {
                "name": "蔡佳琪",
                "id_number": "37100219911117976X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-05-02",
            },
            {
                "name": "夏凤",
                "id_number": "371002198312192667",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-11-03",
            },
            {
                "name": "张可欣",
                "id_number": "371003197905279225",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-06-27",
            },
            {
                "name": "田继东",
                "id_number": "371083198911178734",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-04-29",
            },
            {
                "name": "隋爱玲",
                "id_number": "371002199206155488",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2025-12-20",
            },
            {
                "name": "刘桂芳",
                "id_number": "371002197702235269",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-08-31",
            },
            {
                "name": "蔡晓燕",
                "id_number": "371083198101084824",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-05-01",
            },
            {
                "name": "车亚楠",
                "id_number": "371002198602041541",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-05-22",
            },
            {
                "name": "鲁文斌",
                "id_number": "37100219710831655X",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-04-26",
            },
        ],
    },
    {
        "name": "威海贝佳托育中心（羊亭店）",
        "admin_username": "fac34",
        "credit_code": "91371002MA6C9YBX00",
        "address": "威海市环翠区羊亭镇河北村71号",
        "town": "羊亭镇",
        "lat": 37.428493,
        "lng": 121.977774,
        "phone": "0631-5776886",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "unfiled",
        "filing_number": None,
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 22000, "half_day": 12500, "hourly": 4500, "temporary": 27500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": True,
        "cancel_before_hours": 2,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天220元；半日托每半天125元；计时托每小时45元；临时托每天275元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（10个托位，保育人员2名）、托大班（19个托位，保育人员3名），"
                "共29个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与羊亭镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 10, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 19, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "丛晓燕",
                "id_number": "371002198005242142",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-05-02",
            },
            {
                "name": "高倩",
                "id_number": "371082198505284180",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-11-07",
            },
            {
                "name": "梁晓慧",
                "id_number": "371002200112112669",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-04-01",
            },
            {
                "name": "邹霞",
                "id_number": "37108320011115470X",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-07-12",
            },
            {
                "name": "初蕾",
                "id_number": "371002199007065041",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-05-21",
            },
            {
                "name": "汤海燕",
                "id_number": "371002197603012625",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-01-20",
            },
            {
                "name": "殷楠楠",
                "id_number": "371002198902129625",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-04-13",
            },
            {
                "name": "汤明",
                "id_number": "371002197311169954",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-08-27",
            },
            {
                "name": "殷春雷",
                "id_number": "371002197909303935",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-05-08",
            },
        ],
    },
    {
        "name": "桥头镇托育服务中心",
        "admin_username": "fac35",
        "credit_code": "12371002MB61604785",
        "address": "威海市环翠区桥头镇桥头社区103号",
        "town": "桥头镇",
        "lat": 37.358662,
        "lng": 122.173221,
        "phone": "0631-5460831",
        "nature": "public",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕010号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 12000, "half_day": 7500, "hourly": 2000, "temporary": 14500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 4,
        "description": (
            "由桥头镇举办的公办托育服务机构，面向辖区家庭提供普惠托育服务。提供全日托、半日托、"
            "计时托和临时托服务。"
        ),
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天120元；半日托每半天75元；"
                "计时托每小时20元；临时托每天145元。伙食费每日18元，按实际出勤结算；不收取赞助费、"
                "押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（13个托位，保育人员3名）、托大班（15个托位，保育人员3名），"
                "共28个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与桥头镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 13, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 15, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "林桂芳",
                "id_number": "371002198305077484",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-10-16",
            },
            {
                "name": "慕楠楠",
                "id_number": "371002197912130385",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-05-13",
            },
            {
                "name": "王婷",
                "id_number": "371002198610227602",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2025-12-24",
            },
            {
                "name": "徐莉莉",
                "id_number": "371083199906206344",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-07-03",
            },
            {
                "name": "初红艳",
                "id_number": "371002198012194820",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-06-17",
            },
            {
                "name": "毕敏",
                "id_number": "371082198802261081",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-01-20",
            },
            {
                "name": "王艳",
                "id_number": "371002199001221103",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-07-08",
            },
            {
                "name": "邹晓宁",
                "id_number": "37100319921020316X",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-05-04",
            },
            {
                "name": "刘波",
                "id_number": "371083198911123936",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-04-28",
            },
            {
                "name": "董建国",
                "id_number": "371002199007252672",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-06-11",
            },
        ],
    },
    {
        "name": "桥头镇中心幼儿园托班",
        "admin_username": "fac36",
        "credit_code": "12371002MB6794497P",
        "address": "威海市环翠区桥头路140号（桥头镇中心幼儿园内）",
        "town": "桥头镇",
        "lat": 37.361353,
        "lng": 122.175382,
        "phone": "0631-5101698",
        "nature": "kindergarten",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2024〕011号",
        "demonstration": False,
        "age_min_months": 24,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day"],
        "prices": {"full_day": 8500, "half_day": 4500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "11:00"},
        "pm_hours": {"start": "14:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 24,
        "description": "幼儿园开设的托班，招收2至3岁幼儿，推进托幼一体化。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天85元；半日托每半天45元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收24至36个月婴幼儿，设托一班（15个托位，保育人员3名）、托二班（15个托位，保育人员3名），"
                "共30个托位。全日托08:00—17:00，半日托上午08:00—11:00、下午14:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "与幼儿园共用食堂，按托班幼儿年龄单独制作软烂饭菜。周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二："
                "软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、"
                "菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。上午加时令水果，下午加酸奶。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与桥头镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "preschool", "name": "托一班", "places": 15, "caregivers": 3},
            {"kind": "preschool", "name": "托二班", "places": 15, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "徐倩",
                "id_number": "371002198710263002",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-08-27",
            },
            {
                "name": "于欣悦",
                "id_number": "371082197511201906",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-06-04",
            },
            {
                "name": "宋玉洁",
                "id_number": "371002197505305926",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-10-30",
            },
            {
                "name": "王霞",
                "id_number": "371002199604301647",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-01-15",
            },
            {
                "name": "姜晓慧",
                "id_number": "371002199204055408",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-10-16",
            },
            {
                "name": "曲晓慧",
                "id_number": "371003199010287303",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-06-09",
            },
            {
                "name": "姜红梅",
                "id_number": "371003199703206182",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-10-23",
            },
            {
                "name": "董静",
                "id_number": "37100319851014382X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-08-17",
            },
            {
                "name": "夏梓涵",
                "id_number": "371002198110029220",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-07-25",
            },
            {
                "name": "田德胜",
                "id_number": "371002198510050934",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-07-15",
            },
        ],
    },
    {
        "name": "桥头镇小海星家庭托育点",
        "admin_username": "fac37",
        "credit_code": "92371002MANXMQFU02",
        "address": "威海市环翠区桥头镇小落村34号4号楼1单元301室",
        "town": "桥头镇",
        "lat": 37.357815,
        "lng": 122.166195,
        "phone": "0631-5488034",
        "nature": "family",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕001号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 17000, "half_day": 10500, "hourly": 4500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 24,
        "description": "利用住宅开办的家庭托育点，收托不超过5名婴幼儿，小规模、家庭式照护。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天170元；半日托每半天105元；计时托每小时45元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设家庭托育班（5个托位，保育人员2名），共5个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "餐点由照护人员在家中现做，食材每日采购、留样48小时。周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；"
                "周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、蒸南瓜、水果；周四：二米饭、胶东小炖鱼、"
                "木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。每日上午加水果，下午加奶制品或手工点心。"
                "食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与桥头镇卫生院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "照护区域安装视频监控，录像保存不少于90天；燃气、电源、门窗和家具均做防护，"
                "配备灭火器和烟感报警器。照护人员均已通过违法犯罪记录查询，每年复查；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "family", "name": "家庭托育班", "places": 5, "caregivers": 2}],
        "staff": [
            {
                "name": "董婉清",
                "id_number": "371003198306192149",
                "role": "director",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-06-28",
            },
            {
                "name": "宋晓燕",
                "id_number": "371002198601283485",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-03-09",
            },
            {
                "name": "徐红梅",
                "id_number": "371002198512017548",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-05-11",
            },
        ],
    },
    {
        "name": "孙家疃街道宝贝港湾托育园",
        "admin_username": "fac38",
        "credit_code": "52371002MJJ6XJ3K45",
        "address": "威海市环翠区孙家疃路91号",
        "town": "孙家疃街道",
        "lat": 37.540047,
        "lng": 122.05853,
        "phone": "0631-5521972",
        "nature": "private_nonprofit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕002号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 23000, "half_day": 14500, "hourly": 5000, "temporary": 26000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 2,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天230元；半日托每半天145元；计时托每小时50元；临时托每天260元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（11个托位，保育人员3名）、托大班（18个托位，保育人员3名），"
                "共29个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与孙家疃街道社区卫生服务中心签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 11, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 18, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "慕瑶",
                "id_number": "371002197503142289",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-08-20",
            },
            {
                "name": "谷春霞",
                "id_number": "371082198908130047",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-07-01",
            },
            {
                "name": "慕一诺",
                "id_number": "37108319821104812X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-09-23",
            },
            {
                "name": "毕瑶",
                "id_number": "371002198007182008",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-05-26",
            },
            {
                "name": "戚思雨",
                "id_number": "371083200108315728",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-01-02",
            },
            {
                "name": "赵一诺",
                "id_number": "371002199901302224",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-06-26",
            },
            {
                "name": "李娜",
                "id_number": "371002199201195747",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-07-30",
            },
            {
                "name": "夏秀华",
                "id_number": "371083198809102020",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-08-20",
            },
            {
                "name": "于悦",
                "id_number": "371082199407296385",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-02-11",
            },
            {
                "name": "郭强",
                "id_number": "371002197701202334",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-05-19",
            },
            {
                "name": "车海涛",
                "id_number": "37100219910207777X",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-07-28",
            },
        ],
    },
    {
        "name": "威海海之星托育中心",
        "admin_username": "fac39",
        "credit_code": "91371002MA3DH99E3L",
        "address": "威海市环翠区孙家疃路135号",
        "town": "孙家疃街道",
        "lat": 37.533848,
        "lng": 122.05747,
        "phone": "0631-5693446",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕003号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 22000, "half_day": 14000, "hourly": 4500, "temporary": 27500},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": True,
        "cancel_before_hours": 2,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天220元；半日托每半天140元；计时托每小时45元；临时托每天275元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设乳儿班（8个托位，保育人员3名）、托小班（13个托位，保育人员3名）、"
                "托大班（18个托位，保育人员3名），共39个托位。全日托07:00—18:00，半日托上午08:00—12:00、"
                "下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与孙家疃街道社区卫生服务中心签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "infant", "name": "乳儿班", "places": 8, "caregivers": 3},
            {"kind": "toddler", "name": "托小班", "places": 13, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 18, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "张颖",
                "id_number": "371002198712015862",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-04-27",
            },
            {
                "name": "殷亚楠",
                "id_number": "371002200106291568",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-05-13",
            },
            {
                "name": "郭秀华",
                "id_number": "371002199710128921",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2025-12-21",
            },
            {
                "name": "司马媛媛",
                "id_number": "371002199305300687",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-18",
            },
            {
                "name": "毕淑珍",
                "id_number": "371002199207255640",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-03-29",
            },
            {
                "name": "曲芳",
                "id_number": "371002200103215922",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-01-24",
            },
            {
                "name": "李静",
                "id_number": "37100219780402178X",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-24",
            },
            {
                "name": "鞠洁",
                "id_number": "371083199502071260",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-06-12",
            },
            {
                "name": "谷娜",
                "id_number": "371002198605128642",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-02-25",
            },
            {
                "name": "殷心怡",
                "id_number": "371002199303064940",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-05-24",
            },
            {
                "name": "殷晨曦",
                "id_number": "371082198608036104",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-31",
            },
            {
                "name": "林书瑶",
                "id_number": "371002198803279521",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-11-07",
            },
            {
                "name": "姜若曦",
                "id_number": "371002199307217967",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-11-01",
            },
            {
                "name": "初永刚",
                "id_number": "371082198909166973",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-02-21",
            },
        ],
    },
    {
        "name": "威海蓝贝托育中心（孙家疃店）",
        "admin_username": "fac40",
        "credit_code": "91371002MA7AR49K84",
        "address": "威海市环翠区孙家疃路82号",
        "town": "孙家疃街道",
        "lat": 37.534682,
        "lng": 122.050525,
        "phone": "0631-5392141",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕004号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 17500, "half_day": 10500, "hourly": 3000},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "07:00", "end": "11:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 24,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天175元；半日托每半天105元；计时托每小时30元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（10个托位，保育人员2名），共10个托位。全日托07:00—18:00，"
                "半日托上午07:00—11:00、下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与孙家疃街道社区卫生服务中心签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 10, "caregivers": 2}],
        "staff": [
            {
                "name": "郭雪",
                "id_number": "371003198906071228",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-01-21",
            },
            {
                "name": "汤琳",
                "id_number": "371083198205137003",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2025-12-31",
            },
            {
                "name": "孙红艳",
                "id_number": "371003198303171908",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-07-26",
            },
            {
                "name": "宋晓丽",
                "id_number": "37108319920831628X",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-10-11",
            },
            {
                "name": "田斌",
                "id_number": "37100219941204499X",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-03-22",
            },
            {
                "name": "鞠刚",
                "id_number": "371002198409058755",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-08-21",
            },
        ],
    },
    {
        "name": "里口山童趣托育园",
        "admin_username": "fac41",
        "credit_code": "52371002MJQWFA4F3B",
        "address": "威海市环翠区里口山石家河村57号",
        "town": "里口山",
        "lat": 37.476919,
        "lng": 122.089899,
        "phone": "0631-5495309",
        "nature": "private_nonprofit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕005号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 22500, "half_day": 13500, "hourly": 5000, "temporary": 26500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 2,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天225元；半日托每半天135元；计时托每小时50元；临时托每天265元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（12个托位，保育人员3名），共12个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 12, "caregivers": 3}],
        "staff": [
            {
                "name": "王红艳",
                "id_number": "371003198005081023",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-07-10",
            },
            {
                "name": "谷敏",
                "id_number": "371003197704015880",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-01-02",
            },
            {
                "name": "张欣悦",
                "id_number": "37100219930618418X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-11-03",
            },
            {
                "name": "张海燕",
                "id_number": "371083200011020384",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2026-04-25",
            },
            {
                "name": "林瑶",
                "id_number": "371002199009064827",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-04-01",
            },
            {
                "name": "赵强",
                "id_number": "371002197203278432",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-01-24",
            },
            {
                "name": "邹德胜",
                "id_number": "371002198301057531",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-07-18",
            },
        ],
    },
    {
        "name": "里口山森林托育中心",
        "admin_username": "fac42",
        "credit_code": "91371002MA3BDF5Q92",
        "address": "威海市环翠区里口山路124号",
        "town": "里口山",
        "lat": 37.471961,
        "lng": 122.095492,
        "phone": "0631-5160871",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕006号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 21500, "half_day": 11500, "hourly": 4500, "temporary": 27500},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天215元；半日托每半天115元；计时托每小时45元；临时托每天275元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（11个托位，保育人员3名）、托大班（15个托位，保育人员3名），"
                "共26个托位。全日托07:00—18:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：小米南瓜粥、鸡蛋羹、清蒸鲅鱼、蒜蓉西兰花；周二：番茄鸡蛋面、虾仁豆腐、清炒油菜；周三："
                "二米饭、土豆炖牛肉、胡萝卜丝；周四：海鲜疙瘩汤、肉末蒸蛋、小白菜；周五：软米饭、海带排骨汤、"
                "西葫芦炒鸡蛋。上、下午各一次加餐（时令水果、酸奶）。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 11, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 15, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "郭晓宁",
                "id_number": "37100219760409380X",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-09-12",
            },
            {
                "name": "于秀华",
                "id_number": "371083199701203764",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-03-22",
            },
            {
                "name": "初楠楠",
                "id_number": "371002198405063100",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-09-11",
            },
            {
                "name": "孙丽",
                "id_number": "371082199402263664",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-08-05",
            },
            {
                "name": "曲倩",
                "id_number": "371002198507039427",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-06-14",
            },
            {
                "name": "梁一诺",
                "id_number": "371002199704039105",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-01-04",
            },
            {
                "name": "夏心怡",
                "id_number": "371002198004159582",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-11-17",
            },
            {
                "name": "王秀英",
                "id_number": "371002198508126741",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-04-17",
            },
            {
                "name": "隋亮",
                "id_number": "371002197707131557",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-03-31",
            },
            {
                "name": "曲新民",
                "id_number": "371003198904047195",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-05-19",
            },
        ],
    },
    {
        "name": "里口山邻里托育园",
        "admin_username": "fac43",
        "credit_code": "52371002MJ7D7U039P",
        "address": "威海市环翠区里口山庙子村200号",
        "town": "里口山",
        "lat": 37.475033,
        "lng": 122.094031,
        "phone": "0631-5304659",
        "nature": "private_nonprofit",
        "inclusive": True,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕007号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly"],
        "prices": {"full_day": 10000, "half_day": 5500, "hourly": 2500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 12,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "本机构为普惠性托育机构，收费执行区普惠托育收费标准：全日托每天100元；半日托每半天55元；"
                "计时托每小时25元。伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（11个托位，保育人员3名）、托大班（17个托位，保育人员3名），"
                "共28个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与威海市立医院签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 11, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 17, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "车雨涵",
                "id_number": "371002198811171780",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-10-09",
            },
            {
                "name": "张玉洁",
                "id_number": "371002197505053407",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-02-13",
            },
            {
                "name": "刘佳怡",
                "id_number": "371002197702072404",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-10-25",
            },
            {
                "name": "李媛媛",
                "id_number": "371002198010134808",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-11",
            },
            {
                "name": "曲丽",
                "id_number": "371002199606209940",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-01-16",
            },
            {
                "name": "刘晓雯",
                "id_number": "371083199311210360",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-09-12",
            },
            {
                "name": "蔡凤",
                "id_number": "371002198710200327",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-10-12",
            },
            {
                "name": "吕晓雯",
                "id_number": "371002198410098447",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-01-02",
            },
            {
                "name": "鲁亚楠",
                "id_number": "371002197409201668",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-04-24",
            },
            {
                "name": "夏丹丹",
                "id_number": "371002197402224867",
                "role": "cook",
                "certificates": ["健康证"],
                "last_record_check": "2026-02-28",
            },
            {
                "name": "于继东",
                "id_number": "371002198103237291",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-03-05",
            },
        ],
    },
    {
        "name": "北海度假区海贝托育园",
        "admin_username": "fac44",
        "credit_code": "52371002MJKM7JF28N",
        "address": "威海市环翠区北海路22号",
        "town": "环翠北海旅游度假区",
        "lat": 37.540847,
        "lng": 122.028587,
        "phone": "0631-5314431",
        "nature": "private_nonprofit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕008号",
        "demonstration": False,
        "age_min_months": 12,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 15500, "half_day": 9000, "hourly": 4500, "temporary": 18500},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": False,
        "cancel_before_hours": 12,
        "description": "在民政部门登记的非营利性托育机构，坚持公益属性，服务周边社区家庭。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天155元；半日托每半天90元；计时托每小时45元；临时托每天185元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收12至36个月婴幼儿，设托小班（10个托位，保育人员2名）、托大班（20个托位，保育人员3名），"
                "共30个托位。全日托08:00—17:00，半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，"
                "法定节假日休息、调休上班日照常开放。保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：燕麦牛奶粥、蛋黄小饼、蒸红薯；周二：软米饭、虾仁滑蛋、丝瓜汤；周三：猪肉白菜蒸饺、"
                "海米冬瓜；周四：二米饭、牛肉末炒胡萝卜、菌菇豆腐汤；周五：西红柿牛腩面、清炒西葫芦。"
                "上午加时令水果，下午加酸奶。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与孙家疃街道社区卫生服务中心签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "toddler", "name": "托小班", "places": 10, "caregivers": 2},
            {"kind": "preschool", "name": "托大班", "places": 20, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "谷悦",
                "id_number": "371002198212267043",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-10-10",
            },
            {
                "name": "丛心怡",
                "id_number": "371002198811078842",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-01-24",
            },
            {
                "name": "隋若曦",
                "id_number": "371002199206135161",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-05-08",
            },
            {
                "name": "李秀华",
                "id_number": "371002198107081925",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-05-20",
            },
            {
                "name": "李心怡",
                "id_number": "371002198010012165",
                "role": "caregiver",
                "certificates": ["保育师证"],
                "last_record_check": "2025-12-29",
            },
            {
                "name": "郭淑珍",
                "id_number": "371002199903167687",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-08-13",
            },
            {
                "name": "李金凤",
                "id_number": "37100219761107616X",
                "role": "health",
                "certificates": ["健康管理员", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-06-14",
            },
            {
                "name": "慕雨涵",
                "id_number": "371002197510163723",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-03-13",
            },
            {
                "name": "孙勇",
                "id_number": "371002197410297257",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-06-09",
            },
        ],
    },
    {
        "name": "威海沐光托育中心",
        "admin_username": "fac45",
        "credit_code": "91371002MA67LN2P91",
        "address": "威海市环翠区金海滩路298号",
        "town": "环翠北海旅游度假区",
        "lat": 37.535133,
        "lng": 122.018455,
        "phone": "0631-5824500",
        "nature": "private_for_profit",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕009号",
        "demonstration": False,
        "age_min_months": 6,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 23000, "half_day": 12500, "hourly": 5500, "temporary": 29000},
        "full_day_hours": {"start": "07:00", "end": "18:00"},
        "am_hours": {"start": "07:00", "end": "11:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5, 6],
        "auto_confirm": False,
        "cancel_before_hours": 6,
        "description": "社会力量举办的营利性托育机构，提供多样化托育服务。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天230元；半日托每半天125元；计时托每小时55元；临时托每天290元。"
                "伙食费每日18元，按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，"
                "收费项目和标准以公示为准。"
            ),
            "care": (
                "招收6至36个月婴幼儿，设乳儿班（7个托位，保育人员3名）、托小班（11个托位，保育人员3名）、"
                "托大班（18个托位，保育人员3名），共36个托位。全日托07:00—18:00，半日托上午07:00—11:00、"
                "下午13:00—17:00；周一至周六开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：软米饭、清炖鸡腿、清炒菜心；周二：鲜虾馄饨、蒸蛋、苹果泥；周三：南瓜小米饭、"
                "鲅鱼丸子汤、拌黄瓜；周四：番茄肉酱面、西兰花；周五：二米饭、土豆烧排骨、紫菜汤。"
                "乳儿按月龄单独制作米糊、菜泥和肉泥。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与孙家疃街道社区卫生服务中心签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [
            {"kind": "infant", "name": "乳儿班", "places": 7, "caregivers": 3},
            {"kind": "toddler", "name": "托小班", "places": 11, "caregivers": 3},
            {"kind": "preschool", "name": "托大班", "places": 18, "caregivers": 3},
        ],
        "staff": [
            {
                "name": "夏亚楠",
                "id_number": "371002198910169803",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-08-15",
            },
            {
                "name": "鲁金凤",
                "id_number": "371002200007023701",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-11-10",
            },
            {
                "name": "车晓慧",
                "id_number": "371002199807245446",
                "role": "caregiver",
                "certificates": ["幼儿园教师资格证", "保育师证"],
                "last_record_check": "2026-03-24",
            },
            {
                "name": "徐洁",
                "id_number": "371002198211157547",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-03-24",
            },
            {
                "name": "王海霞",
                "id_number": "371002199809140023",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-11-08",
            },
            {
                "name": "张婷",
                "id_number": "371083198109065185",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-10-29",
            },
            {
                "name": "丛静",
                "id_number": "371003197604067923",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2025-12-15",
            },
            {
                "name": "鲁倩",
                "id_number": "37100219831219972X",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-10-03",
            },
            {
                "name": "丛雅琴",
                "id_number": "371002198808073629",
                "role": "caregiver",
                "certificates": ["保育师证", "健康证"],
                "last_record_check": "2026-10-14",
            },
            {
                "name": "殷艳",
                "id_number": "371002197903099662",
                "role": "caregiver",
                "certificates": ["育婴员（四级）"],
                "last_record_check": "2026-03-21",
            },
            {
                "name": "曲晨曦",
                "id_number": "371002200106084622",
                "role": "caregiver",
                "certificates": ["育婴员（四级）", "健康证"],
                "last_record_check": "2026-04-20",
            },
            {
                "name": "高芳",
                "id_number": "37100319781222492X",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-11-06",
            },
            {
                "name": "曲立军",
                "id_number": "37100219871212919X",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2025-12-24",
            },
            {
                "name": "司马国庆",
                "id_number": "371082197710077231",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-11-09",
            },
        ],
    },
    {
        "name": "北海度假区文旅企业职工托育园",
        "admin_username": "fac46",
        "credit_code": "91371002MA6C5KX00R",
        "address": "威海市环翠区逍遥路78号",
        "town": "环翠北海旅游度假区",
        "lat": 37.540741,
        "lng": 122.023406,
        "phone": "0631-5537296",
        "nature": "employer",
        "inclusive": False,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2025〕010号",
        "demonstration": False,
        "age_min_months": 18,
        "age_max_months": 36,
        "care_types": ["full_day", "half_day", "temporary"],
        "prices": {"full_day": 22000, "half_day": 13000, "temporary": 28000},
        "full_day_hours": {"start": "08:00", "end": "17:00"},
        "am_hours": {"start": "08:00", "end": "12:00"},
        "pm_hours": {"start": "13:00", "end": "17:00"},
        "open_weekdays": [1, 2, 3, 4, 5],
        "auto_confirm": True,
        "cancel_before_hours": 6,
        "description": "由用人单位举办的福利性托育机构，优先招收职工子女，余位向社会开放。",
        "disclosure": {
            "fees": (
                "收费实行市场调节价：全日托每天220元；半日托每半天130元；临时托每天280元。伙食费每日18元，"
                "按实际出勤结算；不收取赞助费、押金等与入托挂钩的其他费用，收费项目和标准以公示为准。"
            ),
            "care": (
                "招收18至36个月婴幼儿，设混合班（11个托位，保育人员3名），共11个托位。全日托08:00—17:00，"
                "半日托上午08:00—12:00、下午13:00—17:00；周一至周五开放，法定节假日休息、调休上班日照常开放。"
                "保育人员与婴幼儿配比符合国家标准。"
            ),
            "meals": (
                "周一：鸡肉蔬菜粥、清蒸鳕鱼、拌菠菜；周二：软米饭、黄焖鸡、冬瓜虾皮汤；周三：荠菜小馄饨、"
                "蒸南瓜、水果；周四：二米饭、胶东小炖鱼、木耳山药；周五：鸡蛋饼、紫菜蛋花汤、清炒娃娃菜。"
                "每日上午加水果，下午加奶制品或手工点心。食谱每周五在园内公示栏和小程序发布。"
            ),
            "health": (
                "婴幼儿入托前须完成入托体检，离托3个月以上返回时重新体检；每日晨午检和全日健康观察，"
                "按规定消毒并做好传染病防控。与孙家疃街道社区卫生服务中心签订医育结合服务协议，"
                "定期开展儿童保健和生长发育监测。"
            ),
            "safety": (
                "婴幼儿活动区域视频监控全覆盖，录像保存不少于90天；配备专职保安、一键报警和消防设施，"
                "每月开展消防和防震疏散演练。工作人员入职前及每年进行违法犯罪记录查询；婴幼儿实行实名接送。"
            ),
        },
        "classes": [{"kind": "mixed", "name": "混合班", "places": 11, "caregivers": 3}],
        "staff": [
            {
                "name": "吕秀华",
                "id_number": "371002198008248486",
                "role": "director",
                "certificates": ["托育机构负责人培训合格证", "保育师证"],
                "last_record_check": "2026-05-04",
            },
            {
                "name": "慕悦",
                "id_number": "371002197908135722",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-04-18",
            },
            {
                "name": "蔡璐",
                "id_number": "371002199712192345",
                "role": "caregiver",
                "certificates": ["婴幼儿发展引导员"],
                "last_record_check": "2026-04-13",
            },
            {
                "name": "汤玉洁",
                "id_number": "371002198705271366",
                "role": "caregiver",
                "certificates": ["保育师证", "育婴员（三级）"],
                "last_record_check": "2026-03-19",
            },
            {
                "name": "于海霞",
                "id_number": "371002198609309184",
                "role": "health",
                "certificates": ["护士执业证书", "托幼机构卫生保健人员培训合格证"],
                "last_record_check": "2026-07-22",
            },
            {
                "name": "谷明",
                "id_number": "371002197511295090",
                "role": "cook",
                "certificates": ["健康证", "中式烹调师（四级）"],
                "last_record_check": "2026-08-25",
            },
            {
                "name": "殷斌",
                "id_number": "371002198807014774",
                "role": "security",
                "certificates": ["保安员证"],
                "last_record_check": "2026-02-28",
            },
        ],
    },
]
