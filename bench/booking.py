"""Figure 2: booking throughput, uncontended and contended, and the 500-at-once check, on SQLite and
on PostgreSQL (when BENCH_DATABASE_URL or DATABASE_URL names one).

Uncontended: hourly bookings spread over many facilities, days and hours so that no two requests
want the same place; every request has its own parent, child and Idempotency-Key.
Contended: every request wants the same hour of one class with a few places; exactly `capacity`
must succeed and every other request must answer 409 no_capacity, which the database confirms after.
"""

from __future__ import annotations

import asyncio
import json
import traceback
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import httpx

from backend.auth.sessions import issue_token
from backend.context import Caller, Resources
from backend.models import Account, Booking, Child, Facility, FacilityClass, Occupancy
from bench.bulk import insert_rows
from bench.common import build_indexes, next_open_days
from bench.figures import FAIL, PASS, Figure
from bench.harness import Harness, NotAvailable, probe
from bench.load import PreparedRequest, burst
from bench.national import _credit_code
from bench.stack import Stack

BOOKINGS = "/api/v1/bookings"
UNCONTENDED_FACILITIES = 400
UNCONTENDED_DAYS = 8
HOURS = tuple(range(8, 17))  # the default full-day hours, 08:00-17:00
AMPLE_PLACES = 15  # a toddler class of 15 with 3 caregivers (1:5): capacity 15
PG_TARGET_RATIO = 0.04
# A lone booking after a load takes well under a second; SQLite's busy timeout is 30 s.
HEALTH_TIMEOUT_S = 20.0


@dataclass
class Parent:
    account_id: str
    child_id: str
    token: str = ""


@dataclass
class BookingPlan:
    days: list[date]
    uncontended: list[str]  # facility ids
    contended: str
    burst_facility: str
    probe_facility: str
    contended_class: str
    burst_class: str
    pools: dict[str, list[Parent]]


