"""Every query of the demo loader: finding the demo's rows by their natural keys, counting what a
run leaves as it is, and writing back only the values that differ.

The loader makes facilities, staff, accounts, rooms and policies, and finds rooms, through their
own domains' repositories, so a seeded row is made exactly as one the application makes; what only
the seed asks lives here.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from tortoise.fields.relational import ForeignKeyFieldInstance
from tortoise.models import Model

from backend.models import Account, Facility, FacilityClass, Policy, StaffMember

# --- writing back the demo's values --------------------------------------------------------------


async def write_changed(row: Model, values: Mapping[str, Any]) -> None:
    """Writes only the values that differ, so loading unchanged data again writes nothing."""
    changed = [name for name, value in values.items() if _stored(row, name) != _comparable(value)]
    if not changed:
        return
    for name in changed:
        setattr(row, name, values[name])
    auto_now = [name for name in ("updated_at",) if name in row._meta.fields_map]
    await row.save(update_fields=[*_columns(row, changed), *auto_now])


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, Model) else value


def _stored(row: Model, name: str) -> Any:
    # Foreign keys compare by id: the loaded row holds `<name>_id`, not the related object.
    field = row._meta.fields_map[name]
    if isinstance(field, ForeignKeyFieldInstance):
        return getattr(row, f"{name}_id")
    return getattr(row, name)


def _columns(row: Model, names: Sequence[str]) -> list[str]:
    return [
        f"{name}_id" if isinstance(row._meta.fields_map[name], ForeignKeyFieldInstance) else name
        for name in names
    ]


# --- facilities, their classes, staff and accounts ------------------------------------------------


async def facility_with_credit_code(credit_code: str) -> Facility | None:
    return await Facility.get_or_none(credit_code=credit_code)


async def facility_ids_with_credit_codes(credit_codes: Iterable[str]) -> list[str]:
    """The ids of the facilities among these credit codes, as the services take them."""
    ids = await Facility.filter(credit_code__in=list(credit_codes)).values_list("id", flat=True)
    return [str(facility_id) for facility_id in ids]


async def classes_of(facility_id: uuid.UUID) -> list[FacilityClass]:
    """Every class of the facility, closed ones too (the seed reopens them on a reset)."""
    return list(await FacilityClass.filter(facility_id=facility_id))


async def class_count(facility_id: uuid.UUID) -> int:
    return await FacilityClass.filter(facility_id=facility_id).count()


async def create_class(facility: Facility, name: str, **values: Any) -> FacilityClass:
    return await FacilityClass.create(facility=facility, name=name, **values)


async def staff_of(facility_id: uuid.UUID) -> list[StaffMember]:
    """Every person on the facility's register, those let go too (the seed rehires them on a reset)."""
    return list(await StaffMember.filter(facility_id=facility_id))


async def staff_count(facility_id: uuid.UUID) -> int:
    return await StaffMember.filter(facility_id=facility_id).count()


async def accounts_count(usernames: Iterable[str]) -> int:
    """How many of these usernames have an account."""
    return await Account.filter(username__in=list(usernames)).count()


# --- policies -------------------------------------------------------------------------------------


async def policy_titled(title: str, doc_number: str) -> Policy | None:
    return await Policy.filter(title=title, doc_number=doc_number).first()
