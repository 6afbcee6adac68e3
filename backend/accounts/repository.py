"""Queries for password accounts (facility staff and regulators)."""

from __future__ import annotations

import uuid

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.db.paging import page_by_creation
from backend.errors import NotFound
from backend.models import Account, Facility
from backend.rules import FACILITY_ROLES, PASSWORD_ROLES, Role


def as_uuid(value: str | uuid.UUID | None) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def uuid_or_not_found(value: object, what: str) -> uuid.UUID:
    """An id from a path or a body; what is not a UUID names nothing of ours, so it is not found
    (never a 500 from the database)."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError) as exc:
        raise NotFound(f"No such {what}.") from exc


async def get_by_username(username: str) -> Account | None:
    return await Account.get_or_none(username=username)


async def username_taken(username: str) -> bool:
    return await Account.filter(username=username).exists()


async def facility_exists(facility_id: str) -> bool:
    key = as_uuid(facility_id)
    return key is not None and await Facility.filter(id=key).exists()


async def create_account(
    *,
    role: str,
    username: str,
    password_hash: str,
    facility_id: str | uuid.UUID | None,
    display_name: str,
) -> Account:
    return await Account.create(
        role=role,
        username=username,
        password_hash=password_hash,
        facility_id=as_uuid(facility_id),
        display_name=display_name,
    )


async def create_account_unless_taken(
    *,
    role: str,
    username: str,
    password_hash: str,
    facility_id: str | uuid.UUID | None,
    display_name: str,
) -> Account | None:
    """The new account; None when a concurrent request took the username since the caller checked
    it (the unique index lets one through). In a savepoint, so the caller's transaction stays usable."""
    try:
        async with in_transaction():
            return await create_account(
                role=role,
                username=username,
                password_hash=password_hash,
                facility_id=facility_id,
                display_name=display_name,
            )
    except IntegrityError:
        return None


async def page_facility_accounts(
    facility_id: str, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[Account], str | None]:
    query = Account.filter(facility_id=as_uuid(facility_id), role__in=FACILITY_ROLES)
    return await page_by_creation(
        query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=False
    )


async def get_account_of_facility(account_id: str | uuid.UUID, facility_id: str) -> Account:
    """The account if it belongs to this facility; another facility's or a missing one: NotFound."""
    key = as_uuid(account_id)
    facility_key = as_uuid(facility_id)
    account = None
    if key is not None and facility_key is not None:
        account = await Account.get_or_none(id=key, facility_id=facility_key)
    if account is None:
        raise NotFound("No such account in your facility.")
    return account


async def get_active_account(account_id: str) -> Account | None:
    key = as_uuid(account_id)
    return await Account.get_or_none(id=key, is_active=True) if key is not None else None


async def set_password_hash(account: Account, password_hash: str) -> None:
    account.password_hash = password_hash
    await account.save(update_fields=["password_hash", "updated_at"])


async def page_accounts(
    *, role: str | None, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[Account], str | None]:
    # Parents are no password accounts: the bureau's list is of staff and regulators.
    query = Account.filter(role__in=PASSWORD_ROLES)
    if role is not None:
        query = query.filter(role=role)
    return await page_by_creation(
        query, secret_key=secret_key, limit=limit, cursor=cursor, newest_first=False
    )


async def active_regulators() -> list[Account]:
    """Every active regulator account, by username (a district bureau has tens at most)."""
    return await Account.filter(role=Role.regulator, is_active=True).order_by("username")


async def deactivate(account: Account) -> None:
    account.is_active = False
    await account.save(update_fields=["is_active", "updated_at"])
