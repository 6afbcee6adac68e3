"""Parents: WeChat login, who am I, logout, children (with consent) and subscribe-message grants."""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import TYPE_CHECKING, cast

from backend import ratelimit
from backend.auth.sessions import issue_token, revoke_token
from backend.calendar import iso_local, now_local, today_local
from backend.context import Caller, Resources
from backend.db.uow import UnitOfWork
from backend.errors import (
    Conflict,
    Forbidden,
    InvalidCode,
    RateLimited,
    Unauthorized,
    ValidationFailed,
    WechatUnavailable,
)
from backend.paging import Page, PageQuery
from backend.parents import repository
from backend.parents.schemas import (
    ChildAnswer,
    ChildCreate,
    ChildUpdate,
    Gender,
    GrantAnswer,
    GrantsAnswer,
    LoginAnswer,
    LoginUser,
    MeAnswer,
    MeUpdate,
    SubscriptionGrantBody,
)
from backend.rules import FACILITY_ROLES, age_in_months
from backend.security import decrypt, encrypt, without_secrets
from backend.wechat_gateway import WechatError, WechatSession, WechatUnreachable

if TYPE_CHECKING:
    from backend.models import Account, Child, SubscribeGrant

log = logging.getLogger(__name__)

PARENT_ROLE = repository.PARENT_ROLE

# The text of the consent a parent gives before the first child is stored; a new text gets a new
# version, so we can tell who agreed to which.
CHILD_DATA_CONSENT_VERSION = "2026-11"

# Bad login codes from one client are counted in this window (settings.wx_login_bad_code_limit).
WX_LOGIN_BAD_CODE_SCOPE = "wx-login-bad-code"
WX_LOGIN_BAD_CODE_WINDOW_S = 600
# jscode2session answers: the code is wrong or spent / WeChat's own per-user frequency limit /
# WeChat refuses this user as high risk.
WECHAT_BAD_CODE_ERRCODES = frozenset({40029, 40163})
WECHAT_FREQUENCY_ERRCODE = 45011
WECHAT_HIGH_RISK_USER_ERRCODE = 40226

# Children are at most 6 years old at registration: the platform serves under-3s, and an older
# sibling may stay on record, but a birth date further back is a typo.
MAX_CHILD_AGE_YEARS = 6
MAX_CHILDREN_PER_PARENT = 10
# WeChat has a handful of templates per mini program; more distinct ids than this is not a client.
MAX_TEMPLATES_PER_PARENT = 50


# Login, me, logout


async def wx_login(res: Resources, code: str, client: str) -> LoginAnswer:
    """Exchanges a wx.login code for a session: finds or creates the parent by openid (or unionid).

    `client` identifies the caller for the bad-code limit (its network address)."""
    limit = res.settings.wx_login_bad_code_limit
    if await ratelimit.count(res, WX_LOGIN_BAD_CODE_SCOPE, client) >= limit:
        raise RateLimited("Too many invalid login codes from this client; try again in a few minutes.")
    if res.settings.dev_login and code.startswith(DEV_LOGIN_PREFIX):
        session = _dev_session(code)
    else:
        session = await _code_to_session(res, code, client)
    account = await _parent_for_session(res, session)
    token, ttl = await issue_token(res, Caller(account_id=str(account.id), role=PARENT_ROLE))
    return LoginAnswer(token=token, expires_in=ttl, user=LoginUser(id=str(account.id), role=PARENT_ROLE))


DEV_LOGIN_PREFIX = "dev:"
DEV_NAME_MAX_LENGTH = 30


def _dev_session(code: str) -> WechatSession:
    """The demo parent NAME of `dev:NAME` (tuoyu serve --dev-login only): its own openid, no WeChat."""
    name = code[len(DEV_LOGIN_PREFIX) :].strip()
    if not name or len(name) > DEV_NAME_MAX_LENGTH or not name.isprintable():
        raise ValidationFailed.field("code", f"dev:NAME with a name of 1 to {DEV_NAME_MAX_LENGTH} characters")
    return WechatSession(openid=f"{DEV_LOGIN_PREFIX}{name}", session_key="")


