"""Opaque bearer tokens kept in Redis, so logout ends a session on every worker and host at once."""

from __future__ import annotations

import json

from backend.context import Caller, Resources
from backend.security import new_token, token_digest


def _token_key(res: Resources, token: str) -> str:
    return res.key("session", token_digest(token))


def _account_sessions_key(res: Resources, account_id: str) -> str:
    return res.key("account-sessions", account_id)


async def issue_token(res: Resources, caller: Caller) -> tuple[str, int]:
    token = new_token()
    ttl = res.settings.token_ttl_seconds
    value = json.dumps({"a": caller.account_id, "r": caller.role, "f": caller.facility_id})
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.set(_token_key(res, token), value, ex=ttl)
        pipe.sadd(_account_sessions_key(res, caller.account_id), token_digest(token))
        pipe.expire(_account_sessions_key(res, caller.account_id), ttl)
        await pipe.execute()
    return token, ttl


async def resolve_token(res: Resources, token: str) -> Caller | None:
    raw = await res.redis.get(_token_key(res, token))
    if raw is None:
        return None
    data = json.loads(raw)
    return Caller(account_id=data["a"], role=data["r"], facility_id=data.get("f"))


async def revoke_token(res: Resources, token: str, account_id: str) -> None:
    async with res.redis.pipeline(transaction=True) as pipe:
        pipe.delete(_token_key(res, token))
        pipe.srem(_account_sessions_key(res, account_id), token_digest(token))
        await pipe.execute()


async def revoke_all_sessions(res: Resources, account_id: str) -> None:
    """Ends every session of an account (a disabled account, a removed staff member)."""
    digests: set[str] = await res.redis.smembers(_account_sessions_key(res, account_id))  # type: ignore[misc]
    keys = [res.key("session", d) for d in digests]
    if keys:
        await res.redis.delete(*keys)
    await res.redis.delete(_account_sessions_key(res, account_id))


async def revoke_other_sessions(res: Resources, account_id: str, keep_token: str) -> None:
    """Ends every session of an account but the one asking (a changed password)."""
    kept = token_digest(keep_token)
    digests: set[str] = await res.redis.smembers(_account_sessions_key(res, account_id))  # type: ignore[misc]
    others = [d for d in digests if d != kept]
    if others:
        async with res.redis.pipeline(transaction=True) as pipe:
            pipe.delete(*[res.key("session", d) for d in others])
            pipe.srem(_account_sessions_key(res, account_id), *others)
            await pipe.execute()
