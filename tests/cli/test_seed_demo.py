"""`tuoyu seed-demo`, run as the real command against the test stack's database and Redis."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from backend.context import Resources
from backend.models import Facility
from backend.seed.demo_data import demo_data
from tests.conftest import Stack


async def run_seed_demo(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "miniprogram_api.cli", "seed-demo", *args],
        cwd=stack.var_dir.parent,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=300,
    )


async def test_reset_writes_the_demo_values_back(stack: Stack, res: Resources) -> None:
    seed = demo_data().facilities[0]
    first = await run_seed_demo(stack)
    assert first.returncode == 0, first.stderr
    await Facility.filter(credit_code=seed.credit_code).update(name="改过的名字")

    kept = await run_seed_demo(stack)
    assert kept.returncode == 0, kept.stderr
    assert (await Facility.get(credit_code=seed.credit_code)).name == "改过的名字"

    reset = await run_seed_demo(stack, "--reset")
    assert reset.returncode == 0, reset.stderr
    assert (await Facility.get(credit_code=seed.credit_code)).name == seed.name
    assert "reset" in reset.stdout