def _facility_row(serial: int, name: str) -> dict[str, Any]:
    return dict(
        id=uuid.uuid4(),
        name=name,
        credit_code=_credit_code(900_000_000 + serial),
        address=f"威海市环翠区基准路{serial}号",
        town="竹岛街道",
        lat=37.50 + (serial % 50) * 0.001,
        lng=122.10 + (serial // 50) * 0.001,
        phone="0631-5200000",
        nature="private_nonprofit",
        inclusive=True,
        age_min_months=6,
        age_max_months=36,
        filing_status="filed",
        filing_number=f"环卫托备〔2026〕{serial}号",
        care_types=["full_day", "half_day", "hourly", "temporary"],
        prices={"full_day": 10000, "half_day": 6000, "hourly": 3000, "temporary": 12000},
    )


def _class_row(facility_id: uuid.UUID, places: int, caregivers: int) -> dict[str, Any]:
    return dict(
        id=uuid.uuid4(),
        facility_id=facility_id,
        kind="toddler",
        name="托小班",
        places=places,
        caregivers=caregivers,
    )


async def _make_parents(res: Resources, count: int, birth_date: date) -> list[Parent]:
    now_rows = []
    child_rows = []
    parents = []
    for _ in range(count):
        account_id, child_id = uuid.uuid4(), uuid.uuid4()
        now_rows.append(
            dict(
                id=account_id,
                role="parent",
                openid=f"bench-{account_id.hex}",
                display_name="家长",
            )
        )
        child_rows.append(
            dict(id=child_id, parent_id=account_id, name="小明", birth_date=birth_date, gender="m")
        )
        parents.append(Parent(str(account_id), str(child_id)))
    await insert_rows(Account, now_rows)
    await insert_rows(Child, child_rows)

    async def token_for(parent: Parent) -> None:
        parent.token, _ = await issue_token(res, Caller(account_id=parent.account_id, role="parent"))

    for start in range(0, len(parents), 500):
        await asyncio.gather(*(token_for(p) for p in parents[start : start + 500]))
    return parents


async def prepare(res: Resources, pool: int, burst_size: int, capacity: int) -> BookingPlan:
    days = next_open_days(UNCONTENDED_DAYS)
    # 18 months old on every day booked: a toddler (12-23 months).
    birth_date = days[0] - timedelta(days=18 * 30 + 20)
    facilities = [_facility_row(i, f"基准托育园{i}") for i in range(UNCONTENDED_FACILITIES)]
    special = {
        role: _facility_row(UNCONTENDED_FACILITIES + i, f"基准{role}托育园")
        for i, role in enumerate(("contended", "burst", "probe"))
    }
    classes = [_class_row(f["id"], AMPLE_PLACES, 3) for f in facilities]
    # capacity = min(places, 15, caregivers x 5): set by places with enough caregivers.
    caregivers = max(1, -(-capacity // 5))
    special_classes = {
        "contended": _class_row(special["contended"]["id"], capacity, caregivers),
        "burst": _class_row(special["burst"]["id"], capacity, caregivers),
        "probe": _class_row(special["probe"]["id"], AMPLE_PLACES, 3),
    }
    await insert_rows(Facility, [*facilities, *special.values()])
    await insert_rows(FacilityClass, [*classes, *special_classes.values()])
    pools = {
        "uncontended": await _make_parents(res, pool, birth_date),
        "contended": await _make_parents(res, pool, birth_date),
        "burst": await _make_parents(res, burst_size, birth_date),
        "probe": await _make_parents(res, 8, birth_date),
    }
    return BookingPlan(
        days=days,
        uncontended=[str(f["id"]) for f in facilities],
        contended=str(special["contended"]["id"]),
        burst_facility=str(special["burst"]["id"]),
        probe_facility=str(special["probe"]["id"]),
        contended_class=str(special_classes["contended"]["id"]),
        burst_class=str(special_classes["burst"]["id"]),
        pools=pools,
    )


def booking_request(parent: Parent, facility_id: str, day: date, hour: int) -> PreparedRequest:
    body = {
        "facility_id": facility_id,
        "child_id": parent.child_id,
        "care_type": "hourly",
        "start_date": day.isoformat(),
        "start_time": f"{hour:02d}:00",
        "end_time": f"{hour + 1:02d}:00",
    }
    return PreparedRequest(
        "POST",
        BOOKINGS,
        {
            "Authorization": f"Bearer {parent.token}",
            "Idempotency-Key": uuid.uuid4().hex,
            "Content-Type": "application/json",
        },
        json.dumps(body, separators=(",", ":")),
    )


def uncontended_requests(plan: BookingPlan) -> list[PreparedRequest]:
    # Request i takes facility i mod F, then the next day, then the next hour: no place is wanted twice
    # until F x days x hours requests have gone.
    per_hour = len(plan.uncontended) * len(plan.days)
    requests = []
    for i, parent in enumerate(plan.pools["uncontended"]):
        facility = plan.uncontended[i % len(plan.uncontended)]
        day = plan.days[(i // len(plan.uncontended)) % len(plan.days)]
        hour = HOURS[(i // per_hour) % len(HOURS)]
        requests.append(booking_request(parent, facility, day, hour))
    return requests


async def _books_promptly(base_url: str, parent: Parent, plan: BookingPlan) -> str | None:
    """None when one booking goes through within HEALTH_TIMEOUT_S; else what went wrong."""
    request = booking_request(parent, plan.probe_facility, plan.days[1], 11)
    try:
        async with httpx.AsyncClient(base_url=base_url, timeout=HEALTH_TIMEOUT_S) as client:
            answer = await client.post(request.path, headers=request.headers, content=request.body.encode())
    except httpx.TimeoutException:
        return (
            f"after the load's clients disconnected, a booking got no answer in {HEALTH_TIMEOUT_S:.0f} s "
            "(the server stopped booking)"
        )
    except httpx.HTTPError as exc:
        return f"after the load, a booking failed: {type(exc).__name__}"
    if answer.status_code != 201:
        return f"after the load, a booking answered {answer.status_code}: {answer.text[:200]}"
    return None


async def _bookings_at(facility_ids: list[str]) -> int:
    return await Booking.filter(facility_id__in=facility_ids).count()


async def _max_taken(class_ids: list[str]) -> int:
    fullest = await Occupancy.filter(klass_id__in=class_ids).order_by("-taken").first()
    return int(fullest.taken) if fullest is not None else 0


async def measure_backend(h: Harness, backend: str) -> list[Figure]:
    options = h.options
    connections = options.connections
    pool = options.booking_pool or max(3000, int(options.duration * 2500))
    pool = min(pool, UNCONTENDED_FACILITIES * UNCONTENDED_DAYS * len(HOURS))
    capacity = options.burst_capacity
    figures: list[Figure] = []
    async with Stack(
        f"booking-{backend}",
        h.base,
        backend=backend,
        keep=options.keep,
        ready_timeout_s=options.ready_timeout,
    ) as stack:
        res = await stack.open_resources()
        h.say(
            f"booking {backend}: {pool:,} parents per run, {len(HOURS)} hours x {UNCONTENDED_DAYS} days x "
            f"{UNCONTENDED_FACILITIES} facilities"
        )
        plan = await prepare(res, pool, options.burst, capacity)
        built = await build_indexes(res)
        base_url = await stack.serve(options.workers)

        probes = iter(plan.pools["probe"])
        first = await probe(base_url, booking_request(next(probes), plan.probe_facility, plan.days[0], 9))
        if first.status_code != 201:
            raise RuntimeError(
                f"a booking that should succeed answered {first.status_code}: {first.text[:400]}"
            )

        async def still_books() -> str | None:
            # wrk ends its run by closing connections with requests in flight, as phones on weak
            # networks do. A server that stops booking after that has a real defect: say so, and
            # restart it so that the next figure is still measured.
            nonlocal base_url
            problem = await _books_promptly(base_url, next(probes), plan)
            if problem:
                h.say(f"{backend}: {problem}; restarting the server")
                base_url = await stack.restart_server(options.workers)
            return problem

        # Uncontended.
        requests = uncontended_requests(plan)
        ceiling = await h.ceiling_for(connections)
        load = await h.run_load(base_url, requests, connections=connections, sequential=True)
        after = await still_books()
        booked = await _bookings_at(plan.uncontended)
        created = load.count("201")
        # wrk stops with requests in flight: the server may have committed up to one per connection more.
        consistent = created <= booked <= created + connections
        uncontended_classes = [
            str(c)
            for c in await FacilityClass.filter(facility_id__in=plan.uncontended).values_list("id", flat=True)
        ]
        max_taken = await _max_taken(uncontended_classes)
        is_pg = backend == "postgres"
        figures.append(
            Figure.from_load(
                f"booking uncontended {backend} (c={connections})",
                load,
                ceiling,
                target=f"≥{PG_TARGET_RATIO:.0%} of ceiling" if is_pg else "",
                min_ratio=PG_TARGET_RATIO if is_pg else None,
                extra_checks=[
                    (load.ok_share >= 0.999, f"only {load.ok_share:.1%} answered 2xx"),
                    (consistent, f"{created} answered 201 but the database holds {booked}"),
                    (max_taken <= AMPLE_PLACES, f"an hour holds {max_taken} > {AMPLE_PLACES}"),
                    (after is None, str(after)),
                ],
                details={"booked_in_db": booked, "answered_201": created, "indexes_built_by": built},
            )
        )

        # Contended: one class, one hour, every request from a different parent.
        day, hour = plan.days[0], 10
        requests = [booking_request(p, plan.contended, day, hour) for p in plan.pools["contended"]]
        ceiling = await h.ceiling_for(connections)
        load = await h.run_load(base_url, requests, connections=connections, sequential=True)
        after = await still_books()
        booked = await _bookings_at([plan.contended])
        taken = await _max_taken([plan.contended_class])
        created = load.count("201")
        refused = load.count("409:no_capacity")
        figures.append(
            Figure.from_load(
                f"booking contended {backend} (c={connections}, {capacity} places)",
                load,
                ceiling,
                target=f"exactly {capacity} booked, rest 409 no_capacity",
                extra_checks=[
                    (created == capacity, f"{created} answered 201"),
                    (booked == capacity, f"the database holds {booked} bookings"),
                    (taken == capacity, f"the ledger says {taken} taken"),
                    (
                        refused == load.requests - created,
                        f"{load.requests - created - refused} other answers",
                    ),
                    (after is None, str(after)),
                ],
                details={
                    "capacity": capacity,
                    "answered_201": created,
                    "answered_409_no_capacity": refused,
                    "booked_in_db": booked,
                    "ledger_taken": taken,
                },
            )
        )
        figures[-1].value += f"; {created} booked, {refused:,} refused"

        # All at once: options.burst requests on a class with `capacity` free places.
        requests = [booking_request(p, plan.burst_facility, day, hour) for p in plan.pools["burst"]]
        result, _ = await burst(base_url, requests)
        booked = await _bookings_at([plan.burst_facility])
        taken = await _max_taken([plan.burst_class])
        created = result.count("201")
        refused = result.count("409:no_capacity")
        problems = []
        if created != capacity or booked != capacity or taken != capacity:
            problems.append(f"201: {created}, in database: {booked}, ledger: {taken}")
        if refused != len(requests) - capacity:
            problems.append(f"answers {result.answers}")
        if result.socket_errors:
            problems.append(f"{result.socket_errors} requests failed to connect or read")
        figures.append(
            Figure(
                name=f"booking {len(requests)} at once {backend} ({capacity} places)",
                value=f"{booked} booked, {refused} no_capacity",
                p50_ms=result.p50_ms,
                p99_ms=result.p99_ms,
                target=f"exactly {capacity} bookings",
                outcome=FAIL if problems else PASS,
                note="; ".join(problems),
                details={"burst": result.as_dict(), "booked_in_db": booked, "ledger_taken": taken},
            )
        )
    return figures


async def run(h: Harness) -> list[Figure]:
    figures: list[Figure] = []
    for backend in h.options.booking_dbs:
        if backend == "postgres" and h.base.postgres_url is None:
            figures.append(
                Figure.skipped(
                    "booking postgres",
                    "no PostgreSQL configured (set BENCH_DATABASE_URL=postgres://user@host:port/db)",
                    f"≥{PG_TARGET_RATIO:.0%} of ceiling",
                )
            )
            continue
        try:
            figures.extend(await measure_backend(h, backend))
        except NotAvailable as exc:
            figures.append(Figure.skipped(f"booking {backend}", f"not available: {exc}"))
        except Exception as exc:  # the other database's figures still count
            traceback.print_exc()
            figures.append(
                Figure(
                    name=f"booking {backend}",
                    value="-",
                    outcome=FAIL,
                    note=f"{type(exc).__name__}: {exc}"[:500],
                )
            )
    return figures
