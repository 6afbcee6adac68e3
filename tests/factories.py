"""Test data made straight in the database, and tokens issued straight in Redis."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

from backend.auth.sessions import issue_token
from backend.context import Caller, Resources
from backend.models import Account, Child, Facility, FacilityClass
from backend.validators import credit_code_check_char

# An id no row has. A constant, not uuid4(): what a test is parametrized with must be the same in
# every pytest-xdist worker, or the workers collect different tests and the run stops.
NO_SUCH_ID = "5c1e9a3f-0b7d-4e2a-8f6c-3d9b7a1e4c20"

_serial = itertools.count(1)


def unique_credit_code() -> str:
    body = "91371002" + uuid.uuid4().hex[:9].upper()
    # Map hex letters outside the GB 32100 alphabet (none: A-F are all allowed) and add the check char.
    return body + credit_code_check_char(body)


async def make_account(res: Resources, role: str, facility: Facility | None = None) -> tuple[Account, str]:
    n = next(_serial)
    account = await Account.create(
        role=role,
        username=None if role == "parent" else f"{role}-{uuid.uuid4().hex[:8]}",
        openid=f"openid-{uuid.uuid4().hex}" if role == "parent" else None,
        display_name=f"{role} {n}",
        facility=facility,
    )
    token, _ = await issue_token(
        res,
        Caller(
            account_id=str(account.id),
            role=role,
            facility_id=str(facility.id) if facility is not None else None,
        ),
    )
    return account, token


async def make_parent(res: Resources) -> tuple[Account, str]:
    return await make_account(res, "parent")


async def make_child(parent: Account, birth_date: date, name: str = "小明") -> Child:
    return await Child.create(parent=parent, name=name, birth_date=birth_date, gender="m")


async def make_facility(
    res: Resources,
    *,
    classes: list[dict[str, Any]] | None = None,
    lat: float = 37.5131,
    lng: float = 122.1201,
    index: bool = False,
    **fields: Any,
) -> Facility:
    defaults: dict[str, Any] = {
        "name": f"测试托育园{next(_serial)}",
        "credit_code": unique_credit_code(),
        "address": "威海市环翠区测试路1号",
        "town": "竹岛街道",
        "lat": lat,
        "lng": lng,
        "phone": "0631-5200000",
        "nature": "private_nonprofit",
        "inclusive": True,
        "age_min_months": 6,
        "age_max_months": 36,
        "filing_status": "filed",
        "filing_number": "环卫托备〔2026〕001号",
        "care_types": ["full_day", "half_day", "hourly", "temporary"],
        "prices": {"full_day": 10000, "half_day": 6000, "hourly": 3000, "temporary": 12000},
        "open_weekdays": [1, 2, 3, 4, 5, 6, 7],
        # Off unless a test is about it: every check-in would otherwise need an admission check.
        "requires_admission_check": False,
    }
    defaults.update(fields)
    facility = await Facility.create(**defaults)
    for spec in (
        classes
        if classes is not None
        else [{"kind": "toddler", "name": "托小一班", "places": 10, "caregivers": 2}]
    ):
        await FacilityClass.create(facility=facility, **spec)
    if index:
        from backend.geo.index import index_facility

        await index_facility(res, str(facility.id))
    return facility
