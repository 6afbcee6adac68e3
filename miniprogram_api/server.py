"""The entry point that serves the mini-program API and the official-account bot in one app.

This is the one module allowed to know both sides (see the import-linter contract).
"""

from __future__ import annotations

from typing import Any

from sanic import Sanic

from bot.entry import bot_blueprints, create_wechat_gateway
from config.settings import Settings, get_settings
from miniprogram_api.app import create_app


def build_app(settings: Settings | None = None) -> Sanic[Any, Any]:
    settings = settings or get_settings()
    return create_app(
        settings,
        extra_blueprints=bot_blueprints(),
        wechat_gateway_factory=create_wechat_gateway,
    )