async def _code_to_session(res: Resources, code: str, client: str) -> WechatSession:
    if res.wechat is None:
        raise WechatUnavailable("WeChat login is not configured on this server.")
    # The gateway bounds each HTTP call itself; this outer bound only keeps a request from hanging
    # if a call ever waits somewhere the gateway's timeout does not reach (its thread pool queue).
    outer_timeout = res.settings.wechat_timeout_seconds * 2 + 1
    try:
        return await asyncio.wait_for(res.wechat.code_to_session(code), timeout=outer_timeout)
    except WechatError as exc:
        if exc.errcode in WECHAT_BAD_CODE_ERRCODES:
            await ratelimit.hit(res, WX_LOGIN_BAD_CODE_SCOPE, client, WX_LOGIN_BAD_CODE_WINDOW_S)
            raise InvalidCode() from exc
        if exc.errcode == WECHAT_FREQUENCY_ERRCODE:
            raise RateLimited("WeChat limits how often one user may log in; try again in a minute.") from exc
        if exc.errcode == WECHAT_HIGH_RISK_USER_ERRCODE:
            raise Forbidden("WeChat refused this login (high-risk user).") from exc
        # Anything else (busy, a wrong app id or secret) is ours or WeChat's, not the user's.
        log.error("jscode2session failed with errcode %s: %s", exc.errcode, exc.errmsg)
        raise WechatUnavailable() from exc
    except (WechatUnreachable, TimeoutError) as exc:
        log.warning("jscode2session unreachable: %s", without_secrets(str(exc)))
        raise WechatUnavailable() from exc


async def _parent_for_session(res: Resources, session: WechatSession) -> Account:
    # session_key only ever leaves WeChat to us; it is needed later to decrypt what the mini program
    # sends (a phone number), so it is kept, encrypted, and never answered.
    session_key_enc = encrypt(res.settings.secret_key, session.session_key)
    async with UnitOfWork(res):
        account = await repository.find_parent_by_openid(session.openid)
        if account is None and session.unionid:
            # The same WeChat user known through another app of ours (unionid is shared across the
            # open platform): one person, one account; our mini program's openid is what we send to.
            account = await repository.find_parent_by_unionid(session.unionid)
        if account is None:
            account, created = await repository.create_parent(
                session.openid, session.unionid, session_key_enc
            )
            if created:
                return account
        if account.role != PARENT_ROLE or not account.is_active:
            raise Forbidden("This WeChat user cannot sign in as a parent.")
        account.openid = session.openid
        account.session_key_enc = session_key_enc
        if session.unionid:
            account.unionid = session.unionid
        await repository.save_account(account, ["openid", "unionid", "session_key_enc"])
    return account


async def _phone_of_code(res: Resources, code: str) -> str:
    if res.wechat is None:
        raise WechatUnavailable("WeChat login is not configured on this server.")
    try:
        return await asyncio.wait_for(
            res.wechat.phone_number(code), timeout=res.settings.wechat_timeout_seconds * 2 + 1
        )
    except WechatError as exc:
        if exc.errcode in WECHAT_BAD_CODE_ERRCODES:
            raise InvalidCode() from exc
        log.error("getuserphonenumber failed with errcode %s: %s", exc.errcode, exc.errmsg)
        raise WechatUnavailable() from exc
    except (WechatUnreachable, TimeoutError) as exc:
        log.warning("getuserphonenumber unreachable: %s", without_secrets(str(exc)))
        raise WechatUnavailable() from exc


async def update_me(res: Resources, caller: Caller, body: MeUpdate) -> MeAnswer:
    """A parent gives a phone number (WeChat's getPhoneNumber): kept encrypted, answered masked."""
    _require_parent(caller)
    phone = (await _phone_of_code(res, body.phone_code)).strip()
    async with UnitOfWork(res):
        account = await repository.lock_account(caller.account_id)
        account.phone_enc = encrypt(res.settings.secret_key, phone)
        account.phone_last4 = phone[-4:]
        await repository.save_account(account, ["phone_enc", "phone_last4"])
    return await me(res, caller)


