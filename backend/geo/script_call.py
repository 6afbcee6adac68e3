"""One EVALSHA with less of redis-py around it, for the search scripts that run on every request.

redis-py's generic path (AsyncScript -> execute_command) costs more than the round trip itself at
search rates (bench/PROFILE.md "## Search"): each argument goes through the Encoder, each call
takes a connection from the pool (which polls the socket with a zero timeout to see it is clean),
wraps the exchange in Retry.call_with_retry, and on Python 3.11 sends through asyncio.wait_for,
which makes a Task per command. Here the command is packed in one join, idle connections are kept
by the script itself, and the write goes to the transport without wait_for: a ~1 KB command fits
the socket buffer at once, and the read after it is bounded by the socket timeout, so a Redis
that stops answering still fails within that timeout.

What stays as it was: a connection error is retried once on a fresh connection (the client's
Retry: a connection pooled before a Redis restart fails once); a timeout is not retried; NOSCRIPT
loads the script and runs it again; every fault leaves as redis-py's own exceptions (ConnectionError,
TimeoutError, ResponseError), which the web layer answers as 503 like any other Redis fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import redis.asyncio as aioredis
from redis.asyncio.connection import AbstractConnection
from redis.commands.core import AsyncScript
from redis.exceptions import ConnectionError, NoScriptError

_CRLF = b"\r\n"


def _bulk(value: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(value), value)


def pack_evalsha(sha: str, keys: Sequence[str], args: Sequence[str]) -> bytes:
    """EVALSHA sha numkeys keys... args... in the Redis protocol, as one bytes object."""
    parts = [b"*%d\r\n$7\r\nEVALSHA\r\n" % (3 + len(keys) + len(args)), _bulk(sha.encode())]
    parts.append(_bulk(str(len(keys)).encode()))
    parts.extend(_bulk(item.encode()) for item in keys)
    parts.extend(_bulk(item.encode()) for item in args)
    return b"".join(parts)


class LeanScript(AsyncScript):
    """A registered script whose calls take the short path above; still an AsyncScript (its sha,
    its source, and `registered_client` for the rest of redis-py)."""

    def __init__(self, registered_client: aioredis.Redis, script: str) -> None:
        super().__init__(registered_client, script)
        # Connections taken from the client's pool once and kept here between calls, so the pool
        # still knows them (closing the client closes them) but is not asked on every call.
        self._idle: list[AbstractConnection] = []

    async def __call__(  # type: ignore[override]
        self, keys: Sequence[str] | None = None, args: Sequence[str] | None = None, client: Any = None
    ) -> Any:
        if client is not None:  # another client or a pipeline: redis-py's own path
            return await super().__call__(keys, args, client)
        keys = keys or []
        args = args or []
        conn = self._idle.pop() if self._idle else self._new_connection()
        try:
            try:
                return await self._exchange(conn, pack_evalsha(self.sha, keys, args))
            except NoScriptError:
                # Redis restarted without its scripts (or another server answers): load and retry once.
                self.sha = await self.registered_client.script_load(self.script)
                return await self._exchange(conn, pack_evalsha(self.sha, keys, args))
        finally:
            self._idle.append(conn)

    def _new_connection(self) -> AbstractConnection:
        # Not the pool's get_connection: that connects under the pool's lock, one connection at a
        # time, and a burst of requests (64 at once when a load starts) then waited seconds in line
        # behind each other's connects. The pool still counts the connection as in use (closing the
        # client closes it); it connects on its first exchange, alongside the others.
        connection: AbstractConnection = self.registered_client.connection_pool.get_available_connection()  # type: ignore[no-untyped-call]
        return connection

    async def _exchange(self, conn: AbstractConnection, command: bytes) -> Any:
        try:
            return await self._send_and_read(conn, command)
        except ConnectionError:
            # As the client's Retry(NoBackoff(), 1) on ConnectionError: once more on a fresh connection.
            await conn.disconnect()
            return await self._send_and_read(conn, command)

    @staticmethod
    async def _send_and_read(conn: AbstractConnection, command: bytes) -> Any:
        if not conn.is_connected:
            await conn.connect()  # type: ignore[no-untyped-call]
        else:
            await conn.check_health()  # type: ignore[no-untyped-call]
        try:
            writer = conn._writer
            assert writer is not None
            writer.write(command)
            # Returns at once unless the transport's buffer is above its high-water mark.
            await writer.drain()
        except OSError as exc:
            await conn.disconnect(nowait=True)
            raise ConnectionError(f"Error while writing to socket: {exc}") from exc
        except BaseException:
            # Cancelled (the client went away) or anything else half way: the reply would be left
            # unread on this connection, so drop it; the next call connects afresh.
            await conn.disconnect(nowait=True)
            raise
        # Bounded by the socket timeout; disconnects on any error, so no reply is left unread.
        return await conn.read_response()
