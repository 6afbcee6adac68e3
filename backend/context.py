"""The per-worker resources every service call works with."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import redis.asyncio as aioredis
from redis.commands.core import AsyncScript

from backend.wechat_gateway import WechatGateway
from config.settings import Settings

if TYPE_CHECKING:
    from arq.connections import ArqRedis

    from backend.policies.service import PolicyCatalogue

log = logging.getLogger(__name__)

Closer = Callable[[], Awaitable[None]]


@dataclass
class Resources:
    """What one worker process holds: its settings, its clients, and caches of its own.

    Made by `backend.infra.resources.open_resources` (the app, the push worker, the CLI, the tests
    and the benchmarks alike). The caches are only ever copies of what lives in the database or
    Redis, each checked against a version there: nothing another worker would need is kept here.
    """

    settings: Settings
    redis: aioredis.Redis
    queue: ArqRedis | None = None
    wechat: WechatGateway | None = None
    # Lua scripts registered on this worker's Redis client, by name.
    scripts: dict[str, AsyncScript] = field(default_factory=dict)
    # The published policies' search index, rebuilt when their version in Redis moves.
    policy_catalogue: PolicyCatalogue | None = None
    policy_catalogue_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    closers: list[Closer] = field(default_factory=list)

    def key(self, *parts: object) -> str:
        return self.settings.redis_key_prefix + ":".join(str(p) for p in parts)

    def on_close(self, closer: Closer) -> None:
        """Something of this worker to close with it (a WeChat client's threads), last in first out."""
        self.closers.append(closer)

    async def aclose(self) -> None:
        """Closes what was added with on_close, then the queue and the Redis client."""
        closers, self.closers = self.closers, []
        for closer in reversed(closers):
            try:
                await closer()
            except Exception:  # one that fails must not keep the rest open
                log.warning("closing a resource failed", exc_info=True)
        if self.queue is not None:
            await self.queue.aclose()
        await self.redis.aclose()


@dataclass(frozen=True)
class Caller:
    """Who is asking: resolved from the bearer token by the web layer, passed to services."""

    account_id: str
    role: str
    facility_id: str | None = None
