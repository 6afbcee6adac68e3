"""Resolving the caller from the bearer token, and role checks."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from sanic import Request
from sanic.response import HTTPResponse

from backend.auth.sessions import resolve_token
from backend.context import Caller, Resources
from backend.errors import Forbidden, Unauthorized

Handler = Callable[..., Awaitable[HTTPResponse]]
# The tokens we issue are URL-safe base64 (secrets.token_urlsafe); anything else, a non-ASCII byte
# above all, is no token of ours and is refused before it is hashed or looked up.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,256}")


def resources(request: Request) -> Resources:
    res: Resources = request.app.ctx.res
    return res


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def current_caller(request: Request) -> Caller:
    token = bearer_token(request)
    if token is None:
        raise Unauthorized("Send Authorization: Bearer <token>.")
    if not _TOKEN_SHAPE.fullmatch(token):
        raise Unauthorized("The token is unknown or has expired.")
    caller = await resolve_token(resources(request), token)
    if caller is None:
        raise Unauthorized("The token is unknown or has expired.")
    request.ctx.caller = caller
    request.ctx.token = token
    return caller


def require(*roles: str) -> Callable[[Handler], Handler]:
    """Resolves the caller (401 without a valid token) and checks the role (403 otherwise)."""

    def decorator(handler: Handler) -> Handler:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            caller = await current_caller(request)
            if roles and caller.role not in roles:
                raise Forbidden(f"This needs the role {' or '.join(roles)}.")
            return await handler(request, *args, **kwargs)

        return wrapper

    return decorator


def caller_of(request: Request) -> Caller:
    caller: Caller = request.ctx.caller
    return caller
