"""Routing an inbound official-account message to its handler; a handler answers the reply text,
or None for `success` (no reply)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from backend.context import Resources
from bot.handlers import faq, follow, location, policy, subscription, texts, unfollow

Handler = Callable[[Resources, Any], Awaitable[str | None]]

# Menu click keys (bot/menu.py builds the menu from these).
KEY_NEARBY = "NEARBY"
KEY_POLICY_HELP = "POLICY_HELP"
KEY_SUBSCRIBE = "POLICY_SUBSCRIBE"
KEY_UNSUBSCRIBE = "POLICY_UNSUBSCRIBE"
KEY_HELP = "HELP"

NEARBY_WORDS = frozenset({"母婴室", "托育", "附近", "附近托育", "附近母婴室"})
HELP_WORDS = frozenset({"帮助", "help", "HELP", "?", "？", "菜单"})
# A greeting or a thank-you is no question: the help text says what can be asked.
GREETINGS = frozenset(
    {"你好", "您好", "你好呀", "您好呀", "hi", "hello", "在吗", "在么", "在不在", "早上好", "晚上好",
     "谢谢", "谢谢你", "多谢", "感谢", "好的", "嗯", "哈喽", "嗨"}
)  # fmt: skip


def _is_greeting(content: str) -> bool:
    return content.strip("!！。.,，~～ ").lower() in GREETINGS


async def _help(res: Resources, message: Any) -> str:
    return texts.CAPABILITIES


async def _policy_help(res: Resources, message: Any) -> str:
    return f"请直接发送您想了解的政策问题，如「育儿补贴怎么领」。{texts.POLICY_SUGGESTIONS}"


async def _nearby(res: Resources, message: Any) -> str:
    answer = await location.answer_for_remembered(res, message)
    return answer if answer is not None else texts.ASK_FOR_LOCATION


async def _text(res: Resources, message: Any) -> str | None:
    content = str(message.content or "").strip()
    if not content:
        return texts.CAPABILITIES
    if content in subscription.UNSUBSCRIBE_WORDS:
        return await subscription.unsubscribe(res, message)
    if content in subscription.SUBSCRIBE_WORDS:
        return await subscription.subscribe(res, message)
    if content in HELP_WORDS or _is_greeting(content):
        return texts.CAPABILITIES
    if content in NEARBY_WORDS:
        answer = await location.answer_for_remembered(res, message)
        if answer is not None:
            return answer
        if content == "母婴室" or content.startswith("附近"):
            return texts.ASK_FOR_LOCATION
        # `托育` without a location is also a policy keyword: answer the policy, hint the location.
        answered = await policy.answer_question(res, content)
        return (answered or texts.CAPABILITIES) + "\n" + texts.LOCATION_HINT
    entry = faq.match(content)
    if entry is not None:
        return await faq.answer(res, entry, str(message.source))
    # Anything no article answers gets the help text, not "nothing found about 「…」".
    return await policy.handle_question(res, message) or texts.CAPABILITIES


CLICK_HANDLERS: dict[str, Handler] = {
    KEY_NEARBY: _nearby,
    KEY_POLICY_HELP: _policy_help,
    KEY_SUBSCRIBE: subscription.subscribe,
    KEY_UNSUBSCRIBE: subscription.unsubscribe,
    KEY_HELP: _help,
}


async def _click(res: Resources, message: Any) -> str | None:
    handler = CLICK_HANDLERS.get(str(message._data.get("EventKey") or ""))
    return await handler(res, message) if handler is not None else None


MESSAGE_HANDLERS: dict[str, Handler] = {
    "text": _text,
    "location": location.handle_location_message,
}
EVENT_HANDLERS: dict[str, Handler] = {
    "subscribe": follow.handle_follow,
    "subscribe_scan": follow.handle_follow,
    "scan": follow.handle_scan,
    "unsubscribe": unfollow.handle_unfollow,
    "location": location.handle_location_event,
    "location_select": location.handle_location_select,
    "click": _click,
}


def handler_for(message: Any) -> Handler | None:
    """The handler of a parsed message (wechatpy's class tells its type), or None: answer success."""
    if message.type == "event":
        return EVENT_HANDLERS.get(str(message.event).lower())
    return MESSAGE_HANDLERS.get(str(message.type))


async def route(res: Resources, message: Any) -> str | None:
    handler = handler_for(message)
    return await handler(res, message) if handler is not None else None