async def logout(res: Resources, caller: Caller, token: str) -> None:
    await revoke_token(res, token, caller.account_id)


async def me(res: Resources, caller: Caller) -> MeAnswer:
    account = await repository.get_account(caller.account_id)
    if account is None or not account.is_active:
        raise Unauthorized("This account no longer exists.")
    staff_like = account.role != PARENT_ROLE
    # Tortoise adds the raw foreign key column at runtime; reading it spares a query for the facility.
    facility_id = getattr(account, "facility_id", None)
    return MeAnswer(
        id=str(account.id),
        role=account.role,
        facility_id=str(facility_id) if account.role in FACILITY_ROLES and facility_id else None,
        display_name=account.display_name,
        username=account.username if staff_like else None,
        phone=masked_phone(res, account),
        child_data_consent_at=iso_local(account.child_data_consent_at),
        # What each subscribe template may still send this parent (one grant, one message).
        grants=await repository.grants_of(str(account.id)) if not staff_like else None,
    )


def mask_phone(phone: str) -> str:
    """138****1234: enough to recognise one's own number, not enough to call it."""
    digits = phone.strip()
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    return "****" + digits[-2:]


def masked_phone(res: Resources, account: Account) -> str | None:
    if not account.phone_enc:
        return None
    phone = decrypt(res.settings.secret_key, account.phone_enc)
    if phone is None:
        # Encrypted under an older key: the kept last four digits still let the parent recognise it.
        return f"*******{account.phone_last4}" if account.phone_last4 else None
    return mask_phone(phone)


# Children


def _require_parent(caller: Caller) -> None:
    if caller.role != PARENT_ROLE:
        raise Forbidden("Only parents keep children here.")


def child_view(child: Child, today: date | None = None) -> ChildAnswer:
    """A child as the parent sees it; age_months is worked out on every read, never stored."""
    on = today or today_local()
    return ChildAnswer(
        id=str(child.id),
        name=child.name,
        birth_date=child.birth_date,
        # A plain column, written only through ChildCreate/ChildUpdate's Gender.
        gender=cast(Gender, child.gender),
        allergies=child.allergies,
        age_months=age_in_months(child.birth_date, on),
        created_at=child.created_at,
        updated_at=child.updated_at,
    )


def check_birth_date(birth_date: date, today: date) -> None:
    if birth_date > today:
        raise ValidationFailed.field("birth_date", "must not be in the future")
    if birth_date < _years_before(today, MAX_CHILD_AGE_YEARS):
        raise ValidationFailed.field(
            "birth_date",
            f"must be at most {MAX_CHILD_AGE_YEARS} years ago (this service is for young children)",
        )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


async def create_child(res: Resources, caller: Caller, body: ChildCreate) -> ChildAnswer:
    _require_parent(caller)
    today = today_local()
    check_birth_date(body.birth_date, today)
    async with UnitOfWork(res):
        parent = await repository.lock_account(caller.account_id)
        if parent.child_data_consent_at is None:
            # PIPL: a child under 14's data is sensitive; we store none before the parent agreed.
            if body.consent is not True:
                raise ValidationFailed.field(
                    "consent", "agree to the processing of your child's data (consent: true) first"
                )
            parent.child_data_consent_at = now_local()
            parent.child_data_consent_version = CHILD_DATA_CONSENT_VERSION
            await repository.save_account(parent, ["child_data_consent_at", "child_data_consent_version"])
        if await repository.count_children(caller.account_id) >= MAX_CHILDREN_PER_PARENT:
            raise Conflict(f"A parent may keep at most {MAX_CHILDREN_PER_PARENT} children here.")
        child = await repository.create_child(
            parent.id,
            name=body.name,
            birth_date=body.birth_date,
            gender=body.gender,
            allergies=body.allergies,
        )
    return child_view(child, today)


