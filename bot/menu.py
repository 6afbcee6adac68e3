"""The official account's menu; its click keys route to the same handlers as the words."""

from __future__ import annotations

from typing import Any

from bot.handlers import KEY_HELP, KEY_NEARBY, KEY_POLICY_HELP, KEY_SUBSCRIBE, KEY_UNSUBSCRIBE
from bot.wechat_client import WechatClient
from config.settings import Settings

MENU: dict[str, Any] = {
    "button": [
        {
            "name": "找托育",
            "sub_button": [
                # The picker sends the chosen place as a location message, answered at once.
                {"type": "location_select", "name": "发送位置查附近", "key": "SEND_LOCATION"},
                {"type": "click", "name": "附近母婴室和托育", "key": KEY_NEARBY},
            ],
        },
        {
            "name": "政策",
            "sub_button": [
                {"type": "click", "name": "政策问答", "key": KEY_POLICY_HELP},
                {"type": "click", "name": "订阅政策推送", "key": KEY_SUBSCRIBE},
                {"type": "click", "name": "退订政策推送", "key": KEY_UNSUBSCRIBE},
            ],
        },
        {"type": "click", "name": "使用帮助", "key": KEY_HELP},
    ]
}


async def create_menu(settings: Settings) -> None:
    """Creates (replaces) the menu through WeChat's API."""
    client = WechatClient(settings)
    try:
        await client.create_menu(MENU)
    finally:
        await client.close()
