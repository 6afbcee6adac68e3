"""The booking service against the real database, with the service clock frozen."""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import uuid
from datetime import date, timedelta
from typing import Any
from unittest.mock import patch

import pytest
from tortoise import connections

from backend import ratelimit
from backend.bookings import engine, manage, service
from backend.bookings import ledger as occupancy_ledger
from backend.bookings.schemas import BookingAnswer, BookingListQuery, ClassChanges
from backend.calendar import iso_local
from backend.context import Caller
from backend.db.uow import UnitOfWork
from backend.errors import (
    Conflict,
    Forbidden,
    NoCapacity,
    NotBookable,
    NotFound,
    RateLimited,
    ValidationFailed,
)
from backend.models import Booking, BookingEvent, Closure, FacilityClass, IdempotencyKey, OutgoingMessage
from backend.parents import service as parents_service
from backend.regulation import registration
from backend.regulation.registration import FacilityRecordChanges
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    facility_staff,
    frozen_at,
    new_key,
    parent_with_child,
    request_for,
    shanghai,
)
from tests.factories import make_account, make_facility

MONDAY = date(2026, 3, 2)  # no statutory holiday near it
NOW = shanghai(2026, 3, 2, 9, 0)


def field_of(exc: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return next(iter(exc.value.details["fields"]))


async def test_full_day_books_each_open_day_and_prices_per_day(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        answer = await service.create_booking(
            res,
            caller,
            request_for(facility, child, "full_day", MONDAY + timedelta(1), end_date=MONDAY + timedelta(3)),
            new_key(),
        )
    assert answer.status == "pending"
    assert answer.class_kind == "toddler"
    assert answer.price_fen == 3 * 10000
    assert (answer.session, answer.start_time, answer.end_time) == (None, None, None)
    booking = await Booking.get(id=answer.id)
    assert booking.slots == {(MONDAY + timedelta(d)).isoformat(): list(range(8, 17)) for d in (1, 2, 3)}
    assert iso_local(answer.first_hour_at) == "2026-03-03T08:00:00+08:00"
    assert iso_local(answer.last_hour_end_at) == "2026-03-05T17:00:00+08:00"
    events = await BookingEvent.filter(booking_id=booking.id)
    assert [(e.from_status, e.to_status, e.actor_role) for e in events] == [(None, "pending", "parent")]
    await assert_ledger_true(facility)


async def test_full_and_half_day_start_tomorrow_at_the_earliest_and_span_three_months(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        for care_type, extra in (("full_day", {}), ("half_day", {"session": "am"})):
            with pytest.raises(ValidationFailed) as exc:
                await service.create_booking(
                    res, caller, request_for(facility, child, care_type, MONDAY, **extra), new_key()
                )
            assert field_of(exc) == "start_date"
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res,
                caller,
                request_for(
                    facility, child, "full_day", MONDAY + timedelta(1), end_date=MONDAY + timedelta(93)
                ),
                new_key(),
            )
        assert field_of(exc) == "end_date"
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res,
                caller,
                request_for(
                    facility, child, "full_day", MONDAY + timedelta(2), end_date=MONDAY + timedelta(1)
                ),
                new_key(),
            )
        assert field_of(exc) == "end_date"


async def test_half_day_needs_a_session_and_takes_its_hours(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res, caller, request_for(facility, child, "half_day", MONDAY + timedelta(1)), new_key()
            )
        assert field_of(exc) == "session"
        answer = await service.create_booking(
            res,
            caller,
            request_for(facility, child, "half_day", MONDAY + timedelta(1), session="pm"),
            new_key(),
        )
    assert answer.session == "pm" and answer.price_fen == 6000
    booking = await Booking.get(id=answer.id)
    assert booking.slots == {(MONDAY + timedelta(1)).isoformat(): [13, 14, 15, 16]}


async def test_hourly_window_hours_and_price(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)

    async def hourly(day: date, start: str, end: str) -> dict:
        return await service.create_booking(
            res,
            caller,
            request_for(facility, child, "hourly", day, start_time=start, end_time=end),
            new_key(),
        )

    with frozen_at(NOW) as clock:
        answer = await hourly(MONDAY, "10:00", "12:00")  # exactly one hour ahead
        assert answer.price_fen == 2 * 3000 and answer.start_time == "10:00" and answer.end_time == "12:00"
        clock.set(shanghai(2026, 3, 2, 9, 1))
        with pytest.raises(ValidationFailed) as exc:
            await hourly(MONDAY, "10:00", "11:00")
        assert field_of(exc) == "start_time"
        with pytest.raises(ValidationFailed) as exc:
            await hourly(MONDAY + timedelta(15), "10:00", "11:00")
        assert field_of(exc) == "start_date"
        with pytest.raises(ValidationFailed) as exc:
            await hourly(MONDAY - timedelta(1), "10:00", "11:00")
        assert field_of(exc) == "start_date"
        with pytest.raises(ValidationFailed) as exc:
            await hourly(MONDAY + timedelta(1), "07:00", "09:00")
        assert field_of(exc) == "start_time"
        with pytest.raises(ValidationFailed) as exc:
            await hourly(MONDAY + timedelta(1), "16:00", "18:00")
        assert field_of(exc) == "end_time"
        with pytest.raises(ValidationFailed) as exc:
            await hourly(MONDAY + timedelta(1), "11:00", "11:00")
        assert field_of(exc) == "end_time"
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res,
                caller,
                request_for(
                    facility,
                    child,
                    "hourly",
                    MONDAY + timedelta(1),
                    end_date=MONDAY + timedelta(2),
                    start_time="09:00",
                    end_time="10:00",
                ),
                new_key(),
            )
        assert field_of(exc) == "end_date"
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res,
                caller,
                request_for(facility, child, "hourly", MONDAY + timedelta(1), start_time="09:00"),
                new_key(),
            )
        assert field_of(exc) == "end_time"
        assert (await hourly(MONDAY + timedelta(14), "16:00", "17:00")).price_fen == 3000


