"""The send rate shared by every worker: a token bucket in Redis.

WeChat limits how fast an app may call its message APIs; several workers on several hosts must stay
under that together, so the bucket lives in Redis and is taken atomically by a Lua script on
Redis's own clock (hosts' clocks need not agree).
"""

from __future__ import annotations

import asyncio

from backend.context import Resources

# Answers 0 when a token was taken, else the milliseconds until one will be there.
_TAKE = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 60000)
return wait
"""


async def take(res: Resources, max_wait_s: float) -> float:
    """Takes one send token, waiting up to max_wait_s; answers 0, or how long until one is due."""
    rate = res.settings.push_rate_per_s
    burst = max(1.0, rate)  # at most a second's worth at once
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max_wait_s
    while True:
        bucket = res.key("push", "bucket")
        wait_ms = int(await res.redis.eval(_TAKE, 1, bucket, str(rate), str(burst)))  # type: ignore[misc]
        if wait_ms <= 0:
            return 0.0
        wait_s = wait_ms / 1000
        if loop.time() + wait_s > deadline:
            return wait_s
        await asyncio.sleep(wait_s)
