"""What anyone may see of facilities without signing in: nearby search and the public page.

Search answers from the Redis geo index (backend/geo/index.py), never the database, so a page
costs one Redis round trip. The public page reads the database: it is one facility, and it must
show the bureau's latest word (filing, suspension, inspections) at once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from backend.calendar import iso_local
from backend.context import Resources
from backend.errors import ValidationFailed
from backend.facilities import repository
from backend.facilities.schemas import (
    ClassRatioAnswer,
    CreditRecordAnswer,
    CreditRecordItem,
    FacilityPageAnswer,
    FacilityPublicAnswer,
    PublicClassAnswer,
    PublicInspectionAnswer,
    StaffCountsAnswer,
)
from backend.facilities.service import facility_view
from backend.geo.index import MAX_RADIUS_M, FacilitySearch, SearchPosition, search_facilities
from backend.paging import SearchPageQuery, decode_cursor, encode_cursor
from backend.rules import (
    DISCLOSURE_TOPICS,
    MAX_AGE_MONTHS,
    CareType,
    ClassKind,
    class_capacity,
    class_rules,
)

if TYPE_CHECKING:
    from backend.models import FacilityClass, Inspection

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CURSOR_KIND = "facilities"
# How many inspection results the page shows in full; the credit record lists every outcome.
LATEST_INSPECTIONS = 5
CREDIT_RECORD_MAX = 100
# Older records and the seed data call the health-care topic "health".
_DISCLOSURE_ALIASES = {"health_care": ("health_care", "health")}


def _iso_date_only(value: Any) -> Any:
    # Pydantic alone would also take a Unix timestamp; the API speaks YYYY-MM-DD only.
    if value is None:
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


class NearbyFacilitiesQuery(SearchPageQuery):
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False, description="GCJ-02 latitude")
    lng: float = Field(ge=-180, le=180, allow_inf_nan=False, description="GCJ-02 longitude")
    radius_m: int = Field(default=5000, ge=1, le=MAX_RADIUS_M, description="metres, at most 50 km")
    care_type: CareType | None = Field(default=None, description="only facilities offering it")
    age_months: int | None = Field(
        default=None, ge=0, le=MAX_AGE_MONTHS, description="only facilities taking this age"
    )
    date: Annotated[dt.date | None, BeforeValidator(_iso_date_only)] = Field(
        default=None, description="answer `available` for this day (today or later)"
    )
    inclusive: bool | None = Field(default=None, description="普惠 (true) or market-priced (false) only")
    sort: Literal["distance", "price"] = Field(
        default="distance", description="price: by the care type's price (full_day without one)"
    )


def _position(res: Resources, cursor: str | None, sort: str) -> SearchPosition | None:
    position = decode_cursor(res.settings.secret_key, cursor)
    if position is None:
        return None
    try:
        if position["k"] != CURSOR_KIND or position["s"] != sort:
            raise ValueError("a cursor of another list or order")
        distance, item_id, price, hits = position["d"], position["i"], position["p"], position["h"]
        if not isinstance(distance, str) or not isinstance(item_id, str):
            raise ValueError("malformed")
        if type(price) is not int or type(hits) is not int:
            raise ValueError("malformed")
        float(distance)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationFailed.field("cursor", "not a cursor of this list") from exc
    return SearchPosition(distance=distance, id=item_id, price=price, hits=hits)


def _cursor(res: Resources, sort: str, after: SearchPosition | None) -> str | None:
    if after is None:
        return None
    return encode_cursor(
        res.settings.secret_key,
        {"k": CURSOR_KIND, "s": sort, "d": after.distance, "i": after.id, "p": after.price, "h": after.hits},
    )


async def nearby_json(res: Resources, query: NearbyFacilitiesQuery) -> str:
    """The nearby page as finished JSON text: {"items": [...], "next_cursor": ...}.

    The items leave Redis already encoded; decoding and encoding them again here would cost more
    than the search itself at the throughput DESIGN.md section 7 asks for.
    """
    page = await search_facilities(
        res,
        FacilitySearch(
            lat=query.lat,
            lng=query.lng,
            radius_m=query.radius_m,
            limit=query.limit,
            care_type=query.care_type.value if query.care_type else None,
            age_months=query.age_months,
            day=query.date,
            inclusive=query.inclusive,
            sort=query.sort,
            after=_position(res, query.cursor, query.sort),
        ),
    )
    next_cursor = _cursor(res, query.sort, page.next_after)
    # A cursor is base64url and a signature: json.dumps only quotes it; null needs no call at all.
    cursor_json = "null" if next_cursor is None else json.dumps(next_cursor)
    return '{"items":[' + ",".join(page.items_json) + '],"next_cursor":' + cursor_json + "}"


# --- the public page ----------------------------------------------------------------------------


def _disclosure(stored: Any) -> dict[str, str]:
    source = stored if isinstance(stored, dict) else {}
    shown: dict[str, str] = {}
    for topic in sorted(DISCLOSURE_TOPICS):
        names = _DISCLOSURE_ALIASES.get(topic, (topic,))
        shown[topic] = next((str(source[name]) for name in names if source.get(name)), "")
    return shown


def _kind_of(klass: FacilityClass) -> ClassKind | None:
    try:
        return ClassKind(klass.kind)
    except ValueError:
        return None


def _class_view(klass: FacilityClass, mixed_ratio: int) -> PublicClassAnswer:
    kind = _kind_of(klass)
    rule = class_rules(mixed_ratio)[kind] if kind else None
    return PublicClassAnswer(
        id=str(klass.id),
        kind=klass.kind,
        kind_label=rule.label_zh if rule else "",
        name=klass.name,
        places=klass.places,
        caregivers=klass.caregivers,
        # A class of a kind the rules do not know takes no child.
        capacity=class_capacity(kind, klass.places, klass.caregivers, mixed_ratio) if kind else 0,
        age_min_months=rule.min_months if rule else None,
        age_max_months=rule.max_months if rule else None,
    )


def _ratio_view(klass: FacilityClass, view: PublicClassAnswer, mixed_ratio: int) -> ClassRatioAnswer:
    kind = _kind_of(klass)
    national = class_rules(mixed_ratio)[kind].children_per_caregiver if kind else None
    capacity = view.capacity
    return ClassRatioAnswer(
        class_id=str(klass.id),
        class_name=klass.name,
        kind=klass.kind,
        caregivers=klass.caregivers,
        capacity=capacity,
        # Children per caregiver when the class is full, beside the national most.
        children_per_caregiver=round(capacity / klass.caregivers, 2) if klass.caregivers else None,
        national_max_children_per_caregiver=national,
    )


def _inspection_day(inspection: Inspection) -> dt.date | None:
    # The day in the service's zone, whatever zone the database handed the moment back in.
    stamp = iso_local(inspection.completed_at or inspection.created_at)
    return dt.date.fromisoformat(stamp[:10]) if stamp else None


def _inspection_view(inspection: Inspection) -> PublicInspectionAnswer:
    return PublicInspectionAnswer(
        id=str(inspection.id),
        date=_inspection_day(inspection),
        result=inspection.result,
        findings=inspection.findings,
        rectify_deadline=inspection.rectify_deadline,
        completed_at=inspection.completed_at,
    )


async def public_page(res: Resources, facility_id: str) -> FacilityPageAnswer:
    """The facility's public page: profile, hours, prices, disclosure, classes, staff counts, record.

    Unfiled or suspended facilities still answer, marked so. Staff appear only as counts.
    """
    facility = await repository.get_facility(facility_id)
    mixed_ratio = res.settings.mixed_class_ratio
    classes = await repository.active_classes_by_name(facility.id)
    staff_roles = await repository.active_staff_roles(facility.id)
    inspections = sorted(
        await repository.inspections_with_result(facility.id),
        key=lambda item: item.completed_at or item.created_at,
        reverse=True,
    )[:CREDIT_RECORD_MAX]
    by_role = Counter(staff_roles)
    outcomes = Counter(str(inspection.result) for inspection in inspections)
    class_views = [_class_view(klass, mixed_ratio) for klass in classes]
    record = facility_view(facility)
    return FacilityPageAnswer(
        # Only the public part of the record: the rest is for the facility's staff and the bureau.
        **{name: getattr(record, name) for name in FacilityPublicAnswer.model_fields},
        disclosure=_disclosure(facility.disclosure),
        classes=class_views,
        places=sum(view.capacity for view in class_views),
        staff=StaffCountsAnswer(total=sum(by_role.values()), by_role=dict(sorted(by_role.items()))),
        ratios=[
            _ratio_view(klass, view, mixed_ratio) for klass, view in zip(classes, class_views, strict=True)
        ],
        suspension_reason=facility.suspension_reason if facility.suspended else None,
        inspections=[_inspection_view(item) for item in inspections[:LATEST_INSPECTIONS]],
        credit_record=CreditRecordAnswer(
            inspections=len(inspections),
            outcomes={result: outcomes.get(result, 0) for result in ("pass", "rectify", "fail")},
            items=[
                CreditRecordItem(date=_inspection_day(item), result=item.result, findings=item.findings)
                for item in inspections
            ],
        ),
    )