async def test_temporary_window(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)

    async def temporary(start: date, end: date | None = None) -> dict:
        fields = {"end_date": end} if end else {}
        return await service.create_booking(
            res, caller, request_for(facility, child, "temporary", start, **fields), new_key()
        )

    with frozen_at(shanghai(2026, 3, 2, 6, 0)) as clock:
        answer = await temporary(MONDAY)  # 08:00 start, two hours ahead
        assert answer.price_fen == 12000
        clock.set(shanghai(2026, 3, 2, 6, 1))
        with pytest.raises(ValidationFailed) as exc:
            await temporary(MONDAY + timedelta(0))
        assert field_of(exc) == "start_date"
        with pytest.raises(ValidationFailed) as exc:
            await temporary(MONDAY + timedelta(8))
        assert field_of(exc) == "start_date"
        with pytest.raises(ValidationFailed) as exc:
            await temporary(MONDAY + timedelta(1), MONDAY + timedelta(8))
        assert field_of(exc) == "end_date"
        answer = await temporary(MONDAY + timedelta(1), MONDAY + timedelta(7))
        assert answer.price_fen == 7 * 12000


async def test_days_not_open_are_skipped_and_a_closed_range_is_refused(res):
    facility = await make_facility(res, open_weekdays=[1, 2, 3, 4, 5])
    await Closure.create(facility=facility, date=MONDAY + timedelta(2), reason="消杀")
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        answer = await service.create_booking(
            res,
            caller,
            request_for(facility, child, "full_day", MONDAY + timedelta(1), end_date=MONDAY + timedelta(7)),
            new_key(),
        )
        # Tue..Mon: Wed closed, Sat and Sun not open days: Tue, Thu, Fri, Mon.
        assert answer.price_fen == 4 * 10000
        booking = await Booking.get(id=answer.id)
        assert sorted(booking.slots) == [(MONDAY + timedelta(d)).isoformat() for d in (1, 3, 4, 7)]
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res,
                caller,
                request_for(
                    facility, child, "full_day", MONDAY + timedelta(5), end_date=MONDAY + timedelta(6)
                ),
                new_key(),
            )
        assert field_of(exc) == "start_date"


async def test_a_child_no_class_takes_is_refused_naming_the_child(res):
    facility = await make_facility(res)  # one toddler class, 12-23 months
    with frozen_at(NOW):
        for age in (8, 30):
            _, _, child, caller = await parent_with_child(res, age, MONDAY)
            with pytest.raises(ValidationFailed) as exc:
                await service.create_booking(
                    res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
                )
            assert field_of(exc) == "child_id"
        narrow = await make_facility(res, age_min_months=20, age_max_months=36)
        _, _, child, caller = await parent_with_child(res, 18, MONDAY)
        with pytest.raises(ValidationFailed) as exc:
            await service.create_booking(
                res, caller, request_for(narrow, child, "full_day", MONDAY + timedelta(1)), new_key()
            )
        assert field_of(exc) == "child_id"


