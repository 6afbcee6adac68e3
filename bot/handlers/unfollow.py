"""An unfollow (the `unsubscribe` event) ends the follower's subscriptions; WeChat shows no reply."""

from __future__ import annotations

from typing import Any

from backend.context import Resources
from backend.push.followers import record_unfollow


async def handle_unfollow(res: Resources, message: Any) -> None:
    await record_unfollow(message.source)
    return None
