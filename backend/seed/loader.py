"""Loads the Huancui demo data: facilities with classes and staff, rooms, policies, demo accounts.

Run again (every `make run` does), it creates what is missing and leaves what is there, so what
users changed survives. Deciding what "missing" means:
- a facility is matched by its credit code, which only the seed and the bureau's registration set
  and nothing changes afterwards; a demo facility not in the database (a first run, or one cut
  short) is created with its classes, staff and accounts. A facility that is there is left exactly
  as it is, with its classes, staff and accounts: a class its administrator renamed or closed, a
  staff member let go or an account removed stays so;
- accounts are matched by username: a missing regulator account is created, one that is there is
  left with its password and state;
- rooms and policies are loaded as a set: the bureau renames and deletes them, and a renamed or
  deleted demo room must not come back. So they are loaded when the database holds none of the
  demo's rooms (or policies) yet, and left alone otherwise.
`reset=True` (`tuoyu seed-demo --reset`) restores the demo instead: every object
matched on its natural key is written back to the data files' values, and what is missing is
created again.
Afterwards the derived state is rebuilt from the database: the geo index, the policy search
version and vacancy.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backend.accounts import repository as account_repository
from backend.bookings.vacancy import ensure_vacancy, refresh_vacancy
from backend.calendar import now_local
from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.facilities import repository as facility_repository
from backend.geo.index import rebuild_geo_index
from backend.nursing_rooms import repository as room_repository
from backend.nursing_rooms.admin import RoomIn
from backend.policies import repository as policy_repository
from backend.policies.admin import PolicyIn
from backend.policies.service import policy_index_changed
from backend.rules import Role
from backend.security import encrypt, hash_password, keyed_hash
from backend.seed import repository
from backend.seed.demo_data import demo_data
from backend.seed.schemas import FacilitySeed
from backend.staff import repository as staff_repository
from backend.validators import mask_id_number, normalise_id_number

if TYPE_CHECKING:
    from backend.models import Facility

log = logging.getLogger(__name__)

# The demo's well-known passwords: printed by `tuoyu seed-demo`, for a local demo only.
REGULATOR_PASSWORD = "huancui-regulator-2026"
FACILITY_ADMIN_PASSWORD = "huancui-facility-2026"
FACILITY_STAFF_PASSWORD = "huancui-staff-2026"
REGULATORS: tuple[tuple[str, str], ...] = (
    ("regulator", "环翠区卫生健康局 监管员"),
    ("inspector2", "环翠区卫生健康局 检查员二"),
)
STAFF_USERNAME_SUFFIX = "-staff"


@dataclass
class Tally:
    created: int = 0
    # Written back to the demo's values (reset only).
    updated: int = 0
    # Found and left as they are.
    kept: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.kept

    def __str__(self) -> str:
        return f"{self.total} ({self.created} new, {self.updated} reset, {self.kept} left as they are)"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    password: str
    facility: str = ""


@dataclass
class SeedReport:
    facilities: Tally = field(default_factory=Tally)
    classes: Tally = field(default_factory=Tally)
    staff: Tally = field(default_factory=Tally)
    rooms: Tally = field(default_factory=Tally)
    policies: Tally = field(default_factory=Tally)
    accounts: Tally = field(default_factory=Tally)
    bookable_facilities: int = 0
    demo_accounts: list[DemoAccount] = field(default_factory=list)
    geo_index: dict[str, int] = field(default_factory=dict)
    vacancy: str = "not built"

    def describe(self) -> str:
        lines = [
            "Huancui demo data loaded:",
            f"  facilities:     {self.facilities}, {self.bookable_facilities} filed and bookable",
            f"  classes:        {self.classes}",
            f"  staff:          {self.staff}",
            f"  nursing rooms:  {self.rooms}",
            f"  policies:       {self.policies}, all published",
            f"  accounts:       {self.accounts}",
            f"  geo index:      {self.geo_index.get('facilities', 0)} facilities, "
            f"{self.geo_index.get('rooms', 0)} rooms",
            f"  vacancy:        {self.vacancy}",
            "",
            "Demo accounts (POST /api/v1/auth/login):",
        ]
        width = max((len(account.username) for account in self.demo_accounts), default=8)
        for account in self.demo_accounts:
            where = f"  {account.facility}" if account.facility else ""
            lines.append(f"  {account.username:<{width}}  {account.password:<24}  {account.role}{where}")
        return "\n".join(lines)


# --- facilities ---------------------------------------------------------------------------------


async def _upsert_classes(facility: Facility, seed: FacilitySeed, tally: Tally) -> None:
    existing = {klass.name: klass for klass in await repository.classes_of(facility.id)}
    for spec in seed.classes:
        values: dict[str, Any] = {
            "kind": spec.kind.value,
            "places": spec.places,
            "caregivers": spec.caregivers,
            "is_active": True,
        }
        klass = existing.get(spec.name)
        if klass is None:
            await repository.create_class(facility, spec.name, **values)
            tally.created += 1
        else:
            await repository.write_changed(klass, values)
            tally.updated += 1


async def _upsert_staff(res: Resources, facility: Facility, seed: FacilitySeed, tally: Tally) -> None:
    secret = res.settings.secret_key
    existing = {person.id_number_hash: person for person in await repository.staff_of(facility.id)}
    for spec in seed.staff:
        id_number = normalise_id_number(spec.id_number)
        id_hash = keyed_hash(secret, id_number)
        values: dict[str, Any] = {
            "name": spec.name,
            "role": spec.role.value,
            "certificates": list(spec.certificates),
            "last_record_check": spec.last_record_check,
            "is_active": True,
        }
        person = existing.get(id_hash)
        if person is None:
            await staff_repository.create_staff(
                facility=facility,
                id_number_hash=id_hash,
                id_number_enc=encrypt(secret, id_number),
                id_number_masked=mask_id_number(id_number),
                **values,
            )
            tally.created += 1
        else:
            await repository.write_changed(person, values)
            tally.updated += 1


async def _upsert_account(
    username: str,
    role: Role,
    password_hash: str,
    display_name: str,
    facility: Facility | None,
    tally: Tally,
    *,
    reset: bool,
) -> None:
    account = await account_repository.get_by_username(username)
    if account is None:
        # The accounts' own insert, as for any account made in the app (a new account is active).
        await account_repository.create_account(
            role=role.value,
            username=username,
            password_hash=password_hash,
            facility_id=facility.id if facility is not None else None,
            display_name=display_name,
        )
        tally.created += 1
    elif reset:
        values: dict[str, Any] = {
            "role": role.value,
            "password_hash": password_hash,
            "display_name": display_name,
            "facility": facility,
            "is_active": True,
        }
        await repository.write_changed(account, values)
        tally.updated += 1
    else:
        tally.kept += 1


class _Passwords:
    """argon2 is slow on purpose: each distinct demo password is hashed once and the hash reused."""

    def __init__(self) -> None:
        self._hashes: dict[str, str] = {}

    async def hash_of(self, password: str) -> str:
        if password not in self._hashes:
            self._hashes[password] = await asyncio.to_thread(hash_password, password)
        return self._hashes[password]


async def _load_facilities(res: Resources, report: SeedReport, passwords: _Passwords, *, reset: bool) -> None:
    admin_hash = await passwords.hash_of(FACILITY_ADMIN_PASSWORD)
    staff_hash = await passwords.hash_of(FACILITY_STAFF_PASSWORD)
    for seed in demo_data().facilities:
        accounts = [DemoAccount(seed.admin_username, Role.facility_admin, FACILITY_ADMIN_PASSWORD, seed.name)]
        if seed.demonstration:
            accounts.append(
                DemoAccount(
                    seed.admin_username + STAFF_USERNAME_SUFFIX,
                    Role.facility_staff,
                    FACILITY_STAFF_PASSWORD,
                    seed.name,
                )
            )
        report.demo_accounts.extend(accounts)
        async with UnitOfWork(res):
            facility = await repository.facility_with_credit_code(seed.credit_code)
            if facility is not None and not reset:
                report.facilities.kept += 1
                report.classes.kept += await repository.class_count(facility.id)
                report.staff.kept += await repository.staff_count(facility.id)
                report.accounts.kept += await repository.accounts_count(
                    [account.username for account in accounts]
                )
            else:
                if facility is None:
                    facility = await facility_repository.create_facility(
                        credit_code=seed.credit_code, **seed.facility_columns()
                    )
                    report.facilities.created += 1
                else:
                    await repository.write_changed(facility, seed.facility_columns())
                    report.facilities.updated += 1
                await _upsert_classes(facility, seed, report.classes)
                await _upsert_staff(res, facility, seed, report.staff)
                for account in accounts:
                    admin = account.role == Role.facility_admin
                    await _upsert_account(
                        account.username,
                        Role(account.role),
                        admin_hash if admin else staff_hash,
                        f"{seed.name} {'管理员' if admin else '保育员'}",
                        facility,
                        report.accounts,
                        reset=reset,
                    )
        if facility.bookable:
            report.bookable_facilities += 1


async def _load_regulators(res: Resources, report: SeedReport, passwords: _Passwords, *, reset: bool) -> None:
    password_hash = await passwords.hash_of(REGULATOR_PASSWORD)
    async with UnitOfWork(res):
        for username, display_name in REGULATORS:
            await _upsert_account(
                username, Role.regulator, password_hash, display_name, None, report.accounts, reset=reset
            )
            report.demo_accounts.append(DemoAccount(username, Role.regulator, REGULATOR_PASSWORD))


# --- rooms and policies -------------------------------------------------------------------------


async def _load_rooms(res: Resources, rooms: Sequence[RoomIn], tally: Tally, *, reset: bool) -> None:
    async with UnitOfWork(res):
        registered = await room_repository.rooms_by_name_and_address(
            (seed.name, seed.address) for seed in rooms
        )
        found = [registered.get((seed.name, seed.address)) for seed in rooms]
        if not reset and any(found):
            tally.kept = sum(room is not None for room in found)
            return
        for seed, room in zip(rooms, found, strict=True):
            values = seed.model_dump(mode="json", exclude={"name", "address"})
            if room is None:
                await room_repository.create_room({"name": seed.name, "address": seed.address, **values})
                tally.created += 1
            else:
                await repository.write_changed(room, values)
                tally.updated += 1


async def _load_policies(res: Resources, policies: Sequence[PolicyIn], tally: Tally, *, reset: bool) -> None:
    async with UnitOfWork(res):
        found = [await repository.policy_titled(seed.title, seed.doc_number) for seed in policies]
        if not reset and any(found):
            tally.kept = sum(policy is not None for policy in found)
            return
        for seed, policy in zip(policies, found, strict=True):
            values: dict[str, Any] = {
                **seed.model_dump(exclude={"title", "doc_number"}),
                "is_published": True,
            }
            if policy is None:
                await policy_repository.create_policy(
                    title=seed.title, doc_number=seed.doc_number, published_on=now_local(), **values
                )
                tally.created += 1
            else:
                if policy.published_on is None:
                    values["published_on"] = now_local()
                await repository.write_changed(policy, values)
                tally.updated += 1


# --- derived state ------------------------------------------------------------------------------


async def _refresh_vacancy(res: Resources) -> str:
    await ensure_vacancy(res)
    # ensure_vacancy skips days already built; the facilities just loaded need theirs now.
    credit_codes = [seed.credit_code for seed in demo_data().facilities]
    for facility_id in await repository.facility_ids_with_credit_codes(credit_codes):
        await refresh_vacancy(res, facility_id)
    return "built for the next days of the booking window"


async def seed_demo(res: Resources, *, reset: bool = False) -> SeedReport:
    """Creates the demo data that is missing (with `reset`, restores all of it), then rebuilds what
    is derived from it."""
    report = SeedReport()
    passwords = _Passwords()
    await _load_regulators(res, report, passwords, reset=reset)
    await _load_facilities(res, report, passwords, reset=reset)
    await _load_rooms(res, demo_data().rooms, report.rooms, reset=reset)
    await _load_policies(res, demo_data().policies, report.policies, reset=reset)
    report.geo_index = await rebuild_geo_index(res)
    await policy_index_changed(res)
    report.vacancy = await _refresh_vacancy(res)
    log.info("demo data loaded: %d facilities, %d rooms", report.facilities.total, report.rooms.total)
    return report
