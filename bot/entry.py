"""What the bot contributes to the one process that serves everything."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sanic import Blueprint

from backend.context import Resources
from backend.wechat_gateway import WechatGateway
from bot.wechat_client import WechatClient
from config.settings import Settings


def bot_blueprints() -> list[Blueprint]:
    from bot.official import bp

    return [bp]


def chain_close(res: Resources, closer: Callable[[], Awaitable[None]]) -> None:
    """Adds a closer to res.extras["close"] (one callable), keeping any closer already there."""
    previous = res.extras.get("close")

    async def close_all() -> None:
        try:
            await closer()
        finally:
            if callable(previous):
                await previous()

    res.extras["close"] = close_all


async def create_wechat_gateway(settings: Settings, res: Resources) -> WechatGateway | None:
    client = WechatClient(settings)
    chain_close(res, client.close)
    return client
