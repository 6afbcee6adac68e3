"""Random inspections (双随机、一公开, seed policy item 14): the seeded draw, its replay, results.

A draw picks facilities at random among the registered, not suspended ones and pairs them with
inspectors at random among those the bureau named. Everything the draw depends on is recorded with
it (the seed, the sorted candidate facilities, the sorted inspectors and each candidate's previous
inspectors), and the draw itself is a pure function of those inputs (`compute_draw`), so anyone can
replay it and check that the published list is the one chance produced.
"""

from __future__ import annotations

import logging
import random
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator
from redis.exceptions import LockError

from backend import audit
from backend.accounts.scope import require_regulator
from backend.calendar import now_local, today_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, Forbidden, ValidationFailed
from backend.facilities.repository import names_of
from backend.paging import Page, PageQuery
from backend.regulation import repository
from backend.regulation.schemas import DrawAnswer, DrawPick, DrawReplayAnswer, InspectionAnswer
from backend.regulation.schemas import DrawnInspection as DrawnInspectionAnswer
from backend.rules import InspectionResult, InspectionStatus

if TYPE_CHECKING:
    from backend.models import Inspection

log = logging.getLogger(__name__)

MAX_DRAW_COUNT = 100
MAX_DRAW_INSPECTORS = 50
MAX_FINDINGS_CHARS = 2000
# A rectification is re-inspected within the year; a later deadline is a typo.
MAX_RECTIFY_DAYS = 366
# Two officers per inspection is the norm for administrative inspections; one when only one is named.
INSPECTORS_PER_INSPECTION = 2
# Draws read the inspection history and then write to it; one at a time keeps "never the same
# inspector twice in a row" true when two regulators draw at once.
DRAW_LOCK_TIMEOUT_S = 30
DRAW_LOCK_WAIT_S = 10


# --- the draw itself: pure, so a replay and a property test run exactly what the service runs ---


@dataclass(frozen=True, slots=True)
class DrawnInspection:
    facility_id: str
    inspector_ids: tuple[str, ...]


class DrawImpossible(Exception):
    """The inputs admit no draw; `details` says why, for the 409 answer."""

    def __init__(self, message: str, details: dict[str, Any]) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


def inspectors_per_inspection(inspector_count: int) -> int:
    return INSPECTORS_PER_INSPECTION if inspector_count >= INSPECTORS_PER_INSPECTION else 1


def compute_draw(
    seed: str,
    candidate_facility_ids: Sequence[str],
    inspector_ids: Sequence[str],
    count: int,
    previous_inspector_ids: Mapping[str, Sequence[str]],
) -> list[DrawnInspection]:
    """The draw as a function of its recorded inputs.

    Facilities are sampled without replacement from the sorted candidates; inspectors are taken in
    turn from one seeded order of the sorted inspectors, so the work is spread evenly. An inspector
    who inspected a facility last time is passed over for it (the next one in the seeded order takes
    the place); when too few remain for a facility the draw is impossible.
    """
    facilities = sorted(set(candidate_facility_ids))
    inspectors = sorted(set(inspector_ids))
    if not inspectors:
        raise DrawImpossible("No inspectors to assign.", {"inspector_ids": []})
    if count > len(facilities):
        raise DrawImpossible(
            f"Only {len(facilities)} facilities can be drawn, not {count}.",
            {"count": count, "candidate_facilities": len(facilities)},
        )
    rng = random.Random(seed)
    drawn_facilities = rng.sample(facilities, count)
    order = inspectors.copy()
    rng.shuffle(order)
    needed = inspectors_per_inspection(len(order))
    cursor = 0
    drawn: list[DrawnInspection] = []
    for facility_id in drawn_facilities:
        barred = set(previous_inspector_ids.get(facility_id, ()))
        chosen: list[str] = []
        last_position = cursor
        for step in range(len(order)):
            position = (cursor + step) % len(order)
            if order[position] in barred:
                continue
            chosen.append(order[position])
            last_position = position
            if len(chosen) == needed:
                break
        if len(chosen) < needed:
            raise DrawImpossible(
                "Too few of the named inspectors did not inspect this facility last time.",
                {
                    "facility_id": facility_id,
                    "previous_inspector_ids": sorted(barred),
                    "inspectors_needed": needed,
                    "eligible_inspector_ids": sorted(chosen),
                },
            )
        cursor = (last_position + 1) % len(order)
        drawn.append(DrawnInspection(facility_id, tuple(chosen)))
    return drawn


