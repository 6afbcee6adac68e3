"""Test data for accounts, staff and the ban list: password accounts and valid ID numbers."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from backend.auth.sessions import issue_token
from backend.context import Caller, Resources
from backend.models import Account, Facility
from backend.security import hash_password
from backend.validators import id_number_check_char

HUANCUI_AREA_CODE = "371002"
PASSWORD = "correct horse battery"
_password_hash = hash_password(PASSWORD)
_random = random.Random()


def valid_id_number(birth: date | None = None) -> str:
    """A fresh, well-formed resident ID number (GB 11643) with a real past birth date."""
    born = birth or date(1970, 1, 1) + timedelta(days=_random.randrange(0, 365 * 30))
    first17 = f"{HUANCUI_AREA_CODE}{born:%Y%m%d}{_random.randrange(0, 1000):03d}"
    return first17 + id_number_check_char(first17)


def with_wrong_check_char(id_number: str) -> str:
    wrong = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + wrong


def unique_username(prefix: str = "user") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}"


async def make_password_account(
    role: str, facility: Facility | None = None, *, username: str | None = None, is_active: bool = True
) -> Account:
    return await Account.create(
        role=role,
        username=username or unique_username(role),
        password_hash=_password_hash,
        display_name=role,
        facility=facility,
        is_active=is_active,
    )


async def token_for(res: Resources, account: Account) -> str:
    facility_id = account.facility_id  # type: ignore[attr-defined]
    token, _ = await issue_token(
        res,
        Caller(
            account_id=str(account.id),
            role=account.role,
            facility_id=str(facility_id) if facility_id is not None else None,
        ),
    )
    return token


async def clear_login_counters(res: Resources, *subjects: str) -> None:
    """Forgets failed sign-ins from the test client's address (and for the given usernames), so one
    test's deliberate failures never lock out another's sign-ins."""
    addresses = ("127.0.0.1", "::1", "unknown")
    keys = [res.key("rl", scope, a) for a in addresses for scope in ("login-address", "login-address-turn")]
    keys += [res.key("rl", "login-user", subject) for subject in subjects]
    await res.redis.delete(*keys)
