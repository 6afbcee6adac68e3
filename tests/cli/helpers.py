"""Running the real `tuoyu` command against the test stack's database and Redis."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from tests.conftest import Stack


async def run_tuoyu(stack: Stack, *args: str, timeout_s: float = 300) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "miniprogram_api.cli", *args],
        cwd=stack.var_dir.parent,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
