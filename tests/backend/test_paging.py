"""backend.paging: creation- and name-order pages that neither repeat nor skip; forged cursors refused."""

from __future__ import annotations

import uuid

import pytest

from backend.context import Resources
from backend.db.paging import page_by_creation, page_by_name
from backend.errors import ValidationFailed
from backend.models import Account, NursingRoom
from backend.paging import encode_cursor
from tests.backend.accounts.factories import make_password_account
from tests.factories import make_facility


@pytest.mark.parametrize("newest_first", [False, True])
async def test_pages_cover_every_row_once_in_order(res: Resources, newest_first: bool) -> None:
    facility = await make_facility(res)
    made = [str((await make_password_account("facility_staff", facility)).id) for _ in range(7)]
    expected = list(reversed(made)) if newest_first else made
    secret = res.settings.secret_key
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        rows, cursor = await page_by_creation(
            Account.filter(facility_id=facility.id),
            secret_key=secret,
            limit=3,
            cursor=cursor,
            newest_first=newest_first,
        )
        seen += [str(row.id) for row in rows]
        if cursor is None:
            break
    assert seen == expected


async def test_a_row_added_while_paging_is_neither_repeated_nor_lost(res: Resources) -> None:
    facility = await make_facility(res)
    made = [str((await make_password_account("facility_staff", facility)).id) for _ in range(4)]
    secret = res.settings.secret_key
    query = Account.filter(facility_id=facility.id)
    first, cursor = await page_by_creation(query, secret_key=secret, limit=2, cursor=None, newest_first=False)
    late = str((await make_password_account("facility_staff", facility)).id)
    rest, end = await page_by_creation(query, secret_key=secret, limit=10, cursor=cursor, newest_first=False)
    assert end is None
    assert [str(r.id) for r in first + rest] == [*made, late]


@pytest.mark.parametrize(
    "cursor", ["garbage", "a.b", encode_cursor("another-secret-key-123456", {"t": "x", "i": "y"})]
)
async def test_forged_or_foreign_cursors_are_refused(res: Resources, cursor: str) -> None:
    with pytest.raises(ValidationFailed):
        await page_by_creation(
            Account.all(), secret_key=res.settings.secret_key, limit=2, cursor=cursor, newest_first=True
        )


async def test_a_signed_cursor_of_the_wrong_shape_is_refused(res: Resources) -> None:
    cursor = encode_cursor(res.settings.secret_key, {"t": "yesterday", "i": "nobody"})
    with pytest.raises(ValidationFailed):
        await page_by_creation(
            Account.all(), secret_key=res.settings.secret_key, limit=2, cursor=cursor, newest_first=True
        )


async def test_name_pages_follow_name_then_id_through_ties(res: Resources) -> None:
    prefix = f"分页{uuid.uuid4().hex[:6]}"
    # Two names, three rooms each: the pages must break the ties by id, never repeating one.
    rooms = [
        await NursingRoom.create(
            name=f"{prefix}{name}", address=f"地址{n}", venue_type="mall", lat=30.0, lng=120.0
        )
        for name in ("b", "a")
        for n in range(3)
    ]
    expected = [str(room.id) for room in sorted(rooms, key=lambda room: (room.name, room.id))]
    secret = res.settings.secret_key
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page, cursor = await page_by_name(
            NursingRoom.filter(name__startswith=prefix), secret_key=secret, limit=2, cursor=cursor
        )
        seen += [str(room.id) for room in page]
        if cursor is None:
            break
    assert seen == expected


async def test_a_creation_cursor_is_not_a_name_cursor(res: Resources) -> None:
    cursor = encode_cursor(res.settings.secret_key, {"t": "2026-01-01T00:00:00", "i": str(uuid.uuid4())})
    with pytest.raises(ValidationFailed):
        await page_by_name(NursingRoom.all(), secret_key=res.settings.secret_key, limit=2, cursor=cursor)
