"""Password accounts: staff and regulators sign in, facility admins add and remove staff accounts."""

from __future__ import annotations

import asyncio
import functools
import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from backend import audit, ratelimit
from backend.accounts import repository
from backend.accounts.schemas import AccountAnswer, SignedInUser, StaffLoginAnswer
from backend.accounts.scope import own_facility, require_regulator
from backend.auth.sessions import issue_token, revoke_all_sessions, revoke_other_sessions
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import Conflict, Forbidden, RateLimited, Unauthorized, ValidationFailed
from backend.labels import label
from backend.paging import DEFAULT_LIMIT, Page, PageQuery
from backend.rules import Role
from backend.security import hash_password, verify_password

if TYPE_CHECKING:
    from backend.models import Account

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,50}$")
PASSWORD_MIN_LENGTH = 8
# Long enough for any passphrase; the bound keeps a huge body from costing an argon2 run.
PASSWORD_MAX_LENGTH = 128
DISPLAY_NAME_MAX_LENGTH = 50
# A password a person chooses for themselves (API.md v1.1): longer than the one an admin hands out.
NEW_PASSWORD_MIN_LENGTH = 10
_PASSWORD_CHANGE_SCOPE = "password-change"

PASSWORD_ROLES: frozenset[str] = frozenset({Role.facility_admin, Role.facility_staff, Role.regulator})
FACILITY_ROLES: frozenset[str] = frozenset({Role.facility_admin, Role.facility_staff})

# One message for a wrong username and a wrong password, so the answer never tells which exists.
LOGIN_FAILED_MESSAGE = "The username or password is wrong."
# One address may fail this many times the per-username limit before it is slowed too: enough for a
# shared office network full of typos, too few to walk through many usernames.
ADDRESS_FAILURES_PER_USERNAME_LIMIT = 4
_USERNAME_SCOPE = "login-user"
_ADDRESS_SCOPE = "login-address"
_ADDRESS_TURN_SCOPE = "login-address-turn"


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Loose bounds here: a malformed username is just a failed login, not a hint about the rules.
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)


class PasswordChangeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    old_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    new_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)


class AccountListQuery(PageQuery):
    role: Role | None = None


class StaffAccountBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(min_length=3, max_length=50)
    password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH)
    display_name: str = Field(default="", max_length=DISPLAY_NAME_MAX_LENGTH)


def normalise_username(username: str) -> str:
    # Usernames are case-insensitive: "Wang.Li" and "wang.li" are one person at the login screen.
    return username.strip().lower()


def checked_username(username: str, field: str = "username") -> str:
    normalised = normalise_username(username)
    if not USERNAME_PATTERN.fullmatch(normalised):
        raise ValidationFailed.field(field, "3 to 50 characters: letters, digits, '_', '.' or '-'")
    return normalised


def checked_password(password: str, field: str = "password") -> str:
    if len(password) < PASSWORD_MIN_LENGTH:
        raise ValidationFailed.field(field, f"at least {PASSWORD_MIN_LENGTH} characters")
    if len(password) > PASSWORD_MAX_LENGTH:
        raise ValidationFailed.field(field, f"at most {PASSWORD_MAX_LENGTH} characters")
    return password


async def hash_password_off_loop(password: str) -> str:
    # argon2 is deliberately slow; run it in a thread so one login does not stall the worker.
    return await asyncio.to_thread(hash_password, password)


@functools.cache
def _decoy_hash() -> str:
    return hash_password("decoy password for unknown usernames")


async def _password_matches(account: Account | None, password: str) -> bool:
    # An unknown username still costs one argon2 verification, so timing tells nothing either.
    stored = account.password_hash if account is not None and account.password_hash else None
    matches = await asyncio.to_thread(verify_password, stored or _decoy_hash(), password)
    return matches and stored is not None


def account_view(account: Account) -> AccountAnswer:
    facility_id = account.facility_id  # type: ignore[attr-defined]
    return AccountAnswer(
        id=str(account.id),
        username=account.username,
        role=account.role,
        role_label=label("role", account.role),
        display_name=account.display_name,
        facility_id=str(facility_id) if facility_id is not None else None,
        is_active=account.is_active,
        created_at=account.created_at,
    )


