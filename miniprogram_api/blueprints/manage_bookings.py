"""Routes: a facility's classes, closures, the day's bookings and its occupancy (/api/v1/manage)."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.bookings import attendance, manage, service
from backend.bookings.schemas import (
    BookingDetailAnswer,
    CheckInRequest,
    CheckOutRequest,
    ClassAnswer,
    ClassChanges,
    ClassCreate,
    ClosureAnswer,
    ClosureCreate,
    ClosureCreatedAnswer,
    DayBookingsAnswer,
    DayQuery,
    DayRequest,
    ManageBookingsQuery,
    OccupancyAnswer,
    RejectRequest,
)
from backend.paging import Page
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import created, no_content, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("manage_bookings", url_prefix="/manage")

TAG = "manage: places and bookings"
ADMIN = "facility_admin"
FACILITY_ROLES = (ADMIN, "facility_staff")
SECURED: dict[str, list[str]] = {"token": []}


@bp.get("/classes")
@openapi.definition(
    summary="The facility's classes with their capacity",
    tag=TAG,
    secured=SECURED,
    response=success_response(Page[ClassAnswer]),
)
@require(*FACILITY_ROLES)
async def list_classes(request: Request) -> HTTPResponse:
    return ok(await manage.list_classes(resources(request), caller_of(request)))


@bp.post("/classes")
@openapi.definition(
    body={"application/json": ClassCreate},
    summary="Add a class (administrator); national class sizes and ratios apply",
    tag=TAG,
    secured=SECURED,
    response=success_response(ClassAnswer, 201),
)
@require(ADMIN)
async def create_class(request: Request) -> HTTPResponse:
    body = parse_body(request, ClassCreate)
    return created(await manage.create_class(resources(request), caller_of(request), body))


@bp.patch("/classes/<class_id:str>")
@openapi.definition(
    body={"application/json": ClassChanges},
    summary="Change a class (administrator); refused when booked hours would exceed the new capacity",
    tag=TAG,
    secured=SECURED,
    response=success_response(ClassAnswer),
)
@require(ADMIN)
async def change_class(request: Request, class_id: str) -> HTTPResponse:
    body = parse_body(request, ClassChanges)
    return ok(await manage.change_class(resources(request), caller_of(request), class_id, body))


@bp.delete("/classes/<class_id:str>")
@openapi.definition(
    summary="Remove a class without bookings to come (administrator)",
    tag=TAG,
    secured=SECURED,
    response=success_response(None, 204),
)
@require(ADMIN)
async def delete_class(request: Request, class_id: str) -> HTTPResponse:
    await manage.delete_class(resources(request), caller_of(request), class_id)
    return no_content()


@bp.get("/closures")
@openapi.definition(
    summary="Days the facility is closed, from today on",
    tag=TAG,
    secured=SECURED,
    response=success_response(Page[ClosureAnswer]),
)
@require(*FACILITY_ROLES)
async def list_closures(request: Request) -> HTTPResponse:
    return ok(await manage.list_closures(resources(request), caller_of(request)))


@bp.post("/closures")
@openapi.definition(
    body={"application/json": ClosureCreate},
    summary="Close a day; with bookings on it answers 409 unless force, which takes the day out of them",
    description="force removes the closed day from each booking holding it (its places freed, its price "
    "taken off, the parent told); a booking left with no day is cancelled. The answer's `affected` lists "
    "what was done per booking. Closing today while a checked-in child is in care answers 409.",
    tag=TAG,
    secured=SECURED,
    response=success_response(ClosureCreatedAnswer, 201),
)
@require(*FACILITY_ROLES)
async def create_closure(request: Request) -> HTTPResponse:
    body = parse_body(request, ClosureCreate)
    return created(await manage.create_closure(resources(request), caller_of(request), body))


@bp.delete("/closures/<closure_id:str>")
@openapi.definition(
    summary="Reopen a closed day", tag=TAG, secured=SECURED, response=success_response(None, 204)
)
@require(*FACILITY_ROLES)
async def delete_closure(request: Request, closure_id: str) -> HTTPResponse:
    await manage.delete_closure(resources(request), caller_of(request), closure_id)
    return no_content()


@bp.get("/bookings")
@openapi.definition(
    summary="The bookings covering a day (default today)",
    tag=TAG,
    secured=SECURED,
    response=success_response(DayBookingsAnswer),
    parameter=query_parameters(ManageBookingsQuery),
)
@require(*FACILITY_ROLES)
async def bookings_of_day(request: Request) -> HTTPResponse:
    query = parse_query(request, ManageBookingsQuery)
    return ok(await manage.bookings_of_day(resources(request), caller_of(request), query))


async def _move(request: Request, booking_id: str, action: str, reason: str | None = None) -> HTTPResponse:
    booking = await service.move_booking(resources(request), caller_of(request), booking_id, action, reason)
    return ok(booking)


@bp.post("/bookings/<booking_id:str>/confirm")
@openapi.definition(
    summary="Confirm a pending booking",
    tag=TAG,
    secured=SECURED,
    response=success_response(BookingDetailAnswer),
)
@require(*FACILITY_ROLES)
async def confirm(request: Request, booking_id: str) -> HTTPResponse:
    return await _move(request, booking_id, "confirm")


@bp.post("/bookings/<booking_id:str>/reject")
@openapi.definition(
    body={"application/json": RejectRequest},
    summary="Reject a pending booking, with the reason the parent will see; frees its places",
    tag=TAG,
    secured=SECURED,
    response=success_response(BookingDetailAnswer),
)
@require(*FACILITY_ROLES)
async def reject(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, RejectRequest)
    return await _move(request, booking_id, "reject", body.reason)


@bp.post("/bookings/<booking_id:str>/check-in")
@openapi.definition(
    body={"application/json": CheckInRequest},
    summary="Check the child in on one day of the booking (date, default today), with the morning check",
    description="A first check-in at the facility (or one after 3 months away) needs a fit admission "
    "health check of the last 3 months: 409 health_check_required.",
    tag=TAG,
    secured=SECURED,
    response=success_response(BookingDetailAnswer),
)
@require(*FACILITY_ROLES)
async def check_in(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, CheckInRequest)
    return ok(await attendance.check_in(resources(request), caller_of(request), booking_id, body))


@bp.post("/bookings/<booking_id:str>/check-out")
@openapi.definition(
    body={"application/json": CheckOutRequest},
    summary="Check the child out on one day of the booking (date, default today) to a person of the "
    "child's pickup list or the bearer of a pickup code",
    description="Neither, a person not on the list, or a wrong, used or expired code: 409 "
    "pickup_not_authorized (5 wrong codes lock the booking's codes for the day).",
    tag=TAG,
    secured=SECURED,
    response=success_response(BookingDetailAnswer),
)
@require(*FACILITY_ROLES)
async def check_out(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, CheckOutRequest)
    return ok(await attendance.check_out(resources(request), caller_of(request), booking_id, body))


@bp.post("/bookings/<booking_id:str>/no-show")
@openapi.definition(
    body={"application/json": DayRequest},
    summary="Record that the child did not come on a day begun (date, default today)",
    tag=TAG,
    secured=SECURED,
    response=success_response(BookingDetailAnswer),
)
@require(*FACILITY_ROLES)
async def no_show(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, DayRequest)
    return ok(await attendance.no_show(resources(request), caller_of(request), booking_id, body))


@bp.get("/occupancy")
@openapi.definition(
    summary="Places taken and capacity per class per hour of a day",
    tag=TAG,
    secured=SECURED,
    response=success_response(OccupancyAnswer),
    parameter=query_parameters(DayQuery),
)
@require(*FACILITY_ROLES)
async def occupancy(request: Request) -> HTTPResponse:
    query = parse_query(request, DayQuery)
    return ok(await manage.occupancy(resources(request), caller_of(request), query.date))
