"""Routes: staff and regulator sign-in, and a facility's profile, staff register and accounts.

Facility routes act on the caller's own facility only; another facility's staff member or account
answers 404. Staff (facility_staff) may read the profile and staff list; changes need the admin.
"""

from __future__ import annotations

import uuid

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.accounts import service as accounts
from backend.accounts.schemas import AccountAnswer, StaffLoginAnswer
from backend.facilities import service as facilities
from backend.facilities.schemas import FacilityRecordAnswer
from backend.paging import Page, PageQuery
from backend.staff import service as staff
from backend.staff.schemas import StaffAnswer
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import created, no_content, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("manage")

ADMIN = "facility_admin"
STAFF = "facility_staff"
REGULATOR = "regulator"
SECURED: dict[str, list[str]] = {"token": []}
TAG_AUTH = "auth"
TAG_PROFILE = "manage: facility"
TAG_STAFF = "manage: staff"
TAG_ACCOUNTS = "manage: accounts"


def _client_address(request: Request) -> str:
    # remote_addr comes from proxy headers only when the deployment says to trust them.
    return request.remote_addr or request.ip or "unknown"


# --- sign-in ---


@bp.post("/auth/login")
@openapi.definition(
    summary="Staff and regulators sign in with a username and password",
    description="Answers {token, expires_in, user: {id, role, facility_id}}. A wrong username or password "
    "answers 401 with one message; repeated failures answer 429 rate_limited for a while.",
    tag=TAG_AUTH,
    body={"application/json": openapi.Component(accounts.LoginBody)},
    response=success_response(StaffLoginAnswer),
)
async def login(request: Request) -> HTTPResponse:
    body = parse_body(request, accounts.LoginBody)
    return ok(
        await accounts.login(
            resources(request),
            username=body.username,
            password=body.password,
            client_address=_client_address(request),
        )
    )


@bp.post("/auth/password")
@openapi.definition(
    summary="Change one's own password (staff and regulators); every other session ends",
    description="A wrong old_password answers 422 naming it; a new_password under 10 characters, "
    "or the username, answers 422.",
    tag=TAG_AUTH,
    body={"application/json": openapi.Component(accounts.PasswordChangeBody)},
    response=success_response(AccountAnswer),
    secured=SECURED,
)
@require(ADMIN, STAFF, REGULATOR)
async def change_password(request: Request) -> HTTPResponse:
    body = parse_body(request, accounts.PasswordChangeBody)
    return ok(
        await accounts.change_password(
            resources(request), caller_of(request), body, current_token=request.ctx.token
        )
    )


# --- the facility profile ---


@bp.get("/manage/facility")
@openapi.definition(
    summary="The caller's facility profile",
    tag=TAG_PROFILE,
    secured=SECURED,
    response=success_response(FacilityRecordAnswer),
)
@require(ADMIN, STAFF)
async def get_facility(request: Request) -> HTTPResponse:
    return ok(await facilities.get_profile(resources(request), caller_of(request)))


@bp.patch("/manage/facility")
@openapi.definition(
    summary="Change the facility profile (admin)",
    description="Absent fields stay; prices and disclosure are replaced whole. Hours are whole hours, "
    "morning and afternoon inside the full day. Filing, credit code, suspension and location are the "
    "bureau's: sending them answers 403.",
    tag=TAG_PROFILE,
    body={"application/json": openapi.Component(facilities.ProfileChanges)},
    response=success_response(FacilityRecordAnswer),
    secured=SECURED,
)
@require(ADMIN)
async def patch_facility(request: Request) -> HTTPResponse:
    changes = parse_body(request, facilities.ProfileChanges)
    return ok(await facilities.update_profile(resources(request), caller_of(request), changes))


# --- staff register ---


@bp.get("/manage/staff")
@openapi.definition(
    summary="The facility's staff (ID numbers masked)",
    response=success_response(Page[StaffAnswer]),
    tag=TAG_STAFF,
    parameter=query_parameters(PageQuery),
    secured=SECURED,
)
@require(ADMIN, STAFF)
async def list_staff(request: Request) -> HTTPResponse:
    query = parse_query(request, PageQuery)
    return ok(
        await staff.list_staff(resources(request), caller_of(request), limit=query.limit, cursor=query.cursor)
    )


@bp.post("/manage/staff")
@openapi.definition(
    summary="Add a staff member (admin); a person on the ban list answers 422 banned_person",
    tag=TAG_STAFF,
    body={"application/json": openapi.Component(staff.NewStaffBody)},
    response=success_response(StaffAnswer, 201),
    secured=SECURED,
)
@require(ADMIN)
async def add_staff(request: Request) -> HTTPResponse:
    body = parse_body(request, staff.NewStaffBody)
    return created(await staff.hire(resources(request), caller_of(request), body))


@bp.patch("/manage/staff/<staff_id:uuid>")
@openapi.definition(
    summary="Change a staff member's role, certificates or record check day (admin)",
    description="record_checked_on (not in the future) clears record_check_due.",
    tag=TAG_STAFF,
    body={"application/json": openapi.Component(staff.StaffChanges)},
    response=success_response(StaffAnswer),
    secured=SECURED,
)
@require(ADMIN)
async def patch_staff(request: Request, staff_id: uuid.UUID) -> HTTPResponse:
    changes = parse_body(request, staff.StaffChanges)
    return ok(await staff.update(resources(request), caller_of(request), str(staff_id), changes))


@bp.delete("/manage/staff/<staff_id:uuid>")
@openapi.definition(
    summary="Remove a staff member (admin)",
    tag=TAG_STAFF,
    secured=SECURED,
    response=success_response(None, 204),
)
@require(ADMIN)
async def remove_staff(request: Request, staff_id: uuid.UUID) -> HTTPResponse:
    await staff.remove(resources(request), caller_of(request), str(staff_id))
    return no_content()


# --- staff accounts ---


@bp.get("/manage/accounts")
@openapi.definition(
    summary="The facility's sign-in accounts (admin)",
    response=success_response(Page[AccountAnswer]),
    tag=TAG_ACCOUNTS,
    parameter=query_parameters(PageQuery),
    secured=SECURED,
)
@require(ADMIN)
async def list_accounts(request: Request) -> HTTPResponse:
    query = parse_query(request, PageQuery)
    return ok(
        await accounts.list_facility_accounts(
            resources(request), caller_of(request), limit=query.limit, cursor=query.cursor
        )
    )


@bp.post("/manage/accounts")
@openapi.definition(
    summary="Create a facility_staff account (admin)",
    tag=TAG_ACCOUNTS,
    body={"application/json": openapi.Component(accounts.StaffAccountBody)},
    response=success_response(AccountAnswer, 201),
    secured=SECURED,
)
@require(ADMIN)
async def add_account(request: Request) -> HTTPResponse:
    body = parse_body(request, accounts.StaffAccountBody)
    return created(
        await accounts.add_staff_account(
            resources(request),
            caller_of(request),
            username=body.username,
            password=body.password,
            display_name=body.display_name,
        )
    )


@bp.delete("/manage/accounts/<account_id:uuid>")
@openapi.definition(
    summary="Deactivate a staff account and end its sessions (admin)",
    tag=TAG_ACCOUNTS,
    secured=SECURED,
    response=success_response(None, 204),
)
@require(ADMIN)
async def remove_account(request: Request, account_id: uuid.UUID) -> HTTPResponse:
    await accounts.remove_staff_account(resources(request), caller_of(request), str(account_id))
    return no_content()
