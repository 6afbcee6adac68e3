"""Common questions answered from the platform's own data: the ages a child can start (the class
rules), prices and free places near the follower's last location, how to book and cancel.

The questions and fixed answers are in bot/data/faq.json, so they can be reworded without code;
`{ages}` and `{prices}` in an answer are made here from the data.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.calendar import today_local
from backend.context import Resources
from backend.rules import MAX_AGE_MONTHS, MIN_AGE_MONTHS, class_rules
from bot.handlers import location, texts

FAQ_FILE = Path(__file__).resolve().parent.parent / "data" / "faq.json"
PRICE_RADIUS_M = 5000
PRICES_SHOWN = 3
PRICES_SCANNED = 20
# Per day for the care types booked by the day, per hour for hourly care (API.md "prices").
PRICE_UNITS = (
    ("full_day", "全日托", "天"),
    ("half_day", "半日托", "天"),
    ("hourly", "计时托", "小时"),
    ("temporary", "临时托", "天"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    keywords: tuple[str, ...]
    not_with: tuple[str, ...]
    answer: str

    def matches(self, question: str) -> bool:
        return any(word in question for word in self.keywords) and not any(
            word in question for word in self.not_with
        )


@functools.cache
def entries() -> tuple[Entry, ...]:
    data = json.loads(FAQ_FILE.read_text(encoding="utf-8"))
    return tuple(
        Entry(
            id=str(raw["id"]),
            keywords=tuple(raw["keywords"]),
            not_with=tuple(raw.get("not_with", ())),
            answer=str(raw["answer"]),
        )
        for raw in data["entries"]
    )


def match(question: str) -> Entry | None:
    return next((entry for entry in entries() if entry.matches(question)), None)


def ages_answer(mixed_ratio: int) -> str:
    rules = class_rules(mixed_ratio)
    classes = "；".join(
        f"{rule.label_zh} {rule.min_months}–{rule.max_months} 个月" for rule in rules.values()
    )
    return (
        f"托育机构招收 {MIN_AGE_MONTHS} 个月到 {MAX_AGE_MONTHS // 12} 周岁（{MAX_AGE_MONTHS} 个月）的婴幼儿，"
        f"按入托第一天的月龄分班：{classes}。"
        "各机构的招收月龄不同，在小程序机构页面可查看；预约时选好孩子，只显示适合的机构。"
    )


def _yuan(fen: int) -> str:
    return f"{fen / 100:.0f}" if fen % 100 == 0 else f"{fen / 100:.2f}"


def _price_text(prices: dict[str, Any]) -> str:
    shown = [
        f"{label}{_yuan(int(prices[code]))}元/{unit}"
        for code, label, unit in PRICE_UNITS
        if isinstance(prices.get(code), int)
    ]
    return "、".join(shown) or "价格待公布"


async def prices_answer(res: Resources, openid: str) -> str:
    from backend.geo.index import nearby_facilities

    found = await location.recalled_location(res, openid)
    if found is None:
        return "各机构的价格不同。" + texts.ASK_FOR_LOCATION + "我会告诉您附近机构的价格和今天的空位。"
    items = await nearby_facilities(
        res, found[0], found[1], PRICE_RADIUS_M, PRICES_SCANNED, date=today_local()
    )
    if not items:
        return f"您附近 {PRICE_RADIUS_M // 1000} 公里内没有可预约的托育机构。"
    lines = ["您附近的托育机构价格："]
    for index, item in enumerate(items[:PRICES_SHOWN], start=1):
        place = "今天有空位" if item.get("available") else "今天已满"
        lines.append(
            f"{index}. {location.short_name(item)} {location.distance_text(item.get('distance_m'))}"
            f"：{_price_text(item.get('prices') or {})} · {place}"
        )
    free = sum(1 for item in items if item.get("available"))
    lines.append(f"附近 {len(items)} 家中今天有空位的 {free} 家。在小程序中查看详情并预约。")
    return "\n".join(lines)


async def answer(res: Resources, entry: Entry, openid: str) -> str:
    text = entry.answer
    if "{ages}" in text:
        text = text.replace("{ages}", ages_answer(res.settings.mixed_class_ratio))
    if "{prices}" in text:
        text = text.replace("{prices}", await prices_answer(res, openid))
    return text
