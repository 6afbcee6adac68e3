"""Every query of the bureau's work: the audit log, the register's writes, random inspections, the
district's statistics and the ban list's savepointed insert, with access-scoped getters that answer
"missing" as NotFound.

The ban list's and the staff register's own queries live in backend/staff/repository.py and a
facility's in backend/facilities/repository.py; the few here that build on them call them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from tortoise import connections
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from backend.accounts import repository as account_repository
from backend.accounts.repository import uuid_or_not_found
from backend.db.dialect import Statement
from backend.db.paging import page_by_creation
from backend.errors import NotFound
from backend.facilities import repository as facility_repository
from backend.models import (
    Account,
    AuditEntry,
    BanAlert,
    BanEntry,
    Booking,
    Facility,
    FacilityClass,
    Inspection,
    InspectionDraw,
    StaffMember,
)
from backend.rules import FilingStatus, InspectionStatus, Role, bookable_filter
from backend.staff import repository as staff_repository

# --- the audit log ---------------------------------------------------------------------------


async def add_audit_entry(
    *,
    actor_id: str | None,
    actor_role: str,
    action: str,
    object_type: str,
    object_id: str,
    facility_id: str | None,
    details: dict[str, Any],
) -> None:
    await AuditEntry.create(
        actor_id=actor_id,
        actor_role=actor_role,
        action=action,
        object_type=object_type,
        object_id=object_id,
        facility_id=facility_id,
        details=details,
    )


async def add_child_reads(
    *, actor_id: str | None, actor_role: str, action: str, child_ids: Iterable[str], facility_id: str | None
) -> None:
    """One entry per child read, written in one statement (a page of bookings names many)."""
    entries = [
        AuditEntry(
            actor_id=actor_id,
            actor_role=actor_role,
            action=action,
            object_type="child",
            object_id=child_id,
            facility_id=facility_id,
            details={},
        )
        for child_id in child_ids
    ]
    if entries:
        await AuditEntry.bulk_create(entries)


async def audit_entries_newest_first(
    *, action: str | None, facility_id: uuid.UUID | None, before_id: int | None, limit: int
) -> list[AuditEntry]:
    """At most `limit` entries, newest first, older than `before_id` when given (entries only grow,
    so paging on the id is stable)."""
    rows = AuditEntry.all()
    if action:
        rows = rows.filter(action=action)
    if facility_id:
        rows = rows.filter(facility_id=facility_id)
    if before_id is not None:
        rows = rows.filter(id__lt=before_id)
    return list(await rows.order_by("-id").limit(limit))


async def accounts_by_id(account_ids: Iterable[object]) -> dict[str, Account]:
    """The accounts that still exist among these ids, by id as the API shows it."""
    wanted = list(set(account_ids))
    if not wanted:
        return {}
    return {str(account.id): account for account in await Account.filter(id__in=wanted)}


# --- the register and the ban list: inserts that may lose a race -------------------------------


async def create_facility_with_admin(
    *, admin_username: str, admin_password_hash: str, admin_display_name: str, **facility_values: Any
) -> tuple[Facility, Account] | None:
    """Inserts a facility and its admin account; None when a concurrent registration took the
    credit code or the username since the caller checked them.

    The inserts get a savepoint of their own, so the lost race leaves the caller's transaction
    usable to ask which of the two was taken.
    """
    try:
        async with in_transaction():
            facility = await facility_repository.create_facility(**facility_values)
            admin = await account_repository.create_account(
                role=Role.facility_admin,
                username=admin_username,
                password_hash=admin_password_hash,
                facility_id=facility.id,
                display_name=admin_display_name,
            )
    except IntegrityError:
        return None
    return facility, admin


async def create_ban_entry_unless_listed(
    *, id_number_hash: str, name: str, reason: str, created_by: str
) -> BanEntry | None:
    """The new entry; None when a concurrent addition listed the same number since the caller
    checked it (in a savepoint, so the caller's transaction stays usable)."""
    try:
        async with in_transaction():
            return await staff_repository.create_ban_entry(
                id_number_hash=id_number_hash, name=name, reason=reason, created_by=created_by
            )
    except IntegrityError:
        return None


# --- random inspections ----------------------------------------------------------------------


async def active_regulator_ids(among: Sequence[str]) -> set[str]:
    """Which of these account ids are active regulators."""
    found = await Account.filter(id__in=list(among), role=Role.regulator, is_active=True)
    return {str(account.id) for account in found}


async def unsuspended_facility_ids() -> list[str]:
    """Every registered facility not suspended, whatever its filing, in id order."""
    rows = await Facility.filter(suspended=False).values_list("id", flat=True)
    return sorted(str(facility_id) for facility_id in rows)


async def latest_inspectors_by_facility(facility_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each of these facilities' latest inspection's inspectors (scheduled or done), at this moment;
    a facility never inspected is absent."""
    wanted = set(facility_ids)
    latest: dict[str, list[str]] = {}
    # Oldest first, so each facility ends holding its latest; the history is a few rows per
    # facility per year, far smaller than anything worth a window query.
    rows = await Inspection.all().order_by("created_at", "id").values_list("facility_id", "inspector_ids")
    for facility_id, inspector_ids in rows:
        key = str(facility_id)
        if key in wanted:
            latest[key] = [str(i) for i in inspector_ids]
    return latest


async def create_draw(
    *,
    seed: str,
    count: int,
    inspector_ids: list[str],
    candidate_facility_ids: list[str],
    previous_inspector_ids: dict[str, list[str]],
    created_by: str | None,
) -> InspectionDraw:
    return await InspectionDraw.create(
        seed=seed,
        count=count,
        inspector_ids=inspector_ids,
        candidate_facility_ids=candidate_facility_ids,
        previous_inspector_ids=previous_inspector_ids,
        created_by_id=created_by,
    )


async def create_scheduled_inspection(
    *,
    facility_id: str | uuid.UUID,
    inspector_ids: list[str],
    draw: InspectionDraw | None = None,
    follows_up_id: uuid.UUID | None = None,
    due_on: date | None = None,
) -> Inspection:
    """A new inspection, still to be made: drawn (`draw`) or the follow-up of a rectify result."""
    return await Inspection.create(
        draw=draw,
        facility_id=facility_id,
        inspector_ids=inspector_ids,
        status=InspectionStatus.scheduled,
        follows_up_id=follows_up_id,
        due_on=due_on,
    )


async def get_draw(draw_id: str) -> InspectionDraw:
    draw = await InspectionDraw.get_or_none(id=uuid_or_not_found(draw_id, "draw"))
    if draw is None:
        raise NotFound("No such draw.")
    return draw


async def inspectors_of_draw(draw_id: uuid.UUID) -> list[tuple[str, list[str]]]:
    """(facility id, inspector ids) of each inspection the draw recorded."""
    rows = await Inspection.filter(draw_id=draw_id).values_list("facility_id", "inspector_ids")
    return [(str(facility_id), list(ids)) for facility_id, ids in rows]


async def page_inspections(
    *,
    status: str | None,
    facility_id: uuid.UUID | None,
    secret_key: str,
    limit: int,
    cursor: str | None,
) -> tuple[list[Inspection], str | None]:
    """Inspections newest first, of one status and one facility when given."""
    query = Inspection.all()
    if status is not None:
        query = query.filter(status=status)
    if facility_id is not None:
        query = query.filter(facility_id=facility_id)
    return await page_by_creation(query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=True)


async def get_inspection(inspection_id: str) -> Inspection:
    inspection = await Inspection.get_or_none(id=uuid_or_not_found(inspection_id, "inspection"))
    if inspection is None:
        raise NotFound("No such inspection.")
    return inspection


async def get_inspection_for_update(inspection_id: str) -> Inspection:
    """The inspection row, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    key = uuid_or_not_found(inspection_id, "inspection")
    inspection = await Inspection.filter(id=key).select_for_update().get_or_none()
    if inspection is None:
        raise NotFound("No such inspection.")
    return inspection


async def complete_scheduled_inspection(
    inspection: Inspection,
    *,
    result: str,
    findings: str,
    rectify_deadline: date | None,
    completed_at: datetime,
) -> bool:
    """Records the result if the inspection is still scheduled, and reloads it; False when it was
    not (a conditional update, so two regulators recording at once cannot both succeed)."""
    changed = await Inspection.filter(id=inspection.id, status=InspectionStatus.scheduled).update(
        status=InspectionStatus.done,
        result=result,
        findings=findings,
        rectify_deadline=rectify_deadline,
        completed_at=completed_at,
    )
    if not changed:
        return False
    await inspection.refresh_from_db()
    return True


async def follow_up_of(inspection_id: uuid.UUID) -> Inspection | None:
    return await Inspection.filter(follows_up_id=inspection_id).first()


# --- the district's statistics ----------------------------------------------------------------


class ClassConfiguration(NamedTuple):
    """How many active classes of bookable facilities share one town and one configuration."""

    town: str
    inclusive: bool
    kind: str
    places: int
    caregivers: int
    classes: int


async def facility_counts_by_town() -> dict[str, dict[str, int]]:
    """Per town: facilities, filed, suspended and filed inclusive ones."""
    # Annotation names differ from the model's fields: an annotation named like a field that its
    # own filter mentions (suspended) sends Tortoise into endless recursion.
    rows = (
        await Facility.annotate(
            n_facilities=Count("id"),
            n_filed=Count("id", _filter=Q(filing_status=FilingStatus.filed)),
            n_suspended=Count("id", _filter=Q(suspended=True)),
            n_filed_inclusive=Count("id", _filter=Q(filing_status=FilingStatus.filed, inclusive=True)),
        )
        .group_by("town")
        .values("town", "n_facilities", "n_filed", "n_suspended", "n_filed_inclusive")
    )
    return {
        str(row["town"]): {
            "facilities": int(row["n_facilities"]),
            "filed": int(row["n_filed"]),
            "suspended": int(row["n_suspended"]),
            "filed_inclusive": int(row["n_filed_inclusive"]),
        }
        for row in rows
    }


async def facility_counts_by_nature() -> dict[str, int]:
    # Every facility on the registry, whatever its filing, so the figures add up to `facilities`.
    rows = (
        await Facility.annotate(n_facilities=Count("id")).group_by("nature").values("nature", "n_facilities")
    )
    return {str(row["nature"]): int(row["n_facilities"]) for row in rows}


async def bookable_class_configurations() -> list[ClassConfiguration]:
    """The active classes of bookable facilities, one row per distinct (town, inclusive, kind,
    places, caregivers), never one per class."""
    rows = (
        await FacilityClass.filter(is_active=True, **bookable_filter("facility"))
        .annotate(n_classes=Count("id"))
        .group_by("facility__town", "facility__inclusive", "kind", "places", "caregivers")
        .values("facility__town", "facility__inclusive", "kind", "places", "caregivers", "n_classes")
    )
    return [
        ClassConfiguration(
            town=str(row["facility__town"]),
            inclusive=bool(row["facility__inclusive"]),
            kind=str(row["kind"]),
            places=int(row["places"]),
            caregivers=int(row["caregivers"]),
            classes=int(row["n_classes"]),
        )
        for row in rows
    ]


async def booking_counts_by_care_type(since: datetime, until: datetime) -> dict[str, dict[str, int]]:
    """Bookings made in [since, until): {care type: {status: count}}."""
    rows = (
        await Booking.filter(created_at__gte=since, created_at__lt=until)
        .annotate(n_bookings=Count("id"))
        .group_by("care_type", "status")
        .values("care_type", "status", "n_bookings")
    )
    by_care_type: dict[str, dict[str, int]] = {}
    for row in rows:
        by_care_type.setdefault(str(row["care_type"]), {})[str(row["status"])] = int(row["n_bookings"])
    return by_care_type


async def inspection_counts() -> list[tuple[str, str | None, int]]:
    """(status, result, count) for each status and result that occurs."""
    rows = (
        await Inspection.annotate(n_inspections=Count("id"))
        .group_by("status", "result")
        .values("status", "result", "n_inspections")
    )
    return [
        (str(row["status"]), str(row["result"]) if row["result"] else None, int(row["n_inspections"]))
        for row in rows
    ]


OUTSTANDING_RECTIFICATIONS_SQL = """
SELECT COUNT(*) AS outstanding,
       COALESCE(SUM(CASE WHEN i.rectify_deadline < {today} THEN 1 ELSE 0 END), 0) AS overdue
FROM inspections i
WHERE i.status = 'done' AND i.result = 'rectify'
  AND NOT EXISTS (
    SELECT 1 FROM inspections later
    WHERE later.facility_id = i.facility_id AND later.status = 'done'
      AND later.completed_at > i.completed_at
  )
"""


async def outstanding_rectifications(today: date) -> tuple[int, int]:
    """(outstanding, overdue by today): a rectify result is outstanding until a later inspection of
    the facility is done."""
    # The correlated NOT EXISTS keeps it one query on both SQLite and PostgreSQL.
    connection = connections.get("default")
    stmt = Statement(connection)
    sql = OUTSTANDING_RECTIFICATIONS_SQL.format(today=stmt.param(today))
    result = await connection.execute_query_dict(sql, stmt.params)
    row = result[0] if result else {"outstanding": 0, "overdue": 0}
    return int(row["outstanding"] or 0), int(row["overdue"] or 0)


async def active_staff_count() -> int:
    return await StaffMember.filter(is_active=True).count()


async def active_staff_checked_before(cutoff: date) -> list[dict[str, Any]]:
    """Active staff whose criminal-record check is older than `cutoff` or was never made, by
    facility and name: {id, name, last_record_check, facility_id}."""
    return list(
        await StaffMember.filter(is_active=True)
        .filter(Q(last_record_check__isnull=True) | Q(last_record_check__lt=cutoff))
        .order_by("facility_id", "name", "id")
        .values("id", "name", "last_record_check", "facility_id")
    )


async def open_ban_alert_count() -> int:
    return await BanAlert.filter(resolved=False).count()
