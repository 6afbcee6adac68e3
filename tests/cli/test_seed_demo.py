"""`tuoyu seed-demo`, run as the real command against the test stack's database and Redis."""

from __future__ import annotations

import subprocess

from backend.context import Resources
from backend.models import Facility
from backend.seed.demo_data import demo_data
from tests.cli.helpers import run_tuoyu
from tests.conftest import Stack


async def run_seed_demo(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    return await run_tuoyu(stack, "seed-demo", *args)


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
