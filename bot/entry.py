"""What the bot contributes to the one process that serves everything."""

from __future__ import annotations

from sanic import Blueprint

from backend.context import Resources
from backend.wechat_gateway import WechatGateway
from bot.wechat_client import WechatClient
from config.settings import Settings


def bot_blueprints() -> list[Blueprint]:
    from bot.official import bp

    return [bp]


async def create_wechat_gateway(settings: Settings, res: Resources) -> WechatGateway | None:
    client = WechatClient(settings)
    res.on_close(client.close)
    return client