async def test_age_is_taken_on_the_first_day_of_care(res):
    facility = await make_facility(res)  # toddler 12-23
    _, _, child, caller = await parent_with_child(res, 0, MONDAY)
    child.birth_date = date(2025, 3, 20)  # 11 months on 2026-03-03, 12 months from 2026-03-20
    await child.save()
    with frozen_at(NOW):
        with pytest.raises(ValidationFailed):
            await service.create_booking(
                res, caller, request_for(facility, child, "full_day", date(2026, 3, 19)), new_key()
            )
        answer = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", date(2026, 3, 20)), new_key()
        )
    assert answer.class_kind == "toddler"


async def test_one_child_cannot_be_in_two_places_at_one_hour(res):
    first = await make_facility(res)
    second = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    day = MONDAY + timedelta(1)
    with frozen_at(NOW):
        held = await service.create_booking(
            res, caller, request_for(first, child, "half_day", day, session="am"), new_key()
        )
        with pytest.raises(Conflict) as exc:
            await service.create_booking(
                res,
                caller,
                request_for(second, child, "hourly", day, start_time="11:00", end_time="13:00"),
                new_key(),
            )
        assert exc.value.details["bookings"] == [held.id]
        await service.create_booking(
            res, caller, request_for(second, child, "half_day", day, session="pm"), new_key()
        )
        await service.cancel_booking(res, caller, held.id, None)
        await service.create_booking(
            res,
            caller,
            request_for(second, child, "hourly", day, start_time="11:00", end_time="12:00"),
            new_key(),
        )


async def test_facilities_that_take_no_bookings(res):
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        for fields in (
            {"filing_status": "unfiled"},
            {"suspended": True},
            {"filing_status": "revoked"},
            {"care_types": ["full_day"]},
            # Offered but never priced (the bureau registers facilities without prices).
            {"prices": {"full_day": 10000}},
        ):
            facility = await make_facility(res, **fields)
            with pytest.raises(NotBookable):
                await service.create_booking(
                    res,
                    caller,
                    request_for(facility, child, "half_day", MONDAY + timedelta(1), session="am"),
                    new_key(),
                )


async def test_another_parents_child_or_booking_is_not_found(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    _, _, _, stranger = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        with pytest.raises(NotFound):
            await service.create_booking(
                res, stranger, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
            )
        mine = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
        )
        with pytest.raises(NotFound):
            await service.get_booking(res, stranger, mine.id)
        with pytest.raises(NotFound):
            await service.cancel_booking(res, stranger, mine.id, None)
        with pytest.raises(NotFound):
            await service.get_booking(res, caller, "not-a-uuid")
        with pytest.raises(Forbidden):
            staff = Caller(account_id=caller.account_id, role="facility_admin", facility_id=str(facility.id))
            await service.create_booking(
                res, staff, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
            )


async def test_idempotency_key_answers_the_first_booking(res):
    facility = await make_facility(res)
    parent, _, child, caller = await parent_with_child(res, 18, MONDAY)
    key = new_key()
    with frozen_at(NOW):
        request = request_for(facility, child, "full_day", MONDAY + timedelta(1))
        first = await service.create_booking(res, caller, request, key)
        again = await service.create_booking(
            res,
            caller,
            request_for(facility, child, "full_day", MONDAY + timedelta(1), end_date=MONDAY + timedelta(1)),
            key,
        )
        assert again == first
        with pytest.raises(Conflict):
            await service.create_booking(
                res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(2)), key
            )
        for bad in (None, "", "   ", "k" * 101):
            with pytest.raises(ValidationFailed) as exc:
                await service.create_booking(res, caller, request, bad)
            assert field_of(exc) == "Idempotency-Key"
    assert await Booking.filter(parent_id=parent.id).count() == 1
    assert await IdempotencyKey.filter(account_id=parent.id).count() == 1


async def test_concurrent_retries_with_one_key_make_one_booking(res):
    facility = await make_facility(res)
    parent, _, child, caller = await parent_with_child(res, 18, MONDAY)
    key = new_key()
    request = request_for(facility, child, "full_day", MONDAY + timedelta(1))
    with frozen_at(NOW):
        answers = await asyncio.gather(
            *(service.create_booking(res, caller, request, key) for _ in range(10))
        )
    assert len({a.id for a in answers}) == 1
    assert await Booking.filter(parent_id=parent.id).count() == 1
    await assert_ledger_true(facility)