async def create_user(
    res: Resources,
    *,
    role: str,
    username: str,
    password: str,
    facility_id: str | None = None,
    display_name: str = "",
) -> AccountAnswer:
    """Creates a staff or regulator account (the `tuoyu create-user` command and facility admins)."""
    if role not in PASSWORD_ROLES:
        raise ValidationFailed.field("role", "one of facility_admin, facility_staff, regulator")
    normalised = checked_username(username)
    checked_password(password)
    if len(display_name) > DISPLAY_NAME_MAX_LENGTH:
        raise ValidationFailed.field("display_name", f"at most {DISPLAY_NAME_MAX_LENGTH} characters")
    if role in FACILITY_ROLES:
        if not facility_id:
            raise ValidationFailed.field("facility", "facility accounts need the id of their facility")
        if not await repository.facility_exists(facility_id):
            raise ValidationFailed.field("facility", "no facility has this id")
    elif facility_id:
        raise ValidationFailed.field("facility", "regulators belong to the bureau, not a facility")
    if await repository.username_taken(normalised):
        raise Conflict("This username is taken.", {"fields": {"username": "taken"}})
    password_hash = await hash_password_off_loop(password)
    async with UnitOfWork(res):
        account = await repository.create_account_unless_taken(
            role=role,
            username=normalised,
            password_hash=password_hash,
            facility_id=facility_id if role in FACILITY_ROLES else None,
            display_name=display_name.strip() or normalised,
        )
        if account is None:
            # Two requests for one username at once: the unique index lets one through.
            raise Conflict("This username is taken.", {"fields": {"username": "taken"}})
    return account_view(account)


async def login(res: Resources, *, username: str, password: str, client_address: str) -> StaffLoginAnswer:
    """Signs in a staff member or regulator; repeated failures lock the username and slow the address.

    The two are counted apart: a username past its limit is locked for the window, while an
    address past its own (failures across usernames) is only slowed to one try per
    `login_address_delay_seconds`, so a right password from an office behind one address still
    gets in after a short wait.
    """
    settings = res.settings
    window = settings.login_lockout_seconds
    delay = settings.login_address_delay_seconds
    subject = normalise_username(username)
    address_limit = settings.login_max_failures * ADDRESS_FAILURES_PER_USERNAME_LIMIT
    if await ratelimit.count(res, _ADDRESS_SCOPE, client_address) >= address_limit:
        wait = await ratelimit.take_turn(res, _ADDRESS_TURN_SCOPE, client_address, delay)
        if wait is not None:
            raise RateLimited(
                "Too many failed sign-ins from this network; wait a moment and try again.",
                {"retry_after_s": wait},
                retry_after=wait,
            )
    # Every attempt is counted before the password is checked and a success clears the count, so
    # a burst of parallel guesses gets no more tries than a patient guesser.
    attempts = await ratelimit.hit(res, _USERNAME_SCOPE, subject, window)
    if attempts > settings.login_max_failures:
        wait = await ratelimit.seconds_left(res, _USERNAME_SCOPE, subject)
        raise RateLimited(
            "Too many failed sign-ins for this username; try again later.",
            {"retry_after_s": wait},
            retry_after=wait,
        )
    try:
        account = await repository.get_by_username(subject) if USERNAME_PATTERN.fullmatch(subject) else None
    except BaseException:
        # The database failed before the password was judged (an outage answers 503): the attempt
        # must not count, or people retrying through an outage lock themselves out.
        await ratelimit.give_back(res, _USERNAME_SCOPE, subject)
        raise
    matches = await _password_matches(account, password)
    if account is None or not matches or not account.is_active or account.role not in PASSWORD_ROLES:
        if await ratelimit.hit(res, _ADDRESS_SCOPE, client_address, window) >= address_limit:
            await ratelimit.hold(res, _ADDRESS_TURN_SCOPE, client_address, delay)
        raise Unauthorized(LOGIN_FAILED_MESSAGE)
    await ratelimit.reset(res, _USERNAME_SCOPE, subject)
    facility_id = account.facility_id  # type: ignore[attr-defined]
    caller = Caller(
        account_id=str(account.id),
        role=account.role,
        facility_id=str(facility_id) if facility_id is not None else None,
    )
    token, ttl = await issue_token(res, caller)
    return StaffLoginAnswer(
        token=token,
        expires_in=ttl,
        user=SignedInUser(id=caller.account_id, role=Role(caller.role), facility_id=caller.facility_id),
    )


def _admin_facility(caller: Caller) -> str:
    return own_facility(
        caller, admin_only=True, refusal="Only the facility's administrator manages its accounts."
    )


