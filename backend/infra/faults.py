"""Faults of the backing services: which exceptions mean Redis or the database is not answering,
and logging them as one line per kind per minute rather than a traceback per request.

A Redis that died or hangs, or a database that restarts, makes every request fail at once; a
traceback for each would bury the one line that says what happened (issue 13: 1,400 tracebacks in
20 s). The web layer answers such a fault 503 `unavailable` with Retry-After and notes it here.
"""

from __future__ import annotations

import logging
import threading
import time

import asyncpg
import redis.exceptions
from tortoise.exceptions import DBConnectionError

log = logging.getLogger("tuoyu.faults")

LOG_PERIOD_S = 60.0
# When to try again: the supervised Redis is back within a second or two; a database restart
# takes a few seconds more.
REDIS_RETRY_AFTER_S = 2
DATABASE_RETRY_AFTER_S = 5


def redis_fault_kind(exc: BaseException) -> str | None:
    # BusyLoadingError is a ConnectionError and TimeoutError a RedisError: most specific first.
    if isinstance(exc, redis.exceptions.BusyLoadingError):
        return "redis-loading"
    if isinstance(exc, redis.exceptions.TimeoutError):
        return "redis-timeout"
    if isinstance(exc, redis.exceptions.ConnectionError):
        return "redis-connection"
    if isinstance(exc, redis.exceptions.RedisError):
        return "redis-error"
    return None


def database_fault_kind(exc: BaseException) -> str | None:
    if isinstance(exc, DBConnectionError):
        return "database-connection"
    # Redis and WeChat errors arrive wrapped by their clients; a bare socket error or timeout
    # reaching the web layer comes from the database driver connecting (asyncpg raises them as is).
    if isinstance(exc, ConnectionError):
        return "database-connection"
    if isinstance(exc, TimeoutError):
        return "database-timeout"
    return _asyncpg_fault_kind(exc)


def _asyncpg_fault_kind(exc: BaseException) -> str | None:
    if isinstance(exc, asyncpg.exceptions.CannotConnectNowError):
        return "database-starting"
    if isinstance(
        exc,
        asyncpg.exceptions.ConnectionDoesNotExistError
        | asyncpg.exceptions.AdminShutdownError
        | asyncpg.exceptions.CrashShutdownError
        | asyncpg.exceptions.ConnectionFailureError
        | asyncpg.exceptions.TooManyConnectionsError
        | asyncpg.exceptions.InterfaceError
        # A connection the server shut down in the middle of a query is left mid-protocol, and
        # the next query on it says so before the pool drops it (seen on a fast shutdown).
        | asyncpg.exceptions.InternalClientError,
    ):
        return "database-connection"
    return None


def fault_kind(exc: BaseException) -> str | None:
    """The kind of backing-service fault `exc` is (and of any exception it was raised from)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = redis_fault_kind(current) or database_fault_kind(current)
        if kind is not None:
            return kind
        current = current.__cause__ or current.__context__
    return None


def retry_after_s(kind: str) -> int:
    return DATABASE_RETRY_AFTER_S if kind.startswith("database") else REDIS_RETRY_AFTER_S


class ThrottledLog:
    """At most one line per kind per period; the next line says how many were left out."""

    def __init__(self, logger: logging.Logger, period_s: float = LOG_PERIOD_S) -> None:
        self._logger = logger
        self._period_s = period_s
        self._last: dict[str, float] = {}
        self._left_out: dict[str, int] = {}
        self._lock = threading.Lock()

    def note(self, kind: str, message: str) -> bool:
        """Logs `message` for `kind` unless one was logged within the period; answers whether it did."""
        now = time.monotonic()
        with self._lock:
            last = self._last.get(kind)
            if last is not None and now - last < self._period_s:
                self._left_out[kind] = self._left_out.get(kind, 0) + 1
                return False
            self._last[kind] = now
            left_out = self._left_out.pop(kind, 0)
        suffix = f" ({left_out} more since the last line)" if left_out else ""
        self._logger.warning("%s%s; further %s faults this minute are not logged", message, suffix, kind)
        return True


faults = ThrottledLog(log)


def note_fault(exc: BaseException, doing: str) -> str | None:
    """Logs a backing-service fault met while `doing` (one line per kind per minute) and answers
    its kind; answers None, logging nothing, when `exc` is no such fault (the caller decides)."""
    kind = fault_kind(exc)
    if kind is not None:
        faults.note(kind, f"{kind} while {doing}: {type(exc).__name__}: {str(exc)[:200]}")
    return kind


class LibraryFaultFilter(logging.Filter):
    """Turns a library's own log record of a backing-service fault into the throttled fault line.

    asyncpg's pool logs a warning with a full traceback on every failed try to restore its
    connection floor while the database is down: dozens of tracebacks a minute per worker.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and note_fault(error, f"{record.name}: {record.getMessage()}") is not None:
            return False
        return True


_LIBRARIES_THAT_LOG_FAULTS = ("asyncpg.pool",)


def quiet_library_fault_logs() -> None:
    """Installs the filter once on each library logger known to log faults with tracebacks."""
    for name in _LIBRARIES_THAT_LOG_FAULTS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, LibraryFaultFilter) for existing in logger.filters):
            logger.addFilter(LibraryFaultFilter())
