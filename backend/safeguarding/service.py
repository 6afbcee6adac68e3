"""Admission health checks, the pickup list and one-time pickup codes, and how long they are kept.

Check-in calls `require_admission_check` and check-out `hand_over`, inside their own transaction;
`counting_wrong_codes` wraps that transaction so a wrong code is counted even though the refusal
rolls the check-out back.
"""

from __future__ import annotations

import calendar
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING

from backend.accounts.scope import own_facility
from backend.audit import record_child_reads
from backend.bookings.plan import at, slots_from_json
from backend.bookings.repository import fk, get_booking_for_facility, get_booking_for_parent
from backend.calendar import today_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import (
    Conflict,
    Forbidden,
    HealthCheckRequired,
    NotFound,
    PickupNotAuthorized,
    ValidationFailed,
)
from backend.paging import Page
from backend.parents.repository import get_child_for_parent
from backend.parents.service import mask_phone
from backend.push.outbox import queue_booking_notice
from backend.rules import (
    ACTIVE_BOOKING_STATUSES,
    HEALTH_CHECK_AFTER_ABSENCE_MONTHS,
    PICKUP_CODE_DIGITS,
    PICKUP_CODE_MAX_WRONG,
    AdmissionCheckResult,
    BookingStatus,
    Role,
)
from backend.safeguarding import repository
from backend.safeguarding.schemas import (
    AdmissionCheckAnswer,
    HealthCheckCreate,
    PickupCodeAnswer,
    PickupCodeCreate,
    PickupPersonAnswer,
    PickupPersonCreate,
    PickupProof,
)
from backend.security import decrypt, encrypt, keyed_hash

if TYPE_CHECKING:
    from backend.models import AdmissionHealthCheck, Booking, PickupPerson

PICKED_UP_EVENT = "picked_up"
CODE_HASH_PURPOSE = "pickup-code"
MAX_PICKUP_PERSONS = 10
# Codes a parent may hold unused for one day of a booking (a grandmother, an uncle...).
MAX_LIVE_CODES_PER_DAY = 5


