"""Routes: the bureau's register of facilities, the ban list with its alerts, and the audit log.

Every route needs the regulator role. Routes parse, resolve the caller, call one service and
serialise; the rules live in backend.regulation.
"""

from __future__ import annotations

import uuid
from typing import Literal

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.accounts import service as accounts
from backend.accounts.schemas import AccountAnswer
from backend.bookings import attendance
from backend.bookings.schemas import DistrictAttendanceAnswer, DistrictAttendanceQuery
from backend.district import service as district
from backend.district.schemas import (
    CalendarBody,
    CalendarChangedAnswer,
    DistrictClosureAnswer,
    DistrictClosureCreate,
    DistrictClosureCreatedAnswer,
)
from backend.facilities.schemas import FacilityRecordAnswer
from backend.paging import Page, PageQuery
from backend.regulation import audit_service, banlist, registration
from backend.regulation.schemas import (
    AuditEntryAnswer,
    BanAlertAnswer,
    BanEntryAnswer,
    FacilityRecordChangedAnswer,
    NewBanEntryAnswer,
    RegisteredFacilityAnswer,
)
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import created, no_content, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("admin", url_prefix="/admin")

REGULATOR = "regulator"
SECURED: dict[str, list[str]] = {"token": []}
TAG_FACILITIES = "admin: facilities"
TAG_BANLIST = "admin: ban list"
TAG_AUDIT = "admin: audit"
TAG_CALENDAR = "admin: calendar and district closures"
TAG_ATTENDANCE = "admin: attendance"


class BanAlertQuery(PageQuery):
    kind: Literal["hire_refused", "employed_match"] | None = None
    resolved: bool | None = None


# --- accounts ---


@bp.get("/accounts")
@openapi.definition(
    summary="Staff and regulator accounts, oldest first (?role=regulator: the inspectors to draw)",
    tag="admin: accounts",
    parameter=query_parameters(accounts.AccountListQuery),
    secured=SECURED,
    response=success_response(Page[AccountAnswer]),
)
@require(REGULATOR)
async def list_accounts(request: Request) -> HTTPResponse:
    query = parse_query(request, accounts.AccountListQuery)
    return ok(await accounts.list_accounts(resources(request), caller_of(request), query))


# --- the register of facilities ---


@bp.post("/facilities")
@openapi.definition(
    summary="Register a facility and its admin account",
    description="credit_code is the 18-character unified social credit code, check character verified; "
    "a registered code answers 409. The facility starts unfiled.",
    tag=TAG_FACILITIES,
    body={"application/json": openapi.Component(registration.RegistrationBody)},
    secured=SECURED,
    response=success_response(RegisteredFacilityAnswer, 201),
)
@require(REGULATOR)
async def register_facility(request: Request) -> HTTPResponse:
    body = parse_body(request, registration.RegistrationBody)
    return created(await registration.register_facility(resources(request), caller_of(request), body))


@bp.get("/facilities")
@openapi.definition(
    summary="Registered facilities, newest first",
    tag=TAG_FACILITIES,
    parameter=query_parameters(registration.FacilityListQuery),
    secured=SECURED,
    response=success_response(Page[FacilityRecordAnswer]),
)
@require(REGULATOR)
async def list_facilities(request: Request) -> HTTPResponse:
    query = parse_query(request, registration.FacilityListQuery)
    return ok(await registration.list_facilities(resources(request), caller_of(request), query))


@bp.get("/facilities/<facility_id:uuid>")
@openapi.definition(
    summary="One facility's whole record",
    tag=TAG_FACILITIES,
    secured=SECURED,
    response=success_response(FacilityRecordAnswer),
)
@require(REGULATOR)
async def get_facility(request: Request, facility_id: uuid.UUID) -> HTTPResponse:
    return ok(await registration.get_facility(resources(request), caller_of(request), facility_id))


@bp.patch("/facilities/<facility_id:uuid>")
@openapi.definition(
    summary="Record a filing, demonstration title, suspension or revocation",
    description="filed needs a filing_number; suspending needs a suspension_reason. Suspending or "
    "revoking cancels the facility's future bookings and tells each parent (cancelled_bookings).",
    tag=TAG_FACILITIES,
    body={"application/json": openapi.Component(registration.FacilityRecordChanges)},
    secured=SECURED,
    response=success_response(FacilityRecordChangedAnswer),
)
@require(REGULATOR)
async def patch_facility(request: Request, facility_id: uuid.UUID) -> HTTPResponse:
    changes = parse_body(request, registration.FacilityRecordChanges)
    return ok(
        await registration.update_facility_record(
            resources(request), caller_of(request), facility_id, changes
        )
    )


# --- the ban list (污点禁入) ---


@bp.post("/banlist")
@openapi.definition(
    summary="Bar a person from childcare work for life",
    description="The ID number is kept only as a keyed hash. Active staff who match are flagged at once "
    "(employed_matches).",
    tag=TAG_BANLIST,
    body={"application/json": openapi.Component(banlist.BanEntryBody)},
    secured=SECURED,
    response=success_response(NewBanEntryAnswer, 201),
)
@require(REGULATOR)
async def add_ban_entry(request: Request) -> HTTPResponse:
    body = parse_body(request, banlist.BanEntryBody)
    return created(await banlist.add_ban_entry(resources(request), caller_of(request), body))