async def list_children(res: Resources, caller: Caller, page: PageQuery) -> Page[ChildAnswer]:
    _require_parent(caller)
    rows, next_cursor = await repository.page_of_children(
        caller.account_id, secret_key=res.settings.secret_key, limit=page.limit, cursor=page.cursor
    )
    today = today_local()
    return Page[ChildAnswer](items=[child_view(child, today) for child in rows], next_cursor=next_cursor)


async def get_child(res: Resources, caller: Caller, child_id: str) -> ChildAnswer:
    _require_parent(caller)
    child = await repository.get_child_for_parent(child_id, caller.account_id)
    return child_view(child)


async def update_child(res: Resources, caller: Caller, child_id: str, body: ChildUpdate) -> ChildAnswer:
    _require_parent(caller)
    today = today_local()
    changes = body.model_dump(include=body.model_fields_set)
    if "birth_date" in changes:
        check_birth_date(changes["birth_date"], today)
    async with UnitOfWork(res):
        child = await repository.lock_child_for_parent(child_id, caller.account_id)
        if (
            "birth_date" in changes
            and changes["birth_date"] != child.birth_date
            and await repository.child_has_active_bookings(child.id)
        ):
            # The class of each booking was chosen by the child's age; a new age could make it wrong.
            raise Conflict("The birth date cannot change while the child has active bookings.")
        if changes:
            for name, value in changes.items():
                setattr(child, name, value)
            await repository.save_child(child, list(changes))
    return child_view(child, today)


async def delete_child(res: Resources, caller: Caller, child_id: str) -> None:
    """Removes a child the parent no longer wants here.

    Refused while a booking of the child is still pending, confirmed or checked in. Past bookings
    keep pointing at the child (their foreign key is RESTRICT, and the facility's records need
    them), so a child with any booking history is not deleted but anonymised: the name becomes
    "已删除", allergies are cleared and deleted_at hides it from the parent and from booking. The
    birth date and gender stay, as the bookings' class and price were derived from them.
    """
    _require_parent(caller)
    async with UnitOfWork(res):
        child = await repository.lock_child_for_parent(child_id, caller.account_id)
        if await repository.child_has_active_bookings(child.id):
            raise Conflict("The child has active bookings; cancel them first.")
        if await repository.child_has_bookings(child.id):
            await repository.anonymise_child(child, now_local())
        else:
            await repository.delete_child(child)


# Subscribe-message grants


def _grant_view(grant: SubscribeGrant) -> GrantAnswer:
    return GrantAnswer(
        template_id=grant.template_id, remaining=grant.remaining, granted_total=grant.granted_total
    )


async def grant_subscriptions(res: Resources, caller: Caller, body: SubscriptionGrantBody) -> GrantsAnswer:
    """Counts the one-time permissions of one wx.requestSubscribeMessage: one more per template.

    A template named twice in one call is counted once, as WeChat grants it once per call."""
    _require_parent(caller)
    template_ids = list(dict.fromkeys(body.template_ids))
    async with UnitOfWork(res):
        known = {g.template_id for g in await repository.list_subscribe_grants(caller.account_id)}
        if len(known | set(template_ids)) > MAX_TEMPLATES_PER_PARENT:
            raise ValidationFailed.field(
                "template_ids", f"at most {MAX_TEMPLATES_PER_PARENT} different templates per parent"
            )
        for template_id in template_ids:
            await repository.add_subscribe_grant(caller.account_id, template_id)
        grants = await repository.list_subscribe_grants(caller.account_id, template_ids)
    return GrantsAnswer(grants=[_grant_view(g) for g in grants])


async def list_subscriptions(res: Resources, caller: Caller) -> GrantsAnswer:
    _require_parent(caller)
    grants = await repository.list_subscribe_grants(caller.account_id)
    return GrantsAnswer(grants=[_grant_view(g) for g in grants])


async def take_subscribe_grant(account_id: str, template_id: str) -> bool:
    """For the push producers: spends one permission of a parent for a template, if one is left."""
    return await repository.take_subscribe_grant(account_id, template_id)
