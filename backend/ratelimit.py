"""Fixed-window rate limits counted in Redis, shared by every worker."""

from __future__ import annotations

from backend.context import Resources


async def hit(res: Resources, scope: str, subject: str, window_s: int) -> int:
    """Counts one event in the current window and answers the count so far."""
    key = res.key("rl", scope, subject)
    # SET NX EX opens the window with its expiry and INCR counts, atomically in one MULTI; unlike
    # EXPIRE ... NX this works on Redis 6.2, the embedded server's version.
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.set(key, 0, ex=window_s, nx=True)
        pipe.incr(key)
        _, count = await pipe.execute()
    return int(count)


async def count(res: Resources, scope: str, subject: str) -> int:
    value = await res.redis.get(res.key("rl", scope, subject))
    return int(value) if value else 0


async def give_back(res: Resources, scope: str, subject: str) -> None:
    """Uncounts one event of the current window: for an attempt that was never judged."""
    key = res.key("rl", scope, subject)
    # Only while the window lives: DECR on an expired key would make a count of -1 with no expiry.
    if await res.redis.exists(key):
        await res.redis.decr(key)


async def reset(res: Resources, scope: str, subject: str) -> None:
    await res.redis.delete(res.key("rl", scope, subject))


async def hold(res: Resources, scope: str, subject: str, seconds: int) -> None:
    """Starts (or restarts) a pause of `seconds` for the subject."""
    await res.redis.set(res.key("rl", scope, subject), 1, ex=seconds)


async def take_turn(res: Resources, scope: str, subject: str, seconds: int) -> int | None:
    """Takes the subject's turn if no pause runs (starting one); else answers the seconds left."""
    key = res.key("rl", scope, subject)
    if await res.redis.set(key, 1, ex=seconds, nx=True):
        return None
    return await seconds_left(res, scope, subject)


async def seconds_left(res: Resources, scope: str, subject: str) -> int:
    return max(1, int(await res.redis.ttl(res.key("rl", scope, subject))))
