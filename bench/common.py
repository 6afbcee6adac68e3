"""Steps several phases take: loading the demo data, building the Redis indexes, picking dates."""

from __future__ import annotations

import asyncio
import importlib
import inspect
import time
from datetime import date, timedelta
from typing import Any

from backend.context import Resources
from bench.harness import NotAvailable
from bench.national import upcoming_open_days
from bench.stack import Stack


def require_module(name: str, what: str) -> None:
    """NotAvailable when the module is not there yet; a module that is there but fails to import is
    a defect, and raises as one."""
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and (name == exc.name or name.startswith(exc.name + ".")):
            raise NotAvailable(f"{name} ({what}) is not there yet") from exc
        raise RuntimeError(f"{name} ({what}) fails to import: {exc}") from exc
    except ImportError as exc:
        raise RuntimeError(f"{name} ({what}) fails to import: {exc}") from exc


async def seed_demo(stack: Stack) -> str:
    """Loads the Huancui demo data with the real command, `tuoyu seed-demo`."""
    require_module("backend.seed.loader", "tuoyu seed-demo")
    return await asyncio.to_thread(stack.run_command, "seed-demo")


async def _call_if_present(module_name: str, function_name: str, res: Resources) -> str | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    function = getattr(module, function_name, None)
    if function is None:
        return None
    outcome: Any = function(res)
    if inspect.isawaitable(outcome):
        await outcome
    return f"{module_name}.{function_name}"


async def build_indexes(res: Resources) -> list[str]:
    """The Redis geo index and vacancy, built the way the platform builds them, where it can yet.

    Answers which builders ran; the server also builds a missing index at start.
    """
    ran: list[str] = []
    for module_name, function_name in (
        ("backend.geo.index", "rebuild_geo_index"),
        ("backend.bookings.vacancy", "ensure_vacancy"),
    ):
        started = time.perf_counter()
        name = await _call_if_present(module_name, function_name, res)
        if name:
            ran.append(f"{name} ({time.perf_counter() - started:.1f} s)")
    return ran


def service_today() -> date:
    from backend.calendar import today_local

    return today_local()


def next_open_days(count: int) -> list[date]:
    """Open weekdays from tomorrow on (the service's clock), skipping statutory holidays."""
    return upcoming_open_days(service_today() + timedelta(days=1), count)
