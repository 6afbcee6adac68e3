"""The job queues of the push worker and how to reach them.

Queue names carry the deployment's Redis key prefix, so deployments (and test sessions) sharing a
Redis server never take each other's jobs. Sends have a queue of their own, with short job
timeouts so a job left behind by a killed worker is picked up again quickly (arq re-runs a job
once its in-progress marker, job timeout + 10 s, has expired); the cron jobs run from another.
"""

from __future__ import annotations

from arq.connections import RedisSettings

from backend.infra.redis import redis_url
from config.settings import Settings


def push_queue_name(settings: Settings) -> str:
    return f"{settings.redis_key_prefix}arq:push"


def maintenance_queue_name(settings: Settings) -> str:
    return f"{settings.redis_key_prefix}arq:maintenance"


def arq_redis_settings(settings: Settings) -> RedisSettings:
    url = redis_url(settings)
    if url.startswith("unix://"):
        return RedisSettings(unix_socket_path=url[len("unix://") :])
    return RedisSettings.from_dsn(url)


def send_timeout_s(settings: Settings) -> float:
    """How long one send may take: a token fetch, the send, and one refresh and resend after a
    token error, each bounded by the WeChat timeout, plus room for the database."""
    return settings.wechat_timeout_seconds * 4 + 5


def lease_ttl_s(settings: Settings) -> float:
    # Longer than any live send (arq cancels a job after send_timeout_s), so a lease that expired
    # belongs to a sender that is gone.
    return send_timeout_s(settings) + 10
