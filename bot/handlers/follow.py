"""A follow (the `subscribe` event): a welcome listing what the bot can do, and the Follower row.

A follow from a parametric QR code carries its scene (`EventKey` `qrscene_<scene>`; wechatpy strips
the prefix and calls the event `subscribe_scan`). The scene is kept on the Follower to know which
poster or desk brought them; a scene that asks for policy news subscribes them at once.
"""

from __future__ import annotations

from typing import Any

from backend.context import Resources
from backend.push.followers import record_follow, set_policy_news
from bot.handlers import texts

# QR codes printed for policy news (bureau notices, community posters) carry one of these scenes.
POLICY_NEWS_SCENES = frozenset({"policy", "policy_news"})
QR_SCENE_PREFIX = "qrscene_"


def scene_of(message: Any) -> str | None:
    raw = message._data.get("EventKey")
    if not isinstance(raw, str) or not raw:
        return None
    scene = raw[len(QR_SCENE_PREFIX) :] if raw.startswith(QR_SCENE_PREFIX) else raw
    return scene or None


async def handle_follow(res: Resources, message: Any) -> str:
    scene = scene_of(message)
    follower = await record_follow(message.source, scene=scene)
    reply = texts.WELCOME
    if scene in POLICY_NEWS_SCENES:
        await set_policy_news(follower.openid, True)
        reply += "\n\n" + texts.SUBSCRIBED_BY_SCENE
    return reply


async def handle_scan(res: Resources, message: Any) -> str:
    """A follower scanned one of our QR codes again: same as a follow, without a new welcome."""
    scene = scene_of(message)
    await record_follow(message.source, scene=scene)
    if scene in POLICY_NEWS_SCENES:
        await set_policy_news(message.source, True)
        return texts.SUBSCRIBED
    return texts.WELCOME_BACK
