"""The one factory of a worker's resources: the app, the push worker, the CLI, the tests, the bench."""

from __future__ import annotations

from backend.context import Resources
from backend.infra.db import close_db, init_db
from backend.infra.redis import create_queue, create_redis
from config.settings import Settings


async def open_resources(settings: Settings, *, queue: bool = True) -> Resources:
    """Connects the database (Tortoise's connections of this process) and Redis; with `queue`,
    also the arq queue that after-commit effects dispatch into."""
    await init_db(settings)
    return Resources(
        settings=settings,
        redis=create_redis(settings),
        queue=await create_queue(settings) if queue else None,
    )


async def close_resources(res: Resources) -> None:
    await res.aclose()
    await close_db()