def _require_parent(caller: Caller) -> None:
    if caller.role != Role.parent:
        raise Forbidden("只有家长可以管理孩子的体检与接送信息。")


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier (clamped to a shorter month's end)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


# ---------------------------------------------------------------------------------------------
# Admission health checks (入托体检)


def health_check_view(check: AdmissionHealthCheck) -> AdmissionCheckAnswer:
    return AdmissionCheckAnswer(
        id=str(check.id),
        checked_on=check.checked_on,
        institution=check.institution,
        result=check.result,
        created_at=check.created_at,
    )


async def add_health_check(
    res: Resources, caller: Caller, child_id: str, body: HealthCheckCreate
) -> AdmissionCheckAnswer:
    _require_parent(caller)
    child = await get_child_for_parent(child_id, caller.account_id)
    if body.checked_on > today_local():
        raise ValidationFailed.field("checked_on", "must not be in the future")
    if body.checked_on < child.birth_date:
        raise ValidationFailed.field("checked_on", "must not be before the child's birth")
    check = await repository.add_health_check(child, body.checked_on, body.institution, body.result.value)
    return health_check_view(check)


async def list_health_checks(res: Resources, caller: Caller, child_id: str) -> Page[AdmissionCheckAnswer]:
    _require_parent(caller)
    child = await get_child_for_parent(child_id, caller.account_id)
    checks = await repository.health_checks_of(child)
    return Page[AdmissionCheckAnswer](items=[health_check_view(c) for c in checks], next_cursor=None)


async def require_admission_check(booking: Booking, day: date) -> None:
    """Refuses (409 health_check_required) a check-in that needs an admission check it lacks.

    A child coming to a facility for the first time, or back after three months away, needs a
    `fit` check examined within the three months before the day (托育机构管理规范); the newest
    check in that window decides. A facility may turn this off (requires_admission_check).
    Call it inside the check-in's transaction, with the day checked in.
    """
    if booking.status != BookingStatus.confirmed:
        return  # the status move itself names the problem
    facility_id, child_id = fk(booking, "facility"), fk(booking, "child")
    if not await repository.facility_requires_admission_check(facility_id):
        return
    since = months_before(day, HEALTH_CHECK_AFTER_ABSENCE_MONTHS)
    if await repository.present_at_facility_since(child_id, facility_id, since):
        return
    latest = await repository.latest_health_check(child_id, since, day)
    if latest is None or latest.result != AdmissionCheckResult.fit:
        raise HealthCheckRequired(
            f"孩子首次入托（或离园超过{HEALTH_CHECK_AFTER_ABSENCE_MONTHS}个月后再入托）须有"
            f"{since.isoformat()}以来的入托体检且结果合格。",
            {"since": since.isoformat(), "latest_result": latest.result if latest else None},
        )


# ---------------------------------------------------------------------------------------------
# Who may collect the child


def pickup_person_view(res: Resources, person: PickupPerson) -> PickupPersonAnswer:
    phone = None
    if person.phone_enc:
        plain = decrypt(res.settings.secret_key, person.phone_enc)
        phone = mask_phone(plain) if plain else f"*******{person.phone_last4 or ''}"
    return PickupPersonAnswer(
        id=str(person.id),
        name=person.name,
        relation=person.relation,
        phone=phone,
        is_parent=person.parent_of is not None,
        created_at=person.created_at,
    )


async def list_pickup_persons(res: Resources, caller: Caller, child_id: str) -> Page[PickupPersonAnswer]:
    _require_parent(caller)
    child = await get_child_for_parent(child_id, caller.account_id)
    await repository.ensure_parent_entry(child)
    persons = await repository.pickup_persons_of(child)
    return Page[PickupPersonAnswer](items=[pickup_person_view(res, p) for p in persons], next_cursor=None)


async def pickup_persons_for_facility(
    res: Resources, caller: Caller, booking_id: str
) -> Page[PickupPersonAnswer]:
    """The pickup list of a booking's child, for the facility caring for the child today (check-out
    names one of them); the read is audited like any read of a child's record."""
    facility_id = own_facility(caller)
    booking = await get_booking_for_facility(booking_id, facility_id)
    today = today_local()
    if BookingStatus(booking.status) not in ACTIVE_BOOKING_STATUSES or today not in slots_from_json(
        booking.slots
    ):
        raise Conflict("只有当天照护孩子的机构可以查看接送名单。", {"date": today.isoformat()})
    child = await repository.child_of(fk(booking, "child"))
    await repository.ensure_parent_entry(child)
    persons = await repository.pickup_persons_of(child)
    await record_child_reads(caller, [str(child.id)], facility_id)
    return Page[PickupPersonAnswer](items=[pickup_person_view(res, p) for p in persons], next_cursor=None)


async def add_pickup_person(
    res: Resources, caller: Caller, child_id: str, body: PickupPersonCreate
) -> PickupPersonAnswer:
    _require_parent(caller)
    async with UnitOfWork(res):
        child = await get_child_for_parent(child_id, caller.account_id)
        await repository.ensure_parent_entry(child)
        if await repository.count_pickup_persons(child) >= MAX_PICKUP_PERSONS:
            raise Conflict(f"每个孩子最多{MAX_PICKUP_PERSONS}位接送人。")
        person = await repository.add_pickup_person(
            child, body.name, body.relation, encrypt(res.settings.secret_key, body.phone), body.phone[-4:]
        )
    return pickup_person_view(res, person)


async def delete_pickup_person(res: Resources, caller: Caller, child_id: str, person_id: str) -> None:
    _require_parent(caller)
    child = await get_child_for_parent(child_id, caller.account_id)
    person = await repository.pickup_person_of_child(person_id, str(child.id))
    if person is None:
        raise NotFound("没有这位接送人。")
    if person.parent_of is not None:
        raise Conflict("家长本人始终在接送名单上，不能删除。")
    await repository.delete_pickup_person(person)


# ---------------------------------------------------------------------------------------------
# One-time pickup codes


def _code_hash(res: Resources, booking_id: str, day: date, code: str) -> str:
    # Bound to the booking and the day: the same six digits mean nothing anywhere else.
    return keyed_hash(res.settings.secret_key, f"{booking_id}:{day.isoformat()}:{code}", CODE_HASH_PURPOSE)


def day_end(day: date) -> datetime:
    return at(day, 24)


async def issue_pickup_code(
    res: Resources, caller: Caller, booking_id: str, body: PickupCodeCreate
) -> PickupCodeAnswer:
    """A six-digit code for one day of the parent's booking; only its keyed hash is kept."""
    _require_parent(caller)
    async with UnitOfWork(res):
        booking = await get_booking_for_parent(booking_id, caller.account_id, lock=True)
        if BookingStatus(booking.status) not in ACTIVE_BOOKING_STATUSES:
            raise Conflict(f"A {booking.status} booking takes no pickup codes.", {"status": booking.status})
        if body.date < today_local():
            raise ValidationFailed.field("date", "must be today or later")
        if body.date not in slots_from_json(booking.slots):
            raise ValidationFailed.field("date", "must be a day of the booking")
        if await repository.live_codes_count(str(booking.id), body.date) >= MAX_LIVE_CODES_PER_DAY:
            raise Conflict(f"这一天最多可有{MAX_LIVE_CODES_PER_DAY}个未使用的接送码。")
        code = f"{secrets.randbelow(10**PICKUP_CODE_DIGITS):0{PICKUP_CODE_DIGITS}d}"
        expires_at = day_end(body.date)
        await repository.add_pickup_code(
            str(booking.id),
            body.date,
            body.person_name,
            _code_hash(res, str(booking.id), body.date, code),
            expires_at,
        )
    return PickupCodeAnswer(code=code, date=body.date, person_name=body.person_name, expires_at=expires_at)


class WrongPickupCode(PickupNotAuthorized):
    """A code that is no code of this booking's day: counted towards the day's lock."""

    def __init__(self, booking_id: str, day: date) -> None:
        super().__init__("接送码不正确或已过期。")
        self.booking_id = booking_id
        self.day = day


@asynccontextmanager
async def counting_wrong_codes() -> AsyncIterator[None]:
    """Wrap the check-out's transaction: a wrong code rolls the check-out back and is then counted
    in a transaction of its own."""
    try:
        yield
    except WrongPickupCode as wrong:
        await repository.count_wrong_code(wrong.booking_id, wrong.day)
        raise


async def hand_over(
    res: Resources, booking: Booking, proof: PickupProof, day: date, now: datetime
) -> tuple[str, str | None]:
    """Checks who collects the child at the day's check-out: (who, for the day's record; the
    parent's notice of a pickup by code, for dispatch after commit, else None).

    Refuses (409 pickup_not_authorized) without a person of the child's list or a live code of
    that day for this booking. A code is spent here, once. Call it inside the check-out's
    transaction, wrapped in counting_wrong_codes().
    """
    if proof.pickup_person_id is None and proof.pickup_code is None:
        raise PickupNotAuthorized("离园须指明接送名单上的接送人或家长给的接送码。")
    booking_id = str(booking.id)
    if proof.pickup_person_id is not None:
        person = await repository.pickup_person_of_child(proof.pickup_person_id, fk(booking, "child"))
        if person is None:
            raise PickupNotAuthorized("此人不在孩子的接送名单上。")
        return f"{person.name}（{person.relation}）", None
    assert proof.pickup_code is not None
    if await repository.wrong_code_tries(booking_id, day) >= PICKUP_CODE_MAX_WRONG:
        raise PickupNotAuthorized(f"接送码错误已达{PICKUP_CODE_MAX_WRONG}次，今天的接送码已锁定。")
    code = await repository.find_pickup_code(
        booking_id, day, _code_hash(res, booking_id, day, proof.pickup_code)
    )
    if code is None or code.expires_at <= now:
        raise WrongPickupCode(booking_id, day)
    if code.used_at is not None or not await repository.use_pickup_code(code.id, now):
        raise PickupNotAuthorized("这个接送码已经用过。")
    notice = await queue_booking_notice(res, booking, PICKED_UP_EVENT, f"{code.person_name}凭接送码接走")
    return f"{code.person_name}（接送码）", notice


# ---------------------------------------------------------------------------------------------
# Retention (the clean-up cron)


async def purge_expired_records(res: Resources) -> dict[str, int]:
    """Deletes what nobody needs any more (README "How long a child's data is kept")."""
    today = today_local()
    cutoff = months_before(today, HEALTH_CHECK_AFTER_ABSENCE_MONTHS)
    async with UnitOfWork(res):
        codes = await repository.purge_pickup_codes(today)
        checks = await repository.purge_health_checks(cutoff, at(cutoff, 0))
        persons = await repository.purge_pickup_persons_of_deleted_children()
    return {"pickup_codes": codes, "health_checks": checks, "pickup_persons": persons}
