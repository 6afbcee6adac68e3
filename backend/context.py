"""The per-worker resources every service call works with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import redis.asyncio as aioredis

from backend.wechat_gateway import WechatGateway
from config.settings import Settings

if TYPE_CHECKING:
    from arq.connections import ArqRedis


@dataclass
class Resources:
    settings: Settings
    redis: aioredis.Redis
    queue: ArqRedis | None = None
    wechat: WechatGateway | None = None
    extras: dict[str, object] = field(default_factory=dict)

    def key(self, *parts: object) -> str:
        return self.settings.redis_key_prefix + ":".join(str(p) for p in parts)


@dataclass(frozen=True)
class Caller:
    """Who is asking: resolved from the bearer token by the web layer, passed to services."""

    account_id: str
    role: str
    facility_id: str | None = None
