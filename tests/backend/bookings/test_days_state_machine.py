"""Random sequences of bookings, absences, forced closures, check-ins, check-outs, no-shows and
the clock moving on through the week: the ledger always equals a recount, no day is ever both
attended and absent or closed, and each booking's status agrees with its days.

Hypothesis drives the machine from a worker thread, as in test_state_machine.py; each step runs the
real service coroutines on the test session's event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from backend.bookings import ledger, manage, service
from backend.bookings.schemas import ClosureCreate
from backend.calendar import FixedClock
from backend.context import Caller, Resources
from backend.errors import Conflict, NoCapacity, NotAdmitted, ValidationFailed
from backend.models import Booking, BookingDay
from tests.backend.bookings.helpers import (
    check_in,
    check_out,
    class_ids_of,
    facility_staff,
    frozen_at,
    new_key,
    no_show,
    parent_with_child,
    report_absence,
    request_for,
    shanghai,
)
from tests.factories import make_facility

MONDAY = date(2026, 3, 2)
START = shanghai(2026, 3, 2, 20, 0)
FIRST_MORNING = shanghai(2026, 3, 3, 7, 30)
END = shanghai(2026, 3, 6, 18, 0)
CHILDREN = 6
SETTLED = 2
REFUSALS = (NoCapacity, Conflict, ValidationFailed, NotAdmitted)
ATTENDED = {"present", "left"}
OFF = {"absent", "closed"}
FINISHED = {"left", "absent", "no_show", "closed"}


class DaysMachine(RuleBasedStateMachine):
    loop: ClassVar[asyncio.AbstractEventLoop]
    res: ClassVar[Resources]
    clock: ClassVar[FixedClock]

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)

    def attempt(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        try:
            return self.run(coroutine)
        except REFUSALS:
            return None

    @initialize(auto_confirm=st.booleans())
    def open_a_facility(self, auto_confirm: bool) -> None:
        self.clock.set(START)

        async def setup() -> None:
            self.facility = await make_facility(
                self.res,
                auto_confirm=auto_confirm,
                classes=[{"kind": "toddler", "name": "托小", "places": 3, "caregivers": 1}],
            )
            self.admin = (await facility_staff(self.res, self.facility))[2]
            self.parents: list[tuple[Caller, Any]] = []
            for _ in range(CHILDREN):
                _, _, child, caller = await parent_with_child(self.res, 20, MONDAY)
                self.parents.append((caller, child))
            self.classes = await class_ids_of(self.facility)
            # A week of care for some children from the start, so every example has days to attend.
            for caller, child in self.parents[:SETTLED]:
                request = request_for(self.facility, child, "full_day", self.day(1), end_date=self.day(4))
                answer = await service.create_booking(self.res, caller, request, new_key())
                if answer.status == "pending":
                    await service.move_booking(self.res, self.admin, answer.id, "confirm")
                self.bookings.append((answer.id, caller))

        self.bookings: list[tuple[str, Caller]] = []
        self.run(setup())
        # The week's first morning: the settled children are due.
        self.clock.set(FIRST_MORNING)
        self.closures = 0

    def pick(self, index: int) -> tuple[str, Caller] | None:
        return self.bookings[index % len(self.bookings)] if self.bookings else None

    def day(self, offset: int) -> date:
        return MONDAY + timedelta(days=offset)

    @rule(who=st.integers(0, CHILDREN - 1), offset=st.integers(1, 4), length=st.integers(1, 4))
    def book(self, who: int, offset: int, length: int) -> None:
        caller, child = self.parents[who]
        start = self.day(offset)
        end = min(self.day(4), start + timedelta(days=length - 1))
        request = request_for(self.facility, child, "full_day", start, end_date=end)
        answer = self.attempt(service.create_booking(self.res, caller, request, new_key()))
        if answer is not None:
            self.bookings.append((answer.id, caller))

    @rule(pick=st.integers(0, 1000))
    def confirm(self, pick: int) -> None:
        chosen = self.pick(pick)
        if chosen:
            self.attempt(service.move_booking(self.res, self.admin, chosen[0], "confirm"))

    @rule(pick=st.integers(0, 1000), offsets=st.lists(st.integers(0, 4), min_size=1, max_size=3))
    def report_absent(self, pick: int, offsets: list[int]) -> None:
        chosen = self.pick(pick)
        if chosen:
            days = [self.day(o) for o in offsets]
            self.attempt(report_absence(self.res, chosen[1], chosen[0], days, "sick"))

    @rule(pick=st.integers(0, 1000))
    def parent_cancels(self, pick: int) -> None:
        chosen = self.pick(pick)
        if chosen:
            self.attempt(service.cancel_booking(self.res, chosen[1], chosen[0], None))

    # One closure a week at most: more would close every day and leave nothing to attend.
    @precondition(lambda self: self.closures < 1)
    @rule(offset=st.integers(0, 4))
    def close_a_day_by_force(self, offset: int) -> None:
        body = ClosureCreate(date=self.day(offset), reason="停电", force=True)
        if self.attempt(manage.create_closure(self.res, self.admin, body)) is not None:
            self.closures += 1

    def today_with(self, status: str, pick: int) -> str | None:
        """A booking of the facility with a day of today in `status`, so attendance rules mostly act."""

        async def find() -> list[str]:
            rows = await BookingDay.filter(
                booking__facility_id=self.facility.id,
                booking__status__in=["confirmed", "checked_in"],
                date=self.clock.now().date(),
                status=status,
            ).values_list("booking_id", flat=True)
            return sorted(str(r) for r in rows)

        found = self.run(find())
        return found[pick % len(found)] if found else None

    @rule(pick=st.integers(0, 1000), fever=st.booleans())
    def check_in_today(self, pick: int, fever: bool) -> None:
        booking_id = self.today_with("expected", pick)
        if booking_id:
            self.attempt(check_in(self.res, self.admin, booking_id, temperature_c=38.0 if fever else 36.5))

    @rule(pick=st.integers(0, 1000))
    def check_out_today(self, pick: int) -> None:
        booking_id = self.today_with("present", pick)
        if booking_id:
            self.attempt(check_out(self.res, self.admin, booking_id))

    @rule(pick=st.integers(0, 1000))
    def no_show_today(self, pick: int) -> None:
        booking_id = self.today_with("expected", pick)
        if booking_id:
            self.attempt(no_show(self.res, self.admin, booking_id))

    @rule(hours=st.integers(1, 14))
    def time_passes(self, hours: int) -> None:
        self.clock.set(min(END, self.clock.now() + timedelta(hours=hours)))

    @invariant()
    def ledger_is_a_recount_and_days_agree(self) -> None:
        async def check() -> None:
            assert await ledger.taken_counts(self.classes) == await ledger.recount(self.classes)
            bookings = {str(b.id): b for b in await Booking.filter(facility_id=self.facility.id)}
            days: dict[str, list[BookingDay]] = {}
            for row in await BookingDay.filter(booking_id__in=list(bookings)):
                days.setdefault(str(row.booking_id), []).append(row)  # type: ignore[attr-defined]
            for booking_id, booking in bookings.items():
                rows = days[booking_id]
                statuses = {r.status for r in rows}
                for row in rows:
                    # A day is attended or off, never both.
                    assert not (row.status in OFF and row.check_in_at is not None), row.id
                    assert not (row.status in ATTENDED and row.absence_reason is not None), row.id
                    if row.status == "absent":
                        assert row.date.isoformat() not in booking.slots, (booking_id, row.date)
                if booking.status in ("pending", "confirmed"):
                    assert not statuses & ATTENDED, (booking_id, statuses)
                if booking.status == "checked_in":
                    assert statuses & ATTENDED, (booking_id, statuses)
                if booking.status in ("checked_out", "no_show"):
                    assert statuses <= FINISHED, (booking_id, statuses)
                kept = sum(r.price_fen for r in rows if r.status not in OFF)
                assert kept <= booking.price_fen <= sum(r.price_fen for r in rows), booking_id

        if hasattr(self, "facility"):
            self.run(check())


async def test_days_ledger_and_statuses_hold_under_random_operations(res):
    started = datetime.now(UTC)
    DaysMachine.loop = asyncio.get_running_loop()
    DaysMachine.res = res
    with frozen_at(START) as clock:
        DaysMachine.clock = clock
        await asyncio.to_thread(
            run_state_machine_as_test,
            DaysMachine,
            settings=settings(
                max_examples=12,
                stateful_step_count=35,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    # Not vacuous: the machine placed bookings, children came and days were taken off.
    made = BookingDay.filter(booking__created_at__gte=started)
    assert await Booking.filter(created_at__gte=started).count() > 0
    assert await made.filter(check_in_at__isnull=False).exists()
    assert await made.filter(status__in=sorted(OFF)).exists()