async def test_auto_confirm_confirms_at_once_and_sends_no_confirmation_notice(res):
    facility = await make_facility(res, auto_confirm=True)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        answer = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
        )
    assert answer.status == "confirmed"
    detail = await service.get_booking(res, caller, answer.id)
    assert [(h.from_status, h.to_status, h.actor_role) for h in detail.history] == [
        (None, "pending", "parent"),
        ("pending", "confirmed", "system"),
    ]
    # The parent reads the confirmation in the answer itself; a notice would spend a grant on it.
    assert await OutgoingMessage.filter(booking_id=answer.id).count() == 0


async def test_best_fit_fills_the_roomiest_fitting_class_then_refuses(res):
    facility = await make_facility(
        res,
        classes=[
            {"kind": "toddler", "name": "托小", "places": 2, "caregivers": 1},
            {"kind": "mixed", "name": "混合", "places": 3, "caregivers": 1},
            {"kind": "preschool", "name": "托大", "places": 9, "caregivers": 2},
        ],
    )
    day = MONDAY + timedelta(1)
    kinds = []
    with frozen_at(NOW):
        for _ in range(5):
            _, _, child, caller = await parent_with_child(res, 20, MONDAY)  # toddler or mixed
            answer = await service.create_booking(
                res, caller, request_for(facility, child, "full_day", day), new_key()
            )
            kinds.append(answer.class_kind)
        assert kinds[0] == "mixed"  # 3 free against 2
        assert sorted(kinds) == ["mixed", "mixed", "mixed", "toddler", "toddler"]
        _, _, child, caller = await parent_with_child(res, 20, MONDAY)
        with pytest.raises(NoCapacity):
            await service.create_booking(
                res, caller, request_for(facility, child, "full_day", day), new_key()
            )
        # An hourly booking on another day still finds room.
        await service.create_booking(
            res,
            caller,
            request_for(facility, child, "hourly", day + timedelta(1), start_time="09:00", end_time="10:00"),
            new_key(),
        )
    await assert_ledger_true(facility)


async def test_all_or_nothing_when_one_hour_is_full(res):
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1}]
    )
    day = MONDAY + timedelta(1)
    with frozen_at(NOW):
        _, _, child, caller = await parent_with_child(res, 18, MONDAY)
        await service.create_booking(
            res,
            caller,
            request_for(facility, child, "hourly", day, start_time="12:00", end_time="13:00"),
            new_key(),
        )
        _, _, child, caller = await parent_with_child(res, 18, MONDAY)
        with pytest.raises(NoCapacity):
            await service.create_booking(
                res,
                caller,
                request_for(facility, child, "full_day", day, end_date=day + timedelta(1)),
                new_key(),
            )
    ledger = await occupancy_ledger.taken_counts(await class_ids_of(facility))
    assert sum(ledger.values()) == 1
    await assert_ledger_true(facility)


