"""`tuoyu serve` never leaves its embedded Redis behind, whatever signal ends it (issue 13): on
SIGTERM and SIGINT it stops Redis as it shuts down, and on SIGKILL (which it cannot catch) Redis
goes by the parent-death signal it was started with."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.conftest import Stack
from tests.miniprogram_api.fault_server import FaultServer, pid_alive

GONE_WITHIN_S = 20


def wait_gone(pid: int) -> bool:
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline:
        if not pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_the_embedded_redis_goes_with_the_server(
    stack: Stack, tmp_path: Path, signum: signal.Signals
) -> None:
    server = FaultServer(stack, tmp_path / "var")
    try:
        server.wait_ready()
        redis_pid = server.redis_pid()
        # The server process alone, as a supervisor or the kernel's OOM killer would signal it.
        os.kill(server.process.pid, signum)
        server.process.wait(timeout=GONE_WITHIN_S)
        assert wait_gone(redis_pid), f"Redis {redis_pid} outlived the server ({signum.name})"
    finally:
        server.stop(signal.SIGKILL)
