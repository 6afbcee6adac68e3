"""The demo seed, loaded once per test session by whichever test needs it first."""

from __future__ import annotations

from backend.context import Resources
from backend.seed.loader import SeedReport, seed_demo

_loaded: list[SeedReport] = []


async def demo_seeded(res: Resources) -> SeedReport:
    if not _loaded:
        _loaded.append(await seed_demo(res))
    return _loaded[0]