async def test_rate_limit_per_parent(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    tight = dataclasses.replace(res, settings=res.settings.model_copy(update={"booking_rate_per_minute": 2}))
    with frozen_at(NOW):
        for day in (1, 2):
            await service.create_booking(
                tight, caller, request_for(facility, child, "full_day", MONDAY + timedelta(day)), new_key()
            )
        with pytest.raises(RateLimited):
            await service.create_booking(
                tight, caller, request_for(facility, child, "full_day", MONDAY + timedelta(3)), new_key()
            )


async def test_a_retry_past_the_rate_limit_still_answers_the_first_booking(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    tight = dataclasses.replace(res, settings=res.settings.model_copy(update={"booking_rate_per_minute": 1}))
    key = new_key()
    with frozen_at(NOW):
        request = request_for(facility, child, "full_day", MONDAY + timedelta(1))
        first = await service.create_booking(tight, caller, request, key)
        for _ in range(3):
            assert await service.create_booking(tight, caller, request, key) == first


async def test_an_attempt_over_the_rate_limit_leaves_its_key_unused(res):
    facility = await make_facility(res)
    parent, _, child, caller = await parent_with_child(res, 18, MONDAY)
    tight = dataclasses.replace(res, settings=res.settings.model_copy(update={"booking_rate_per_minute": 1}))
    key = new_key()
    with frozen_at(NOW):
        await service.create_booking(
            tight, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
        )
        request = request_for(facility, child, "full_day", MONDAY + timedelta(2))
        with pytest.raises(RateLimited):
            await service.create_booking(tight, caller, request, key)
        assert not await IdempotencyKey.filter(account_id=parent.id, key=key).exists()
        await ratelimit.reset(res, "booking", caller.account_id)
        booked = await service.create_booking(tight, caller, request, key)
    assert booked.start_date == MONDAY + timedelta(2)
    assert await IdempotencyKey.filter(account_id=parent.id, key=key, booking_id=booked.id).exists()


async def test_an_expired_key_books_anew(res):
    facility = await make_facility(res)
    parent, _, child, caller = await parent_with_child(res, 18, MONDAY)
    key = new_key()
    with frozen_at(NOW):
        first = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), key
        )
        long_ago = NOW - timedelta(hours=res.settings.idempotency_ttl_hours + 1)
        await IdempotencyKey.filter(account_id=parent.id, key=key).update(created_at=long_ago)
        second = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(2)), key
        )
    assert second.id != first.id and second.start_date == MONDAY + timedelta(2)
    stored = await IdempotencyKey.get(account_id=parent.id, key=key)
    assert str(stored.booking_id) == second.id


async def test_parent_cancels_within_the_window_and_the_places_are_free_at_once(res):
    facility = await make_facility(
        res,
        cancel_before_hours=2,
        classes=[{"kind": "toddler", "name": "托小", "places": 1, "caregivers": 1}],
    )
    day = MONDAY + timedelta(1)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    _, _, other_child, other = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW) as clock:
        early = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", day), new_key()
        )
        with pytest.raises(NoCapacity):
            await service.create_booking(
                res, other, request_for(facility, other_child, "full_day", day), new_key()
            )
        clock.set(shanghai(2026, 3, 3, 6, 0))
        cancelled = await service.cancel_booking(res, caller, early.id, "孩子生病")
        assert cancelled.status == "cancelled" and cancelled.status_reason == "孩子生病"
        assert sum((await occupancy_ledger.taken_counts(await class_ids_of(facility))).values()) == 0
        late = await service.create_booking(
            res, other, request_for(facility, other_child, "temporary", day), new_key()
        )
        with pytest.raises(Conflict):
            await service.cancel_booking(res, caller, early.id, None)
        # Made as the facility's window closed: the parent still has 15 minutes to take it back.
        assert iso_local(late.cancellable_until) == "2026-03-03T06:15:00+08:00"
        clock.set(shanghai(2026, 3, 3, 6, 16))
        with pytest.raises(Conflict) as exc:
            await service.cancel_booking(res, other, late.id, None)
        assert exc.value.details["cancel_before"] == "2026-03-03T06:15:00+08:00"
    # The parent's own move is not pushed to the parent.
    assert await OutgoingMessage.filter(booking_id=early.id).count() == 0
    await assert_ledger_true(facility)


async def test_a_booking_carries_the_facilitys_cancel_window(res):
    facility = await make_facility(res, cancel_before_hours=2)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        booked = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
        )
    assert iso_local(booked.cancellable_until) == "2026-03-03T06:00:00+08:00"
    stored = await Booking.get(id=booked.id)
    rebuilt = service.booking_answer(BookingAnswer, stored, [], facility_name=None)
    assert iso_local(rebuilt.cancellable_until) == iso_local(booked.cancellable_until)


async def test_a_late_booking_can_be_cancelled_within_15_minutes_of_being_made(res):
    facility = await make_facility(res, cancel_before_hours=24)
    day = MONDAY + timedelta(1)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(shanghai(2026, 3, 3, 5, 0)) as clock:
        booked = await service.create_booking(
            res, caller, request_for(facility, child, "temporary", day), new_key()
        )
        # The facility's window (24 hours before 08:00) had closed before it was made.
        assert iso_local(booked.cancellable_until) == "2026-03-03T05:15:00+08:00"
        clock.set(shanghai(2026, 3, 3, 5, 15))
        cancelled = await service.cancel_booking(res, caller, booked.id, None)
    assert cancelled.status == "cancelled"
    await assert_ledger_true(facility)