async def list_facility_accounts(
    res: Resources, caller: Caller, *, limit: int = DEFAULT_LIMIT, cursor: str | None = None
) -> Page[AccountAnswer]:
    facility_id = _admin_facility(caller)
    accounts, next_cursor = await repository.page_facility_accounts(
        facility_id, secret_key=res.settings.secret_key, limit=limit, cursor=cursor
    )
    return Page[AccountAnswer](items=[account_view(a) for a in accounts], next_cursor=next_cursor)


async def add_staff_account(
    res: Resources, caller: Caller, *, username: str, password: str, display_name: str = ""
) -> AccountAnswer:
    facility_id = _admin_facility(caller)
    return await create_user(
        res,
        role=Role.facility_staff,
        username=username,
        password=password,
        facility_id=facility_id,
        display_name=display_name,
    )


async def remove_staff_account(res: Resources, caller: Caller, account_id: str) -> None:
    """Deactivates a staff account of the caller's facility and ends its sessions at once."""
    facility_id = _admin_facility(caller)
    account = await repository.get_account_of_facility(account_id, facility_id)
    if account.role != Role.facility_staff:
        raise Conflict("Only staff accounts are removed here; the administrator account stays.")
    if account.is_active:
        await repository.deactivate(account)
    # Even for an already inactive account: a session that slipped through must not outlive it.
    await revoke_all_sessions(res, str(account.id))


def _checked_new_password(account: Account, old_password: str, new_password: str) -> None:
    if len(new_password) < NEW_PASSWORD_MIN_LENGTH:
        raise ValidationFailed.field("new_password", f"at least {NEW_PASSWORD_MIN_LENGTH} characters")
    if normalise_username(new_password) == account.username:
        raise ValidationFailed.field("new_password", "must differ from the username")
    if new_password == old_password:
        raise ValidationFailed.field("new_password", "must differ from the old password")


async def change_password(
    res: Resources, caller: Caller, body: PasswordChangeBody, *, current_token: str
) -> AccountAnswer:
    """A staff member or regulator sets a new password; every other session of the account ends.

    A wrong old password is a 422 naming old_password (the caller is signed in, so it tells nothing
    about who exists); repeated wrong ones are limited like logins, so a left-open session cannot be
    used to guess the password.
    """
    if caller.role not in PASSWORD_ROLES:
        raise Forbidden("Only staff and regulators sign in with a password.")
    window = res.settings.login_lockout_seconds
    if (
        await ratelimit.count(res, _PASSWORD_CHANGE_SCOPE, caller.account_id)
        >= res.settings.login_max_failures
    ):
        wait = await ratelimit.seconds_left(res, _PASSWORD_CHANGE_SCOPE, caller.account_id)
        raise RateLimited(
            "Too many failed sign-ins for this username; try again later.",
            {"retry_after_s": wait},
            retry_after=wait,
        )
    account = await repository.get_active_account(caller.account_id)
    if account is None:
        raise Unauthorized("This account no longer exists.")
    if not await _password_matches(account, body.old_password):
        await ratelimit.hit(res, _PASSWORD_CHANGE_SCOPE, caller.account_id, window)
        raise ValidationFailed.field("old_password", "wrong password")
    _checked_new_password(account, body.old_password, body.new_password)
    password_hash = await hash_password_off_loop(body.new_password)
    async with UnitOfWork(res):
        await repository.set_password_hash(account, password_hash)
        await audit.record(caller, "account.password_changed", "account", str(account.id))
    await ratelimit.reset(res, _PASSWORD_CHANGE_SCOPE, caller.account_id)
    await revoke_other_sessions(res, str(account.id), current_token)
    return account_view(account)


async def inspectors_to_draw(caller: Caller) -> list[AccountAnswer]:
    """Every active regulator, the officers an inspection can be drawn for (the console's picker)."""
    require_regulator(caller, "Only the district bureau lists every account.")
    return [account_view(a) for a in await repository.active_regulators()]


async def list_accounts(res: Resources, caller: Caller, query: AccountListQuery) -> Page[AccountAnswer]:
    """Every password account for the bureau (inspectors to draw: ?role=regulator), oldest first."""
    require_regulator(caller, "Only the district bureau lists every account.")
    accounts, next_cursor = await repository.page_accounts(
        role=query.role.value if query.role else None,
        secret_key=res.settings.secret_key,
        limit=query.limit,
        cursor=query.cursor,
    )
    return Page[AccountAnswer](items=[account_view(a) for a in accounts], next_cursor=next_cursor)
