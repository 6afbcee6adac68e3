"""The days of a booking as data (API.md "Days of care"): made with the booking, shown with it.

What happens on a day (check-in, check-out, no-show, absence, closure) is in attendance.py; this
module only creates the rows and serialises them, so the booking service can use it without a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from backend.bookings import repository
from backend.bookings.schemas import CareDayAnswer, MorningCheckAnswer
from backend.rules import DayStatus

if TYPE_CHECKING:
    from backend.models import Booking, BookingDay


def day_prices(price_fen: int, count: int) -> list[int]:
    """The booking's price split over its days, the remainder on the first, so they sum to it."""
    if count <= 0:
        return []
    share, rest = divmod(price_fen, count)
    return [share + (rest if index == 0 else 0) for index in range(count)]


def day_rows(booking: Booking, days: Sequence[date]) -> list[dict[str, Any]]:
    """The rows of a booking's days: one expected day per day it covers, sharing its price."""
    ordered = sorted(set(days))
    return [
        {"booking_id": booking.id, "date": day, "status": DayStatus.expected, "price_fen": price}
        for day, price in zip(ordered, day_prices(booking.price_fen, len(ordered)), strict=True)
    ]


async def create_days(booking: Booking, days: Sequence[date]) -> list[BookingDay]:
    """One expected day per day the booking covers (inside the caller's transaction)."""
    return await repository.create_days(day_rows(booking, days))


async def replace_days(booking: Booking, days: Sequence[date]) -> list[BookingDay]:
    """A booking moved to other days (a reschedule, before it began) gets those days, all expected."""
    await repository.delete_days(booking.id)
    return await create_days(booking, days)


DayAnswerT = TypeVar("DayAnswerT", bound=CareDayAnswer)


def day_answer(model: type[DayAnswerT], day: BookingDay, **more: Any) -> DayAnswerT:
    """The day as its routes show it, as `model`: CareDayAnswer, or an answer extending it with
    the fields of `more`."""
    # The morning check is kept as the JSON written at check-in, so it is read back as stored.
    check = MorningCheckAnswer.model_validate(day.health_check) if day.health_check is not None else None
    return model(
        date=day.date,
        status=day.status,
        check_in_at=day.check_in_at,
        check_out_at=day.check_out_at,
        health_check=check,
        picked_up_by=day.picked_up_by,
        absence_reason=day.absence_reason,
        **more,
    )


async def days_of(booking_ids: Sequence[str]) -> dict[str, list[CareDayAnswer]]:
    """The days of these bookings (booking id -> its days), with one query for all of them."""
    found = await repository.days_of(booking_ids)
    return {
        booking_id: [day_answer(CareDayAnswer, d) for d in found.get(booking_id, [])]
        for booking_id in booking_ids
    }