async def test_parent_lists_own_bookings_newest_first_with_paging(res):
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    _, _, _, stranger = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        made = [
            (
                await service.create_booking(
                    res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(d)), new_key()
                )
            ).id
            for d in (1, 2, 3)
        ]
        await service.cancel_booking(res, caller, made[0], None)
    page = await service.list_bookings(res, caller, BookingListQuery(limit=2))
    assert [b.id for b in page.items] == [made[2], made[1]]
    rest = await service.list_bookings(res, caller, BookingListQuery(limit=2, cursor=page.next_cursor))
    assert [b.id for b in rest.items] == [made[0]] and rest.next_cursor is None
    cancelled = await service.list_bookings(
        res, caller, BookingListQuery.model_validate({"status": "cancelled"})
    )
    assert [b.id for b in cancelled.items] == [made[0]]
    assert (await service.list_bookings(res, stranger, BookingListQuery())).items == []


async def test_check_capacity_change_names_the_bookings_over_it(res):
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小", "places": 3, "caregivers": 1}]
    )
    ids = []
    with frozen_at(NOW):
        for day in (1, 1, 2):
            _, _, child, caller = await parent_with_child(res, 18, MONDAY)
            ids.append(
                (
                    await service.create_booking(
                        res,
                        caller,
                        request_for(facility, child, "full_day", MONDAY + timedelta(day)),
                        new_key(),
                    )
                ).id
            )
        klass = await FacilityClass.get(facility_id=facility.id)
        assert await engine.check_capacity_change(klass, 2, 1, now=NOW) == []
        assert await engine.check_capacity_change(klass, 1, 1, now=NOW) == sorted(ids[:2])
        # Once those hours are over they no longer count.
        assert await engine.check_capacity_change(klass, 1, 1, now=shanghai(2026, 3, 3, 17, 0)) == []


async def test_bureau_cancels_a_facilitys_future_bookings_and_tells_parents(res):
    facility = await make_facility(res)
    regulator = Caller(account_id=str((await facility_staff(res, facility))[0].id), role="regulator")
    ids = []
    with frozen_at(NOW):
        for day in (1, 2):
            _, _, child, caller = await parent_with_child(res, 18, MONDAY)
            ids.append(
                (
                    await service.create_booking(
                        res,
                        caller,
                        request_for(facility, child, "full_day", MONDAY + timedelta(day)),
                        new_key(),
                    )
                ).id
            )
        await service.cancel_booking(res, caller, ids[1], None)
        async with UnitOfWork(res) as uow:
            cancelled = await service.cancel_future_bookings_of_facility(
                uow, str(facility.id), "备案撤销", regulator
            )
    assert cancelled == [ids[0]]
    booking = await Booking.get(id=ids[0])
    assert (booking.status, booking.status_reason) == ("cancelled", "备案撤销")
    assert [m.event for m in await OutgoingMessage.filter(booking_id=ids[0])] == ["cancelled"]
    assert sum((await occupancy_ledger.taken_counts(await class_ids_of(facility))).values()) == 0
    await assert_ledger_true(facility)


async def test_unconfirmed_bookings_expire_when_their_first_hour_begins(res):
    # Dates of their own (2025), so no other test's pending bookings are old enough to expire.
    facility = await make_facility(res)
    day = date(2025, 6, 10)
    with frozen_at(shanghai(2025, 6, 9, 9)) as clock:
        _, _, child, caller = await parent_with_child(res, 18, day)
        pending = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", day, end_date=day + timedelta(1)), new_key()
        )
        _, _, child, caller = await parent_with_child(res, 18, day)
        confirmed = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", day), new_key()
        )
        _, _, admin = await facility_staff(res, facility)
        await service.move_booking(res, admin, confirmed.id, "confirm")
        clock.set(shanghai(2025, 6, 10, 7, 59))
        assert await service.expire_unconfirmed_bookings(res) == 0
        clock.set(shanghai(2025, 6, 10, 8, 0))
        assert await service.expire_unconfirmed_bookings(res) == 1
    booking = await Booking.get(id=pending.id)
    assert (booking.status, booking.status_reason) == ("cancelled", service.EXPIRED_REASON)
    # The hour that began stays held; the rest is free again.
    assert booking.slots == {"2025-06-10": [8]}
    assert (await Booking.get(id=confirmed.id)).status == "confirmed"
    assert [m.event for m in await OutgoingMessage.filter(booking_id=pending.id)] == ["cancelled"]
    await assert_ledger_true(facility)


