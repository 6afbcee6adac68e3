"""Helpers for the push pipeline tests: a worker of our own, and waiting for outcomes."""

from __future__ import annotations

import asyncio
import os
import signal
import uuid
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any

from backend.calendar import SERVICE_TZ, is_statutory_open_day, today_local
from backend.context import Resources
from backend.models import Account, Booking, OutgoingMessage, SubscribeGrant
from backend.push.delivery import FINAL_STATES
from tests.bot.helpers import spawn_with

# Short backoff, few tries and a generous rate keep the suite fast; a 1 s WeChat timeout keeps a
# killed worker's jobs locked for little time.
WORKER_ENV = {
    "PUSH_BACKOFF_BASE_S": "0.05",
    "PUSH_MAX_TRIES": "3",
    "PUSH_RATE_PER_S": "500",
    "WECHAT_TIMEOUT_SECONDS": "1",
}
DEADLINE_S = 60


async def wait_for(check: Callable[[], Awaitable[bool]], what: str, deadline_s: float = DEADLINE_S) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline_s
    while loop.time() < end:
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"gave up waiting: {what}")


async def wait_until_final(message_ids: list[str], deadline_s: float = DEADLINE_S) -> list[OutgoingMessage]:
    async def all_final() -> bool:
        states = await OutgoingMessage.filter(id__in=message_ids).values_list("state", flat=True)
        return len(states) == len(message_ids) and all(state in FINAL_STATES for state in states)

    await wait_for(all_final, f"messages {message_ids[:3]}… reach a final state", deadline_s)
    return list(await OutgoingMessage.filter(id__in=message_ids))


async def start_worker(stack: Any, res: Resources, log_name: str = "worker.log") -> Any:
    log_path = stack.var_dir / log_name
    already = log_path.read_text() if log_path.exists() else ""
    process = spawn_with(stack, ["worker"], WORKER_ENV, log_name)

    async def started() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"the worker exited: see {log_path}")
        # arq logs this once the worker polls its queue (the queue's health key is shared by
        # every worker, so it cannot tell this one is up).
        return log_path.read_text()[len(already) :].count("Starting worker for") >= 2

    await wait_for(started, f"the worker of {log_name} starts")
    return process


def kill(process: Any) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def next_open_day(after: date | None = None) -> date:
    day = (after or today_local()) + timedelta(days=2)
    while not is_statutory_open_day(day, [1, 2, 3, 4, 5, 6, 7]):
        day += timedelta(days=1)
    return day


async def make_booking(
    res: Resources, parent: Account, *, status: str = "pending", hours_from_now: float | None = None
) -> Booking:
    """A booking row straight in the database (for the push tests, not the place engine's)."""
    from tests.factories import make_child, make_facility

    facility = await make_facility(res)
    klass = await facility.classes.all().first()
    assert klass is not None
    child = await make_child(parent, today_local() - timedelta(days=540))
    if hours_from_now is None:
        day = next_open_day()
        first = datetime.combine(day, datetime.min.time(), SERVICE_TZ).replace(hour=8)
    else:
        first = datetime.now(SERVICE_TZ) + timedelta(hours=hours_from_now)
        day = first.date()
    return await Booking.create(
        parent=parent,
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type="hourly" if hours_from_now is not None else "full_day",
        start_date=day,
        end_date=day,
        start_time=f"{first:%H}:00" if hours_from_now is not None else None,
        end_time=f"{(first + timedelta(hours=2)):%H}:00" if hours_from_now is not None else None,
        slots={day.isoformat(): [8, 9, 10]},
        first_hour_at=first,
        last_hour_end_at=first + timedelta(hours=3),
        price_fen=10000,
        status=status,
    )


async def grant(res: Resources, account: Account, count: int = 1) -> None:
    await SubscribeGrant.create(
        account=account,
        template_id=res.settings.wechat_template_booking,
        remaining=count,
        granted_total=count,
    )


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"