@bp.get("/banlist")
@openapi.definition(
    summary="The ban list, newest first",
    tag=TAG_BANLIST,
    parameter=query_parameters(PageQuery),
    secured=SECURED,
    response=success_response(Page[BanEntryAnswer]),
)
@require(REGULATOR)
async def list_ban_entries(request: Request) -> HTTPResponse:
    query = parse_query(request, PageQuery)
    return ok(
        await banlist.list_ban_entries(
            resources(request), caller_of(request), limit=query.limit, cursor=query.cursor
        )
    )


@bp.delete("/banlist/<entry_id:uuid>")
@openapi.definition(
    summary="Take a person off the ban list (e.g. a judgment reversed), with the reason",
    description='Body {"reason"}; recorded in the audit log (banlist.remove). Staff flagged by the '
    "entry are no longer flagged.",
    tag=TAG_BANLIST,
    body={"application/json": openapi.Component(banlist.BanRemovalBody)},
    secured=SECURED,
    response=success_response(None, 204),
)
@require(REGULATOR)
async def remove_ban_entry(request: Request, entry_id: uuid.UUID) -> HTTPResponse:
    body = parse_body(request, banlist.BanRemovalBody)
    await banlist.remove_ban_entry(resources(request), caller_of(request), entry_id, body)
    return no_content()


@bp.get("/ban-alerts")
@openapi.definition(
    summary="Ban-list matches: refused hires and staff already employed",
    tag=TAG_BANLIST,
    parameter=query_parameters(BanAlertQuery),
    secured=SECURED,
    response=success_response(Page[BanAlertAnswer]),
)
@require(REGULATOR)
async def list_ban_alerts(request: Request) -> HTTPResponse:
    query = parse_query(request, BanAlertQuery)
    return ok(
        await banlist.list_ban_alerts(
            resources(request),
            caller_of(request),
            kind=query.kind,
            resolved=query.resolved,
            limit=query.limit,
            cursor=query.cursor,
        )
    )


@bp.post("/ban-alerts/<alert_id:uuid>/resolve")
@openapi.definition(
    summary="Mark a ban-list alert as followed up",
    tag=TAG_BANLIST,
    secured=SECURED,
    response=success_response(BanAlertAnswer),
)
@require(REGULATOR)
async def resolve_ban_alert(request: Request, alert_id: uuid.UUID) -> HTTPResponse:
    return ok(await banlist.resolve_ban_alert(resources(request), caller_of(request), alert_id))


# --- the audit log ---


@bp.get("/audit")
@openapi.definition(
    summary="Who read a child's record, and every bureau change, newest first",
    tag=TAG_AUDIT,
    parameter=query_parameters(audit_service.AuditQuery),
    secured=SECURED,
    response=success_response(Page[AuditEntryAnswer]),
)
@require(REGULATOR)
async def list_audit(request: Request) -> HTTPResponse:
    query = parse_query(request, audit_service.AuditQuery)
    return ok(await audit_service.list_audit_entries(resources(request), caller_of(request), query))


# --- the district calendar and district closures ---


@bp.put("/calendar/<year:int>")
@openapi.definition(
    summary="Replace a year's arrangement of holidays and make-up working days",
    description="Takes effect at once for open days, availability, search and booking; bookings on a "
    "new holiday lose that day as under a forced closure.",
    tag=TAG_CALENDAR,
    body={"application/json": openapi.Component(CalendarBody)},
    secured=SECURED,
    response=success_response(CalendarChangedAnswer),
)
@require(REGULATOR)
async def put_calendar(request: Request, year: int) -> HTTPResponse:
    body = parse_body(request, CalendarBody)
    return ok(await district.put_calendar(resources(request), caller_of(request), year, body))


@bp.post("/closures")
@openapi.definition(
    summary="Close every facility, or those of some towns, for a range of days",
    description="Each facility's days close as under its own forced closure; parents are told.",
    tag=TAG_CALENDAR,
    body={"application/json": openapi.Component(DistrictClosureCreate)},
    secured=SECURED,
    response=success_response(DistrictClosureCreatedAnswer, 201),
)
@require(REGULATOR)
async def create_district_closure(request: Request) -> HTTPResponse:
    body = parse_body(request, DistrictClosureCreate)
    return created(await district.create_district_closure(resources(request), caller_of(request), body))


@bp.get("/closures")
@openapi.definition(
    summary="The district closures, latest first",
    tag=TAG_CALENDAR,
    secured=SECURED,
    response=success_response(Page[DistrictClosureAnswer]),
)
@require(REGULATOR)
async def list_district_closures(request: Request) -> HTTPResponse:
    return ok(await district.list_district_closures(resources(request), caller_of(request)))


@bp.delete("/closures/<closure_id:str>")
@openapi.definition(
    summary="Reopen a district closure's days (cancelled bookings stay cancelled)",
    tag=TAG_CALENDAR,
    secured=SECURED,
    response=success_response(None, 204),
)
@require(REGULATOR)
async def delete_district_closure(request: Request, closure_id: str) -> HTTPResponse:
    await district.delete_district_closure(resources(request), caller_of(request), closure_id)
    return no_content()


@bp.get("/attendance")
@openapi.definition(
    summary="Per facility on a day (default today): children expected, present, absent, no-show",
    tag=TAG_ATTENDANCE,
    secured=SECURED,
    response=success_response(DistrictAttendanceAnswer),
    parameter=query_parameters(DistrictAttendanceQuery),
)
@require(REGULATOR)
async def district_attendance(request: Request) -> HTTPResponse:
    query = parse_query(request, DistrictAttendanceQuery)
    return ok(await attendance.district_attendance(resources(request), caller_of(request), query))
