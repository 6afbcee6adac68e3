"""The days of a booking as data (API.md "Days of care"): made with the booking, shown with it.

What happens on a day (check-in, check-out, no-show, absence, closure) is in attendance.py; this
module only creates the rows and serialises them, so the booking service can use it without a cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from backend.bookings import repository
from backend.calendar import iso_local
from backend.rules import DayStatus

if TYPE_CHECKING:
    from backend.models import Booking, BookingDay


def day_prices(price_fen: int, count: int) -> list[int]:
    """The booking's price split over its days, the remainder on the first, so they sum to it."""
    if count <= 0:
        return []
    share, rest = divmod(price_fen, count)
    return [share + (rest if index == 0 else 0) for index in range(count)]


async def create_days(booking: Booking, days: Sequence[date]) -> list[BookingDay]:
    """One expected day per day the booking covers (inside the caller's transaction)."""
    ordered = sorted(set(days))
    return await repository.create_days(
        [
            {"booking_id": booking.id, "date": day, "status": DayStatus.expected, "price_fen": price}
            for day, price in zip(ordered, day_prices(booking.price_fen, len(ordered)), strict=True)
        ]
    )


async def replace_days(booking: Booking, days: Sequence[date]) -> list[BookingDay]:
    """A booking moved to other days (a reschedule, before it began) gets those days, all expected."""
    await repository.delete_days(booking.id)
    return await create_days(booking, days)


def day_json(day: BookingDay) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "status": day.status,
        "check_in_at": iso_local(day.check_in_at),
        "check_out_at": iso_local(day.check_out_at),
        "health_check": day.health_check,
        "picked_up_by": day.picked_up_by,
        "absence_reason": day.absence_reason,
    }


async def attach_days(answers: Sequence[dict[str, Any]]) -> None:
    """Adds `days` to serialised bookings, with one query for all of them."""
    found = await repository.days_of([a["id"] for a in answers])
    for answer in answers:
        answer["days"] = [day_json(d) for d in found.get(answer["id"], [])]