# --- inputs ---


class DrawIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: int = Field(ge=1, le=MAX_DRAW_COUNT)
    inspector_ids: list[str] = Field(min_length=1, max_length=MAX_DRAW_INSPECTORS)
    seed: str | None = Field(default=None, min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_\-]+$")

    @field_validator("inspector_ids")
    @classmethod
    def _account_ids(cls, value: list[str]) -> list[str]:
        normalised: list[str] = []
        for raw in value:
            try:
                normalised.append(str(uuid.UUID(raw)))
            except ValueError as exc:
                raise ValueError(f"{raw[:40]!r} is not an account id") from exc
        return list(dict.fromkeys(normalised))


class ResultIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    result: InspectionResult
    findings: str = Field(default="", max_length=MAX_FINDINGS_CHARS)
    rectify_deadline: date | None = None


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Left out: the inspectors who found what is to be rectified go back to see it done.
    inspector_ids: list[str] | None = Field(default=None, min_length=1, max_length=MAX_DRAW_INSPECTORS)

    @field_validator("inspector_ids")
    @classmethod
    def _account_ids(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else DrawIn._account_ids(value)


class InspectionListQuery(PageQuery):
    status: InspectionStatus | None = None
    facility_id: uuid.UUID | None = None


# --- answers ---


def inspection_answer(inspection: Inspection, facility_name: str | None = None) -> InspectionAnswer:
    return InspectionAnswer(
        id=str(inspection.id),
        draw_id=str(inspection.draw_id) if inspection.draw_id else None,  # type: ignore[attr-defined]
        facility_id=str(inspection.facility_id),  # type: ignore[attr-defined]
        facility_name=facility_name,
        inspector_ids=list(inspection.inspector_ids),
        status=inspection.status,
        result=inspection.result,
        findings=inspection.findings,
        rectify_deadline=inspection.rectify_deadline,
        completed_at=inspection.completed_at,
        created_at=inspection.created_at,
        follows_up_id=str(inspection.follows_up_id) if inspection.follows_up_id else None,  # type: ignore[attr-defined]
        due_on=inspection.due_on,
        overdue=inspection.status == InspectionStatus.scheduled
        and inspection.due_on is not None
        and inspection.due_on < today_local(),
    )


# --- services ---


async def _previous_inspectors(candidate_ids: Sequence[str]) -> dict[str, list[str]]:
    """Each candidate's latest inspection's inspectors (scheduled or done), at this moment: the
    draw passes them over for it, and records them so that a replay bars the same ones."""
    return await repository.latest_inspectors_by_facility(candidate_ids)


async def _check_inspectors(inspector_ids: Sequence[str]) -> None:
    active = await repository.active_regulator_ids(inspector_ids)
    unknown = [i for i in inspector_ids if i not in active]
    if unknown:
        raise ValidationFailed(
            "Every inspector must be an active regulator account.",
            {"fields": {"inspector_ids": "not active regulator accounts: " + ", ".join(unknown)}},
        )


async def draw_inspections(res: Resources, caller: Caller, draw_in: DrawIn) -> DrawAnswer:
    """Draws `count` facilities and their inspectors, records the draw and its inspections (201)."""
    require_regulator(caller)
    seed = draw_in.seed or secrets.token_hex(16)
    inspectors = sorted(draw_in.inspector_ids)
    lock = res.redis.lock(
        res.key("lock", "inspection-draw"), timeout=DRAW_LOCK_TIMEOUT_S, blocking_timeout=DRAW_LOCK_WAIT_S
    )
    try:
        acquired = await lock.acquire()
    except LockError as exc:
        raise Conflict("Another draw is being made; try again.") from exc
    if not acquired:
        raise Conflict("Another draw is being made; try again.")
    try:
        async with UnitOfWork(res):
            await _check_inspectors(inspectors)
            candidates = await repository.unsuspended_facility_ids()
            previous = await _previous_inspectors(candidates)
            try:
                drawn = compute_draw(seed, candidates, inspectors, draw_in.count, previous)
            except DrawImpossible as exc:
                raise Conflict(exc.message, exc.details) from exc
            draw = await repository.create_draw(
                seed=seed,
                count=draw_in.count,
                inspector_ids=inspectors,
                candidate_facility_ids=candidates,
                previous_inspector_ids=previous,
                created_by=caller.account_id,
            )
            inspections = [
                await repository.create_scheduled_inspection(
                    draw=draw, facility_id=item.facility_id, inspector_ids=list(item.inspector_ids)
                )
                for item in drawn
            ]
            await audit.record(
                caller,
                "inspection.draw",
                "inspection_draw",
                str(draw.id),
                details={
                    "seed": seed,
                    "count": draw_in.count,
                    "inspector_ids": inspectors,
                    "facility_ids": [item.facility_id for item in drawn],
                },
            )
            names = await names_of([item.facility_id for item in drawn])
    finally:
        try:
            await lock.release()
        except LockError:
            log.warning("the inspection draw lock expired before the draw finished")
    return DrawAnswer(
        id=str(draw.id),
        seed=seed,
        count=draw_in.count,
        inspector_ids=inspectors,
        created_at=draw.created_at,
        items=[
            DrawnInspectionAnswer(
                id=str(inspection.id),
                facility_id=str(inspection.facility_id),  # type: ignore[attr-defined]
                facility_name=names.get(str(inspection.facility_id)),  # type: ignore[attr-defined]
                inspector_ids=list(inspection.inspector_ids),
                status=inspection.status,
            )
            for inspection in inspections
        ],
    )


async def replay_draw(res: Resources, caller: Caller, draw_id: str) -> DrawReplayAnswer:
    """Recomputes a draw from what it recorded and says whether it matches what was recorded."""
    require_regulator(caller)
    draw = await repository.get_draw(draw_id)
    recorded_rows = await repository.inspectors_of_draw(draw.id)
    recorded = {facility_id: sorted(str(i) for i in ids) for facility_id, ids in recorded_rows}
    try:
        computed = compute_draw(
            draw.seed,
            [str(i) for i in draw.candidate_facility_ids],
            [str(i) for i in draw.inspector_ids],
            draw.count,
            {str(k): [str(i) for i in v] for k, v in dict(draw.previous_inspector_ids).items()},
        )
        problem = None
    except DrawImpossible as exc:
        computed = []
        problem = exc.message
    computed_map = {item.facility_id: sorted(item.inspector_ids) for item in computed}
    return DrawReplayAnswer(
        id=str(draw.id),
        seed=draw.seed,
        count=draw.count,
        inspector_ids=list(draw.inspector_ids),
        candidate_facility_ids=list(draw.candidate_facility_ids),
        matches=problem is None and computed_map == recorded,
        problem=problem,
        items=[
            DrawPick(facility_id=item.facility_id, inspector_ids=list(item.inspector_ids))
            for item in computed
        ],
        recorded=[
            DrawPick(facility_id=facility_id, inspector_ids=ids)
            for facility_id, ids in sorted(recorded.items())
        ],
    )


async def list_inspections(
    res: Resources, caller: Caller, query: InspectionListQuery
) -> Page[InspectionAnswer]:
    """Inspections, newest first, paged with a signed cursor."""
    require_regulator(caller)
    page, next_cursor = await repository.page_inspections(
        status=query.status.value if query.status is not None else None,
        facility_id=query.facility_id,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    names = await names_of([str(row.facility_id) for row in page])  # type: ignore[attr-defined]
    return Page[InspectionAnswer](
        items=[inspection_answer(row, names.get(str(row.facility_id))) for row in page],  # type: ignore[attr-defined]
        next_cursor=next_cursor,
    )


async def get_inspection(res: Resources, caller: Caller, inspection_id: str) -> InspectionAnswer:
    require_regulator(caller)
    inspection = await repository.get_inspection(inspection_id)
    names = await names_of([str(inspection.facility_id)])  # type: ignore[attr-defined]
    return inspection_answer(inspection, names.get(str(inspection.facility_id)))  # type: ignore[attr-defined]


def _check_result(result_in: ResultIn) -> None:
    needs_findings = result_in.result in (InspectionResult.rectify, InspectionResult.fail)
    if needs_findings and not result_in.findings:
        raise ValidationFailed.field("findings", "required when the result is rectify or fail")
    if result_in.result is InspectionResult.rectify:
        if result_in.rectify_deadline is None:
            raise ValidationFailed.field("rectify_deadline", "required when the result is rectify")
        if result_in.rectify_deadline <= today_local():
            raise ValidationFailed.field("rectify_deadline", "must be a date in the future")
        if result_in.rectify_deadline > today_local() + timedelta(days=MAX_RECTIFY_DAYS):
            raise ValidationFailed.field("rectify_deadline", f"at most {MAX_RECTIFY_DAYS} days ahead")
    elif result_in.rectify_deadline is not None:
        raise ValidationFailed.field("rectify_deadline", "only a rectify result has a deadline")


async def record_result(
    res: Resources, caller: Caller, inspection_id: str, result_in: ResultIn
) -> InspectionAnswer:
    """Records an inspection's result, once; it then shows on the facility's public page (200)."""
    require_regulator(caller)
    inspection = await repository.get_inspection(inspection_id)
    if caller.account_id not in {str(i) for i in inspection.inspector_ids}:
        # 双随机: only the inspectors drawn for it inspect a facility and record what they found.
        # The refusal is recorded too: someone tried to write another's result.
        await audit.record(
            caller,
            "inspection.result_refused",
            "inspection",
            str(inspection.id),
            facility_id=str(inspection.facility_id),  # type: ignore[attr-defined]
            details={"reason": "not an inspector drawn for this inspection"},
        )
        raise Forbidden("Only the inspectors drawn for this inspection may record its result.")
    _check_result(result_in)
    async with UnitOfWork(res):
        # Recorded only if still scheduled, so two regulators recording at once cannot both succeed.
        changed = await repository.complete_scheduled_inspection(
            inspection,
            result=result_in.result.value,
            findings=result_in.findings,
            rectify_deadline=result_in.rectify_deadline,
            completed_at=now_local(),
        )
        if not changed:
            raise Conflict(
                "This inspection's result is already recorded.",
                {"status": inspection.status, "result": inspection.result},
            )
        await audit.record(
            caller,
            "inspection.result",
            "inspection",
            str(inspection.id),
            facility_id=str(inspection.facility_id),  # type: ignore[attr-defined]
            details={
                "result": result_in.result.value,
                "rectify_deadline": (
                    result_in.rectify_deadline.isoformat() if result_in.rectify_deadline else None
                ),
            },
        )
    names = await names_of([str(inspection.facility_id)])  # type: ignore[attr-defined]
    return inspection_answer(inspection, names.get(str(inspection.facility_id)))  # type: ignore[attr-defined]


async def follow_up(
    res: Resources, caller: Caller, inspection_id: str, follow_up_in: FollowUpIn
) -> InspectionAnswer:
    """Schedules the re-inspection of a `rectify` result, due by its deadline (201, the new one).

    One follow-up per result: a second answers 409 with the one already scheduled.
    """
    require_regulator(caller)
    async with UnitOfWork(res):
        original = await repository.get_inspection_for_update(inspection_id)
        if original.status != InspectionStatus.done or original.result != InspectionResult.rectify:
            raise Conflict(
                "Only a rectify result is followed up.",
                {"status": original.status, "result": original.result},
            )
        existing = await repository.follow_up_of(original.id)
        if existing is not None:
            raise Conflict("This inspection is already followed up.", {"follow_up_id": str(existing.id)})
        inspectors = follow_up_in.inspector_ids or [str(i) for i in original.inspector_ids]
        await _check_inspectors(inspectors)
        created = await repository.create_scheduled_inspection(
            facility_id=original.facility_id,  # type: ignore[attr-defined]
            inspector_ids=sorted(inspectors),
            follows_up_id=original.id,
            due_on=original.rectify_deadline,
        )
        await audit.record(
            caller,
            "inspection.follow_up",
            "inspection",
            str(created.id),
            facility_id=str(original.facility_id),  # type: ignore[attr-defined]
            details={
                "follows_up": str(original.id),
                "due_on": original.rectify_deadline.isoformat() if original.rectify_deadline else None,
            },
        )
    names = await names_of([str(created.facility_id)])  # type: ignore[attr-defined]
    return inspection_answer(created, names.get(str(created.facility_id)))  # type: ignore[attr-defined]