async def test_class_shrink_is_refused_naming_bookings_and_leaves_the_class_alone(res):
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小", "places": 2, "caregivers": 1}]
    )
    _, _, admin = await facility_staff(res, facility)
    klass = await FacilityClass.get(facility_id=facility.id)
    ids = []
    with frozen_at(NOW):
        for _ in range(2):
            _, _, child, caller = await parent_with_child(res, 18, MONDAY)
            ids.append(
                (
                    await service.create_booking(
                        res,
                        caller,
                        request_for(facility, child, "full_day", MONDAY + timedelta(1)),
                        new_key(),
                    )
                ).id
            )
        with pytest.raises(Conflict) as exc:
            await manage.change_class(res, admin, str(klass.id), ClassChanges(places=1))
        assert exc.value.details["bookings"] == sorted(ids)
        assert (await FacilityClass.get(id=klass.id)).places == 2
        grown = await manage.change_class(res, admin, str(klass.id), ClassChanges(places=4, caregivers=1))
        assert grown.capacity == 4


async def test_a_deleted_child_cannot_be_booked(res):
    # Deleting a child with a booking history keeps it, anonymised and hidden (parents service):
    # it must be hidden from booking too.
    facility = await make_facility(res)
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    with frozen_at(NOW):
        first = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
        )
        await service.cancel_booking(res, caller, first.id, None)
        await parents_service.delete_child(res, caller, str(child.id))
        with pytest.raises(NotFound):
            await service.create_booking(
                res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(2)), new_key()
            )
    assert await Booking.filter(child_id=child.id).count() == 1


async def test_a_booking_racing_a_suspension_is_refused_or_cancelled(res):
    # The booking reads the facility; before it locks the classes, the bureau suspends the facility
    # and cancels its bookings. The booking must then see the suspension, not slip in after the
    # cancellations. SQLite runs one writer at a time, so the interleaving exists on PostgreSQL only.
    if connections.get("default").capabilities.dialect == "sqlite":
        pytest.skip("SQLite serialises write transactions; no interleaving to test")
    facility = await make_facility(res)
    regulator = Caller(account_id=str((await make_account(res, "regulator"))[0].id), role="regulator")
    _, _, child, caller = await parent_with_child(res, 18, MONDAY)
    outside = contextvars.copy_context()
    real_read_classes = engine.read_classes
    suspended = False

    async def read_classes_after_a_suspension(*args: Any, **kwargs: Any) -> list[engine.ClassSeat]:
        nonlocal suspended
        if not suspended:
            suspended = True
            changes = FacilityRecordChanges(suspended=True, suspension_reason="安全隐患")
            suspension = registration.update_facility_record(res, regulator, str(facility.id), changes)
            # Outside the booking's transaction, on a connection of its own.
            await asyncio.get_running_loop().create_task(suspension, context=outside.copy())
        return await real_read_classes(*args, **kwargs)

    with frozen_at(NOW), patch.object(engine, "read_classes", read_classes_after_a_suspension):
        with pytest.raises(NotBookable):
            await service.create_booking(
                res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
            )
    assert suspended
    assert not await Booking.filter(facility_id=facility.id, status__in=["pending", "confirmed"]).exists()
    await assert_ledger_true(facility)


async def test_cancelling_withdraws_the_reminders_not_yet_sent(res):
    from backend.push.outbox import queue_message

    facility = await make_facility(res, auto_confirm=True, cancel_before_hours=2)
    parent, _, child, caller = await parent_with_child(res, 18, MONDAY)
    parent.openid = f"o{uuid.uuid4().hex[:20]}"
    await parent.save()
    with frozen_at(NOW):
        booked = await service.create_booking(
            res, caller, request_for(facility, child, "full_day", MONDAY + timedelta(1)), new_key()
        )
        reminder = await queue_message(
            kind="subscribe",
            dedup_key=f"booking:{booked.id}:reminder_day_before",
            recipient_openid=parent.openid,
            template_id=res.settings.wechat_template_booking,
            event="reminder_day_before",
            payload={},
            account_id=str(parent.id),
            booking_id=booked.id,
        )
        await service.cancel_booking(res, caller, booked.id, None)
    row = await OutgoingMessage.get(id=reminder)
    assert row.state == "withdrawn"
    assert (await service.get_booking(res, caller, booked.id)).status == "cancelled"
