"""`tuoyu serve` never leaves its embedded Redis or its worker processes behind, whatever signal
ends it (issue 13): on SIGTERM and SIGINT it stops them as it shuts down, and on SIGKILL (which it
cannot catch) they go by the parent-death signal each was started with."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Stack
from tests.miniprogram_api.fault_server import FaultServer, pid_alive

# A worker whose server died gets SIGTERM from the kernel and shuts down gracefully: Sanic waits up
# to 15 s for requests in flight, then the worker closes its pools. With the suite on two processes
# a loaded machine once took longer than 20 s; the bound is on ending at all, not on speed.
GONE_WITHIN_S = 45


def processes_of_session(session_id: int) -> list[int]:
    """Every live process in the session the server was started in (itself, workers, Redis)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and pid_alive(int(entry.name)):
            try:
                if os.getsid(int(entry.name)) == session_id:
                    pids.append(int(entry.name))
            except ProcessLookupError:
                continue
    return pids


def wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


def assert_nothing_left(server: FaultServer) -> None:
    """No process of the server's session (workers, Redis) outlives it for long."""
    deadline = time.monotonic() + GONE_WITHIN_S
    while processes_of_session(server.process.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = processes_of_session(server.process.pid)
    assert left == [], [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in left]


@pytest.fixture
def server(stack: Stack, tmp_path: Path) -> Iterator[FaultServer]:
    server = FaultServer(stack, tmp_path / "var")
    try:
        yield server
    finally:
        server.stop(signal.SIGKILL)


def signal_server(server: FaultServer, signum: signal.Signals) -> None:
    """Signals the server process alone, as a supervisor or the kernel's OOM killer would, and
    waits for it to end."""
    os.kill(server.process.pid, signum)
    server.process.wait(timeout=GONE_WITHIN_S)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_the_embedded_redis_goes_with_the_server(server: FaultServer, signum: signal.Signals) -> None:
    server.wait_ready()
    redis_pid = server.redis_pid()
    signal_server(server, signum)
    assert wait_gone(redis_pid), f"Redis {redis_pid} outlived the server ({signum.name})"
    assert_nothing_left(server)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name)
def test_a_server_signalled_while_its_workers_start_still_ends(
    server: FaultServer, signum: signal.Signals
) -> None:
    deadline = time.monotonic() + GONE_WITHIN_S
    while "Starting worker" not in server.log() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Worker ready" not in server.log(), "the worker was ready before the signal"
    signal_server(server, signum)
    assert_nothing_left(server)
