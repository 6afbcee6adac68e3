"""Every query about parents, their children and their subscribe-message grants.

Getters are scoped to the parent, so another parent's child and a missing child both raise
NotFound, and children a parent deleted (kept anonymised for booking history) are never found.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Q
from tortoise.transactions import in_transaction

from backend.accounts.repository import uuid_or_not_found
from backend.calendar import now_local
from backend.db.paging import page_by
from backend.errors import NotFound
from backend.models import Account, Booking, Child, SubscribeGrant
from backend.rules import ACTIVE_BOOKING_STATUSES, Role

PARENT_ROLE = Role.parent


# Accounts


async def get_account(account_id: str) -> Account | None:
    try:
        key = uuid.UUID(account_id)
    except ValueError:
        return None
    return await Account.get_or_none(id=key)


async def find_parent_by_openid(openid: str) -> Account | None:
    return await Account.get_or_none(openid=openid)


async def find_parent_by_unionid(unionid: str) -> Account | None:
    return await Account.filter(role=PARENT_ROLE, unionid=unionid).order_by("created_at").first()


async def lock_account(account_id: str) -> Account:
    """The account row, locked until the transaction ends (PostgreSQL; SQLite serialises writers)."""
    account = await Account.filter(id=uuid_or_not_found(account_id, "account")).select_for_update().first()
    if account is None:
        raise NotFound("No such account.")
    return account


async def save_account(account: Account, fields: list[str]) -> None:
    await account.save(update_fields=[*fields, "updated_at"])


async def create_parent(openid: str, unionid: str | None, session_key_enc: str) -> tuple[Account, bool]:
    """Creates the parent for an openid, or answers the one a concurrent login just created.

    Answers (account, created). Must run inside a transaction: the insert gets a savepoint of its
    own so a lost race on the unique openid leaves the outer transaction usable.
    """
    try:
        async with in_transaction():
            account = await Account.create(
                role=PARENT_ROLE, openid=openid, unionid=unionid, session_key_enc=session_key_enc
            )
        return account, True
    except IntegrityError:
        existing = await find_parent_by_openid(openid)
        if existing is None:
            raise
        return existing, False


# Children


def _visible_children(parent_id: str) -> Q:
    return Q(parent_id=uuid_or_not_found(parent_id, "child"), deleted_at__isnull=True)


async def get_child_for_parent(child_id: str, parent_id: str) -> Child:
    """The parent's own, not deleted child; NotFound for anyone else's, a deleted or a missing one."""
    child = await Child.filter(_visible_children(parent_id), id=uuid_or_not_found(child_id, "child")).first()
    if child is None:
        raise NotFound("No such child.")
    return child


async def lock_child_for_parent(child_id: str, parent_id: str) -> Child:
    """Like get_child_for_parent, with the row locked until the transaction ends.

    On PostgreSQL a booking's insert takes a key-share lock on the child it references, so holding
    this lock orders a delete or an age change against any booking being placed for the child.
    """
    child = (
        await Child.filter(_visible_children(parent_id), id=uuid_or_not_found(child_id, "child"))
        .select_for_update()
        .first()
    )
    if child is None:
        raise NotFound("No such child.")
    return child


async def count_children(parent_id: str) -> int:
    return await Child.filter(_visible_children(parent_id)).count()


async def page_of_children(
    parent_id: str, *, secret_key: str, limit: int, cursor: str | None
) -> tuple[list[Child], str | None]:
    """One page of the parent's children in birth order (eldest first), and the next page's cursor."""
    return await page_by(
        Child.filter(_visible_children(parent_id)),
        "birth_date",
        date.fromisoformat,
        secret_key=secret_key,
        limit=limit,
        cursor=cursor,
    )


async def child_has_active_bookings(child_id: uuid.UUID) -> bool:
    return await Booking.filter(child_id=child_id, status__in=list(ACTIVE_BOOKING_STATUSES)).exists()


async def child_has_bookings(child_id: uuid.UUID) -> bool:
    return await Booking.filter(child_id=child_id).exists()


async def create_child(
    parent_id: uuid.UUID, *, name: str, birth_date: date, gender: str, allergies: str
) -> Child:
    return await Child.create(
        parent_id=parent_id, name=name, birth_date=birth_date, gender=gender, allergies=allergies
    )


async def save_child(child: Child, fields: list[str]) -> None:
    await child.save(update_fields=[*fields, "updated_at"])


async def delete_child(child: Child) -> None:
    await child.delete()


async def anonymise_child(child: Child, deleted_at: datetime) -> None:
    child.name = "已删除"
    child.allergies = ""
    child.deleted_at = deleted_at
    await child.save(update_fields=["name", "allergies", "deleted_at", "updated_at"])


# Subscribe-message grants


async def add_subscribe_grant(account_id: str, template_id: str) -> None:
    """Counts one more one-time permission, race-safe: an atomic increment, or the row's insert.

    Must run inside a transaction. Two first grants racing both see no row; one insert wins, the
    other's unique violation rolls back only its savepoint and the increment then finds the row.
    """
    account_key = uuid_or_not_found(account_id, "account")
    for _ in range(3):
        updated = await SubscribeGrant.filter(account_id=account_key, template_id=template_id).update(
            remaining=F("remaining") + 1,
            granted_total=F("granted_total") + 1,
            updated_at=now_local(),
        )
        if updated:
            return
        try:
            async with in_transaction():
                await SubscribeGrant.create(
                    account_id=account_key, template_id=template_id, remaining=1, granted_total=1
                )
            return
        except IntegrityError:
            continue
    raise RuntimeError(f"could not record a grant of {template_id} for {account_id}")


async def take_subscribe_grant(account_id: str, template_id: str) -> bool:
    """Spends one permission if any is left (one statement, so two senders never spend the same
    one); answers whether one was spent."""
    account_key = uuid_or_not_found(account_id, "account")
    spent = await SubscribeGrant.filter(
        account_id=account_key, template_id=template_id, remaining__gt=0
    ).update(remaining=F("remaining") - 1, updated_at=now_local())
    return spent > 0


async def list_subscribe_grants(
    account_id: str, template_ids: list[str] | None = None
) -> list[SubscribeGrant]:
    query = SubscribeGrant.filter(account_id=uuid_or_not_found(account_id, "account"))
    if template_ids is not None:
        query = query.filter(template_id__in=template_ids)
    return await query.order_by("template_id")


async def grants_of(account_id: str) -> dict[str, int]:
    """The parent's subscribe permissions left, per template."""
    rows = await SubscribeGrant.filter(account_id=account_id).values_list("template_id", "remaining")
    return {str(template_id): int(remaining) for template_id, remaining in rows}
