"""Figure: a cancellation storm on the waitlist. One facility's day is full (100 places in ten
classes), 200 parents wait in line, and 100 parents cancel at once over HTTP. It settles when
every freed place is held for exactly one entry, the first 100 entries in line and no other, and
the ledger equals a recount with every hour full again; the figure is how long that takes.
"""

from __future__ import annotations

import asyncio
import time
import traceback
import uuid

import httpx

from backend.auth.sessions import issue_token
from backend.bookings import ledger as occupancy_ledger
from backend.bookings import service as bookings
from backend.bookings.schemas import BookingRequest
from backend.context import Caller, Resources
from backend.models import Account, Child, Facility, FacilityClass, WaitlistEntry, WaitlistOffer
from backend.waitlist import service as waitlist
from bench.common import next_open_days
from bench.figures import FAIL, PASS, Figure
from bench.harness import Harness
from bench.national import _credit_code
from bench.stack import Stack

CLASSES = 10
PLACES_PER_CLASS = 10  # a toddler class of 10 with 2 caregivers (1:5): capacity 10
CANCELLATIONS = CLASSES * PLACES_PER_CLASS
WAITING = 200
NAME = f"waitlist: cancellation storm ({CANCELLATIONS} cancellations, {WAITING} waiting)"
TARGET_S = 30.0


async def _parent(res: Resources, birth: object) -> tuple[Caller, str, str]:
    account = await Account.create(role="parent", openid=f"bench-{uuid.uuid4().hex}", display_name="家长")
    child = await Child.create(parent=account, name="小宝", birth_date=birth, gender="f")
    caller = Caller(account_id=str(account.id), role="parent")
    token, _ = await issue_token(res, caller)
    return caller, str(child.id), token


async def _storm(h: Harness, backend: str) -> Figure:
    async with Stack(f"waitlist-{backend}", h.base, backend=backend, keep=h.options.keep) as stack:
        res = await stack.open_resources()
        day = next_open_days(2)[1]
        facility = await Facility.create(
            name="候补压测托育园",
            credit_code=_credit_code(uuid.uuid4().int % 10**8),
            address="威海市环翠区压测路1号",
            town="竹岛街道",
            lat=37.51,
            lng=122.12,
            nature="private_nonprofit",
            filing_status="filed",
            care_types=["full_day"],
            prices={"full_day": 10000},
            open_weekdays=[1, 2, 3, 4, 5, 6, 7],
        )
        for n in range(CLASSES):
            await FacilityClass.create(
                facility=facility,
                kind="toddler",
                name=f"托小{n + 1}班",
                places=PLACES_PER_CLASS,
                caregivers=2,
            )
        birth = day.replace(year=day.year - 1, day=1)  # 12-23 months on the day: a toddler
        request = {"facility_id": str(facility.id), "care_type": "full_day", "start_date": day.isoformat()}
        booked: list[tuple[str, str]] = []
        for _ in range(CANCELLATIONS):
            caller, child_id, token = await _parent(res, birth)
            body = BookingRequest.model_validate({**request, "child_id": child_id})
            answer = await bookings.create_booking(res, caller, body, uuid.uuid4().hex)
            booked.append((answer.id, token))
        line: list[str] = []
        for _ in range(WAITING):
            caller, child_id, _ = await _parent(res, birth)
            body = BookingRequest.model_validate({**request, "child_id": child_id})
            line.append((await waitlist.join(res, caller, body)).id)

        base_url = await stack.serve(h.options.workers)
        limits = httpx.Limits(max_connections=CANCELLATIONS, max_keepalive_connections=CANCELLATIONS)
        async with httpx.AsyncClient(base_url=base_url, timeout=120, limits=limits) as client:
            started = time.perf_counter()
            answers = await asyncio.gather(
                *(
                    client.post(
                        f"/api/v1/bookings/{booking_id}/cancel",
                        json={},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    for booking_id, token in booked
                )
            )
            elapsed = time.perf_counter() - started

        problems: list[str] = []
        failed = [a.status_code for a in answers if a.status_code != 200]
        if failed:
            problems.append(f"{len(failed)} cancellations failed ({sorted(set(failed))})")
        offers = await WaitlistOffer.filter(facility_id=facility.id)
        offered = [str(o.entry_id) for o in offers]
        if len(offered) != len(set(offered)):
            problems.append("an entry got two offers")
        if set(offered) != set(line[:CANCELLATIONS]):
            problems.append(f"{len(offered)} offers, not to the first {CANCELLATIONS} in line")
        waiting = await WaitlistEntry.filter(facility_id=facility.id, status="waiting").count()
        if waiting != WAITING - CANCELLATIONS:
            problems.append(f"{waiting} entries still waiting")
        class_ids = [
            str(k) for k in await FacilityClass.filter(facility_id=facility.id).values_list("id", flat=True)
        ]
        ledger = await occupancy_ledger.taken_counts(class_ids)
        if ledger != await occupancy_ledger.recount(class_ids) or set(ledger.values()) != {PLACES_PER_CLASS}:
            problems.append("the ledger is not every hour full and equal to a recount")
        ok = not problems and elapsed <= TARGET_S
        return Figure(
            name=f"{NAME} {backend}",
            value=f"{elapsed:.2f} s",
            target=f"settled, every freed place offered once, ≤{TARGET_S:.0f} s",
            outcome=PASS if ok else FAIL,
            note="; ".join(problems)
            or f"{len(offered)} offers, {CANCELLATIONS / elapsed:.0f} cancellations/s",
            details={"elapsed_s": elapsed, "offers": len(offered), "waiting_left": waiting},
        )


async def run(h: Harness) -> list[Figure]:
    figures = []
    for backend in ("sqlite", "postgres"):
        if backend == "postgres" and h.base.postgres_url is None:
            figures.append(
                Figure.skipped(f"{NAME} postgres", "no PostgreSQL configured (BENCH_DATABASE_URL)")
            )
            continue
        try:
            figures.append(await _storm(h, backend))
        except Exception as exc:  # the other database's figure still counts
            traceback.print_exc()
            figures.append(
                Figure(
                    name=f"{NAME} {backend}",
                    value="-",
                    outcome=FAIL,
                    note=f"{type(exc).__name__}: {exc}"[:500],
                )
            )
    return figures
