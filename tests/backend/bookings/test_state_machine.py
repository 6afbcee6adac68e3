"""Random sequences of bookings, cancellations, status moves, forced closures and class changes
never leave an hour over capacity, and the ledger always equals a recount from the bookings.

Hypothesis drives the machine from a worker thread; each step runs the real service coroutines on
the test session's event loop (where Tortoise's connections live) and waits for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from backend.bookings import engine, manage, service
from backend.bookings import ledger as occupancy_ledger
from backend.bookings.schemas import ClassChanges, ClosureCreate
from backend.context import Caller, Resources
from backend.errors import Conflict, NoCapacity, NotFound, ValidationFailed
from backend.models import Booking, Closure, FacilityClass
from tests.backend.bookings.helpers import (
    class_ids_of,
    facility_staff,
    frozen_at,
    new_key,
    parent_with_child,
    request_for,
    shanghai,
)
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
NOW = shanghai(2026, 3, 2, 9, 0)
CHILDREN = 8
SHAPES = {
    "full_day": {"care_type": "full_day"},
    "am": {"care_type": "half_day", "session": "am"},
    "pm": {"care_type": "half_day", "session": "pm"},
    "hourly_morning": {"care_type": "hourly", "start_time": "09:00", "end_time": "11:00"},
    "hourly_noon": {"care_type": "hourly", "start_time": "11:00", "end_time": "14:00"},
    "temporary": {"care_type": "temporary"},
}
REFUSALS = (NoCapacity, Conflict, ValidationFailed)


class PlacesMachine(RuleBasedStateMachine):
    loop: ClassVar[asyncio.AbstractEventLoop]
    res: ClassVar[Resources]

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)

    @initialize()
    def open_a_facility(self) -> None:
        async def setup() -> None:
            self.facility = await make_facility(
                self.res,
                classes=[
                    {"kind": "toddler", "name": "托小", "places": 3, "caregivers": 1},
                    {"kind": "mixed", "name": "混合", "places": 2, "caregivers": 1},
                ],
            )
            self.admin = (await facility_staff(self.res, self.facility))[2]
            self.parents: list[tuple[Caller, Any]] = []
            for _ in range(CHILDREN):
                _, _, child, caller = await parent_with_child(self.res, 20, MONDAY)
                self.parents.append((caller, child))
            self.classes = await class_ids_of(self.facility)

        self.run(setup())
        self.bookings: list[tuple[str, Caller]] = []

    @rule(
        who=st.integers(0, CHILDREN - 1),
        shape=st.sampled_from(sorted(SHAPES)),
        offset=st.integers(1, 4),
        length=st.integers(1, 3),
    )
    def book(self, who: int, shape: str, offset: int, length: int) -> None:
        caller, child = self.parents[who]
        fields = dict(SHAPES[shape])
        care_type = fields.pop("care_type")
        start = MONDAY + timedelta(days=offset)
        if care_type != "hourly":
            fields["end_date"] = start + timedelta(days=length - 1)
        request = request_for(self.facility, child, care_type, start, **fields)
        try:
            answer = self.run(service.create_booking(self.res, caller, request, new_key()))
        except REFUSALS:
            return
        self.bookings.append((answer.id, caller))

    @rule(pick=st.integers(0, 1000))
    def parent_cancels(self, pick: int) -> None:
        if self.bookings:
            booking_id, caller = self.bookings[pick % len(self.bookings)]
            try:
                self.run(service.cancel_booking(self.res, caller, booking_id, None))
            except Conflict:
                pass

    @rule(pick=st.integers(0, 1000), action=st.sampled_from(["confirm", "reject"]))
    def facility_moves(self, pick: int, action: str) -> None:
        if self.bookings:
            booking_id, _ = self.bookings[pick % len(self.bookings)]
            reason = "满员" if action == "reject" else None
            try:
                self.run(service.move_booking(self.res, self.admin, booking_id, action, reason))
            except Conflict:
                pass

    @rule(offset=st.integers(1, 5))
    def close_a_day_by_force(self, offset: int) -> None:
        body = ClosureCreate(date=MONDAY + timedelta(days=offset), reason="停电", force=True)
        try:
            self.run(manage.create_closure(self.res, self.admin, body))
        except Conflict:
            pass

    @rule(offset=st.integers(1, 5))
    def reopen_a_day(self, offset: int) -> None:
        async def reopen() -> None:
            closure = await Closure.get_or_none(
                facility_id=self.facility.id, date=MONDAY + timedelta(days=offset)
            )
            if closure is not None:
                await manage.delete_closure(self.res, self.admin, str(closure.id))

        self.run(reopen())

    @rule(which=st.integers(0, 1), places=st.integers(1, 4), caregivers=st.integers(1, 2))
    def change_a_class(self, which: int, places: int, caregivers: int) -> None:
        try:
            self.run(
                manage.change_class(
                    self.res,
                    self.admin,
                    self.classes[which],
                    ClassChanges(places=places, caregivers=caregivers),
                )
            )
        except (Conflict, NotFound):
            pass

    @invariant()
    def ledger_is_true_and_within_capacity(self) -> None:
        async def check() -> None:
            ledger = await occupancy_ledger.taken_counts(self.classes)
            assert ledger == await occupancy_ledger.recount(self.classes)
            capacities = {
                str(k.id): engine.seat_of(k, self.res.settings.mixed_class_ratio).capacity
                for k in await FacilityClass.filter(facility_id=self.facility.id)
            }
            for (class_id, day, hour), taken in ledger.items():
                assert taken <= capacities[class_id], (class_id, day, hour, taken)
            closed = set(await Closure.filter(facility_id=self.facility.id).values_list("date", flat=True))
            for booking in await Booking.filter(
                facility_id=self.facility.id, status__in=["pending", "confirmed"]
            ):
                assert not closed & {date.fromisoformat(d) for d in booking.slots}

        if hasattr(self, "facility"):
            self.run(check())


async def test_places_never_exceed_capacity_and_always_match_a_recount(res):
    started = datetime.now(UTC)
    PlacesMachine.loop = asyncio.get_running_loop()
    PlacesMachine.res = res
    with frozen_at(NOW):
        await asyncio.to_thread(
            run_state_machine_as_test,
            PlacesMachine,
            settings=settings(
                max_examples=15,
                stateful_step_count=30,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    # Not vacuous: the machine placed bookings.
    assert await Booking.filter(created_at__gte=started).count() > 0
