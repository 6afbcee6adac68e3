"""`订阅` / `退订`: the follower's policy-news subscription."""

from __future__ import annotations

from typing import Any

from backend.context import Resources
from backend.push.followers import set_policy_news
from bot.handlers import texts

SUBSCRIBE_WORDS = frozenset({"订阅", "订阅政策", "订阅推送", "订阅政策推送"})
UNSUBSCRIBE_WORDS = frozenset({"退订", "取消订阅", "退订政策", "退订推送", "取消推送", "TD"})


async def subscribe(res: Resources, message: Any) -> str:
    changed = await set_policy_news(message.source, True)
    return texts.SUBSCRIBED if changed else texts.ALREADY_SUBSCRIBED


async def unsubscribe(res: Resources, message: Any) -> str:
    changed = await set_policy_news(message.source, False)
    return texts.UNSUBSCRIBED if changed else texts.NOT_SUBSCRIBED
