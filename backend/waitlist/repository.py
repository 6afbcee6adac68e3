"""Every query of the waitlist domain; access-scoped getters answer "not yours" as "missing"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from backend.accounts.repository import uuid_or_not_found
from backend.errors import NotFound
from backend.models import BookingReschedule, WaitlistEntry, WaitlistOffer
from backend.paging import page_by_creation

WAITING = "waiting"
OFFERED = "offered"
ACCEPTED = "accepted"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
LIVE_STATUSES: tuple[str, ...] = (WAITING, OFFERED)

HELD = "held"


async def get_entry_for_parent(entry_id: str, parent_id: str, *, lock: bool = False) -> WaitlistEntry:
    query = WaitlistEntry.filter(id=uuid_or_not_found(entry_id, "waitlist entry"), parent_id=parent_id)
    if lock:
        query = query.select_for_update()
    entry = await query.first()
    if entry is None:
        raise NotFound("没有这条候补记录。")
    return entry


async def live_entry_with_key(child_id: str, request_key: str) -> WaitlistEntry | None:
    return await WaitlistEntry.filter(
        child_id=child_id, request_key=request_key, status__in=LIVE_STATUSES
    ).first()


async def waiting_entries_of_facility(
    facility_id: str, *, overlapping: tuple[date, date] | None = None
) -> list[WaitlistEntry]:
    """The facility's waiting entries in entry order (optionally only those touching the dates)."""
    query = WaitlistEntry.filter(facility_id=facility_id, status=WAITING)
    if overlapping is not None:
        query = query.filter(start_date__lte=overlapping[1], end_date__gte=overlapping[0])
    return list(await query.order_by("created_at", "id").select_related("child"))


async def live_entries_of_facility(facility_id: str) -> list[WaitlistEntry]:
    return list(
        await WaitlistEntry.filter(facility_id=facility_id, status__in=LIVE_STATUSES)
        .order_by("created_at", "id")
        .select_related("child")
    )


async def position_of(entry: WaitlistEntry) -> int | None:
    """Where a live entry stands in its facility's line now (1 = next), counted afresh each time."""
    if entry.status not in LIVE_STATUSES:
        return None
    ahead = await WaitlistEntry.filter(
        facility_id=entry.facility_id,  # type: ignore[attr-defined]
        status__in=LIVE_STATUSES,
        created_at__lt=entry.created_at,
    ).count()
    same_moment = await WaitlistEntry.filter(
        facility_id=entry.facility_id,  # type: ignore[attr-defined]
        status__in=LIVE_STATUSES,
        created_at=entry.created_at,
        id__lt=entry.id,
    ).count()
    return ahead + same_moment + 1


async def page_of_parent_entries(
    parent_id: str, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[WaitlistEntry], str | None]:
    return await page_by_creation(
        WaitlistEntry.filter(parent_id=parent_id),
        secret_key=secret_key,
        limit=limit,
        cursor=cursor,
        newest_first=True,
    )


async def offer_of(entry_id: str, *, lock: bool = False) -> WaitlistOffer | None:
    query = WaitlistOffer.filter(entry_id=entry_id)
    if lock:
        query = query.select_for_update()
    return await query.first()


async def offers_of(entry_ids: Sequence[str]) -> dict[str, WaitlistOffer]:
    if not entry_ids:
        return {}
    offers = await WaitlistOffer.filter(entry_id__in=list(entry_ids))
    return {str(o.entry_id): o for o in offers}  # type: ignore[attr-defined]


async def held_offers_due(by: datetime, facility_id: str | None = None) -> list[WaitlistOffer]:
    query = WaitlistOffer.filter(state=HELD, expires_at__lte=by)
    if facility_id is not None:
        query = query.filter(facility_id=facility_id)
    return list(await query.order_by("expires_at", "id"))


async def held_offers_expiring_before(by: datetime) -> list[WaitlistOffer]:
    return list(await WaitlistOffer.filter(state=HELD, reminded=False, expires_at__lte=by).order_by("id"))


async def held_offers_on(facility_id: str, day: date) -> list[WaitlistOffer]:
    offers = await WaitlistOffer.filter(facility_id=facility_id, state=HELD).order_by("id")
    return [o for o in offers if day.isoformat() in (o.slots or {})]


async def lock_offer(offer_id: int) -> WaitlistOffer | None:
    return await WaitlistOffer.filter(id=offer_id).select_for_update().first()


async def reschedule_count(booking_id: str) -> int:
    return await BookingReschedule.filter(booking_id=booking_id).count()


async def facilities_with_a_live_line() -> set[str]:
    """Every facility where someone waits or holds an offer (few: lines form at full classes)."""
    rows = (
        await WaitlistEntry.filter(status__in=LIVE_STATUSES).distinct().values_list("facility_id", flat=True)
    )
    return {str(r) for r in rows}


async def facilities_with_live_entries(facility_ids: Sequence[str]) -> set[str]:
    if not facility_ids:
        return set()
    rows = await WaitlistEntry.filter(
        facility_id__in=list(facility_ids), status__in=LIVE_STATUSES
    ).values_list("facility_id", flat=True)
    return {str(r) for r in rows}
