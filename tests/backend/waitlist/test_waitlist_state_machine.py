"""Random sequences of bookings, cancellations, rejections, reschedules, waitlist entries, offers,
accepts, declines, withdrawals, expiries and class changes: no hour is ever over capacity (the
ledger, holds included, equals a recount), no entry ever has two offers, no waiting entry is left
while places it fits are free, and offers go out in entry order.

Style of tests/backend/bookings/test_state_machine.py: hypothesis drives the machine from a worker
thread and each step runs the real service coroutines on the session's event loop.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Coroutine
from datetime import date, timedelta
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from backend.bookings import engine, manage, service
from backend.bookings import ledger as occupancy_ledger
from backend.bookings import repository as bookings_repository
from backend.bookings.schemas import ClassChanges
from backend.calendar import district_calendar
from backend.context import Caller, Resources
from backend.errors import Conflict, NoCapacity, NotFound, OfferExpired, ValidationFailed
from backend.models import Facility, FacilityClass, WaitlistEntry, WaitlistOffer
from backend.rules import age_in_months
from backend.waitlist import reschedule
from backend.waitlist import service as waitlist
from backend.waitlist.offers import plan_for, request_of
from backend.waitlist.schemas import RescheduleRequest
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
BOOKERS = 6
SHAPES = {
    "full_day": {"care_type": "full_day"},
    "am": {"care_type": "half_day", "session": "am"},
    "hourly_morning": {"care_type": "hourly", "start_time": "09:00", "end_time": "11:00"},
}
REFUSALS = (NoCapacity, Conflict, ValidationFailed, NotFound, OfferExpired)


def _fields(shape: str, start: date, length: int) -> tuple[str, dict[str, Any]]:
    fields = dict(SHAPES[shape])
    care_type = fields.pop("care_type")
    if care_type != "hourly":
        fields["end_date"] = start + timedelta(days=length - 1)
    return care_type, fields


class WaitlistMachine(RuleBasedStateMachine):
    loop: ClassVar[asyncio.AbstractEventLoop]
    res: ClassVar[Resources]

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)

    def attempt(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        try:
            return self.run(coroutine)
        except REFUSALS:
            return None

    @initialize()
    def open_a_facility(self) -> None:
        async def setup() -> None:
            self.facility = await make_facility(
                self.res,
                classes=[
                    {"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1},
                    {"kind": "mixed", "name": "混合", "places": 1, "caregivers": 1},
                ],
            )
            self.admin = (await facility_staff(self.res, self.facility))[2]
            self.bookers: list[tuple[Caller, Any]] = []
            for _ in range(BOOKERS):
                _, _, child, caller = await parent_with_child(self.res, 20, MONDAY)
                self.bookers.append((caller, child))
            self.classes = await class_ids_of(self.facility)

        self.run(setup())
        self.bookings: list[tuple[str, Caller]] = []
        self.entries: list[tuple[str, Caller]] = []

    @rule(
        who=st.integers(0, BOOKERS - 1),
        shape=st.sampled_from(sorted(SHAPES)),
        offset=st.integers(1, 2),
        length=st.integers(1, 2),
    )
    def book(self, who: int, shape: str, offset: int, length: int) -> None:
        caller, child = self.bookers[who]
        start = MONDAY + timedelta(days=offset)
        care_type, fields = _fields(shape, start, length)
        request = request_for(self.facility, child, care_type, start, **fields)
        answer = self.attempt(service.create_booking(self.res, caller, request, new_key()))
        if answer is not None:
            self.bookings.append((answer.id, caller))

    @rule(shape=st.sampled_from(sorted(SHAPES)), offset=st.integers(1, 2), first=st.integers(0, BOOKERS - 1))
    def fill_a_day(self, shape: str, offset: int, first: int) -> None:
        # Several parents book the same care on one day, so the day is often full.
        for n in range(3):
            self.book((first + n) % BOOKERS, shape, offset, 1)

    @rule(shape=st.sampled_from(sorted(SHAPES)), offset=st.integers(1, 2), length=st.integers(1, 2))
    def join_the_waitlist(self, shape: str, offset: int, length: int) -> None:
        # Every entry has a child of its own, so no entry is ever passed over for its child's
        # other bookings and entry order is exactly what decides.
        _, _, child, caller = self.run(parent_with_child(self.res, 20, MONDAY))
        start = MONDAY + timedelta(days=offset)
        care_type, fields = _fields(shape, start, length)
        request = request_for(self.facility, child, care_type, start, **fields)
        answer = self.attempt(waitlist.join(self.res, caller, request))
        for who in range(BOOKERS):
            if answer is not None:
                break
            # Could be booked now: a booker takes it, and the parent tries again.
            booker, booker_child = self.bookers[(offset + who) % BOOKERS]
            taken = request_for(self.facility, booker_child, care_type, start, **fields)
            booked = self.attempt(service.create_booking(self.res, booker, taken, new_key()))
            if booked is not None:
                self.bookings.append((booked.id, booker))
            answer = self.attempt(waitlist.join(self.res, caller, request))
        if answer is not None:
            self.entries.append((answer.id, caller))

    @rule(pick=st.integers(0, 1000))
    def parent_cancels(self, pick: int) -> None:
        if self.bookings:
            booking_id, caller = self.bookings[pick % len(self.bookings)]
            self.attempt(service.cancel_booking(self.res, caller, booking_id, None))

    @rule(pick=st.integers(0, 1000))
    def facility_rejects(self, pick: int) -> None:
        if self.bookings:
            booking_id, _ = self.bookings[pick % len(self.bookings)]
            self.attempt(service.move_booking(self.res, self.admin, booking_id, "reject", "满员"))

    @rule(pick=st.integers(0, 1000), offset=st.integers(1, 2))
    def parent_reschedules(self, pick: int, offset: int) -> None:
        if self.bookings:
            booking_id, caller = self.bookings[pick % len(self.bookings)]

            async def move() -> None:
                booking = await bookings_repository.get_booking(booking_id)
                assert booking is not None
                start = MONDAY + timedelta(days=offset)
                length = (booking.end_date - booking.start_date).days
                body = RescheduleRequest(
                    start_date=start,
                    end_date=start + timedelta(days=length) if booking.care_type != "hourly" else None,
                    session=booking.session,  # type: ignore[arg-type]
                    start_time=booking.start_time,
                    end_time=booking.end_time,
                )
                await reschedule.reschedule_booking(self.res, caller, booking_id, body, new_key())

            self.attempt(move())

    async def _offered_ids(self) -> list[str]:
        rows = await WaitlistEntry.filter(facility_id=self.facility.id, status="offered").values_list(
            "id", flat=True
        )
        return [str(r) for r in rows]

    @rule(pick=st.integers(0, 1000), action=st.sampled_from(["accept", "decline", "withdraw"]))
    def parent_answers(self, pick: int, action: str) -> None:
        if self.entries:
            entry_id, caller = self.entries[pick % len(self.entries)]
            if action != "withdraw":
                # Answers go mostly to offers (a stray one on a waiting entry is refused, as it should be).
                offered_ids = set(self.run(self._offered_ids()))
                offered = [e for e in self.entries if e[0] in offered_ids]
                if offered:
                    entry_id, caller = offered[pick % len(offered)]
            if action == "accept":
                answer = self.attempt(waitlist.accept(self.res, caller, entry_id))
                if answer is not None:
                    self.bookings.append((answer.id, caller))
            elif action == "decline":
                self.attempt(waitlist.decline(self.res, caller, entry_id))
            else:
                self.attempt(waitlist.withdraw(self.res, caller, entry_id))

    @rule(pick=st.integers(0, 1000))
    def an_offer_expires(self, pick: int) -> None:
        async def expire() -> None:
            held = await WaitlistOffer.filter(facility_id=self.facility.id, state="held").order_by("id")
            if held:
                offer = held[pick % len(held)]
                await WaitlistOffer.filter(id=offer.id).update(expires_at=NOW - timedelta(minutes=1))
                await waitlist.expire_offers(self.res)

        self.run(expire())

    @rule(which=st.integers(0, 1), places=st.integers(1, 3))
    def change_a_class(self, which: int, places: int) -> None:
        self.attempt(
            manage.change_class(self.res, self.admin, self.classes[which], ClassChanges(places=places))
        )

    @invariant()
    def holds_and_bookings_stay_within_capacity(self) -> None:
        async def check() -> None:
            ledger = await occupancy_ledger.taken_counts(self.classes)
            assert ledger == await occupancy_ledger.recount(self.classes)
            capacities = {
                str(k.id): engine.seat_of(k, self.res.settings.mixed_class_ratio).capacity
                for k in await FacilityClass.filter(facility_id=self.facility.id)
            }
            for (class_id, day, hour), taken in ledger.items():
                assert taken <= capacities[class_id], (class_id, day, hour, taken)

        if hasattr(self, "facility"):
            self.run(check())

    @invariant()
    def one_offer_per_entry_and_status_matches_it(self) -> None:
        async def check() -> None:
            offers = await WaitlistOffer.filter(facility_id=self.facility.id)
            per_entry = Counter(str(o.entry_id) for o in offers)
            assert all(n == 1 for n in per_entry.values()), per_entry
            by_entry = {str(o.entry_id): o for o in offers}
            for entry in await WaitlistEntry.filter(facility_id=self.facility.id):
                offer = by_entry.get(str(entry.id))
                if entry.status == "offered":
                    assert offer is not None and offer.state == "held"
                if entry.status == "waiting":
                    assert offer is None
                if offer is not None and offer.state == "held":
                    assert entry.status == "offered"

        if hasattr(self, "facility"):
            self.run(check())

    @invariant()
    def no_entry_waits_for_free_places_and_offers_keep_entry_order(self) -> None:
        async def check() -> None:
            facility = await Facility.get(id=self.facility.id)
            conn = WaitlistEntry._meta.db
            classes = await engine.read_classes(conn, str(facility.id), self.res.settings.mixed_class_ratio)
            calendar = await district_calendar(self.res)
            entries = list(
                await WaitlistEntry.filter(facility_id=facility.id)
                .order_by("created_at", "id")
                .select_related("child")
            )
            offers = {str(o.entry_id): o for o in await WaitlistOffer.filter(facility_id=facility.id)}
            for entry in entries:
                if entry.status != "waiting":
                    continue
                closed = await bookings_repository.closed_dates(
                    str(facility.id), entry.start_date, entry.end_date
                )
                plan = plan_for(request_of(entry), facility, closed, NOW, calendar)
                age = age_in_months(entry.child.birth_date, plan.first_day)
                seats = engine.fitting_classes(classes, age, facility.age_min_months, facility.age_max_months)
                taken = await occupancy_ledger.taken_between(
                    conn, [s.id for s in seats], plan.days[0], plan.days[-1]
                )
                assert not any(engine.room_in(s, taken, plan.slots) > 0 for s in seats), entry.id
            # Entries asking the same thing are offered in the order they were made.
            for index, later in enumerate(entries):
                if str(later.id) not in offers:
                    continue
                offered_at = offers[str(later.id)].created_at
                for earlier in entries[:index]:
                    if earlier.request_key != later.request_key:
                        continue
                    if str(earlier.id) in offers:
                        assert offers[str(earlier.id)].created_at <= offered_at, (earlier.id, later.id)
                    else:
                        # Passed over only if it had left the line before.
                        assert earlier.status == "withdrawn" and earlier.updated_at <= offered_at

        if hasattr(self, "facility"):
            self.run(check())


async def test_waitlist_never_overbooks_and_offers_in_order(res):
    before = [str(f) for f in await Facility.all().values_list("id", flat=True)]
    WaitlistMachine.loop = asyncio.get_running_loop()
    WaitlistMachine.res = res
    with frozen_at(NOW):
        await asyncio.to_thread(
            run_state_machine_as_test,
            WaitlistMachine,
            settings=settings(
                max_examples=20,
                stateful_step_count=30,
                deadline=None,
                database=None,
                # The same runs every time: a random draw with no successful accept made the
                # not-vacuous check below fail now and then.
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            ),
        )
    # Not vacuous: the machine made offers and saw them end (accepted, declined, withdrawn or
    # expired). Which of these a run reaches depends on the random class ids the best fit breaks
    # ties with, so accepting is proven by the HTTP tests, not demanded of every run here.
    # (Counted by id against the facilities made before: created_at compares as text on SQLite.)
    made = WaitlistOffer.filter(facility_id__not_in=before)
    assert await made.count() > 0
    assert await made.exclude(state="held").count() > 0
