"""What the bot contributes to the one process that serves everything."""

from __future__ import annotations

from sanic import Blueprint

from backend.context import Resources
from backend.wechat_gateway import WechatGateway
from config.settings import Settings


def bot_blueprints() -> list[Blueprint]:
    return []


async def create_wechat_gateway(settings: Settings, res: Resources) -> WechatGateway | None:
    return None
