"""Routes: the waitlist and rescheduling (API.md v1.1 "Waitlist and rescheduling")."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.bookings.schemas import BookingDetailAnswer, BookingRequest
from backend.bookings.service import IDEMPOTENCY_HEADER
from backend.paging import Page
from backend.waitlist import reschedule, service
from backend.waitlist.schemas import (
    FacilityWaitlistEntryAnswer,
    RescheduledBookingAnswer,
    RescheduleRequest,
    WaitlistEntryAnswer,
    WaitlistListQuery,
)
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import created, no_content, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("waitlist")

TAG = "waitlist"
SECURED: dict[str, list[str]] = {"token": []}
FACILITY_ROLES = ("facility_admin", "facility_staff")


@bp.post("/waitlist")
@openapi.definition(
    body={"application/json": BookingRequest},
    summary="Join the waitlist with the body of a booking that cannot be booked now",
    tag=TAG,
    response=success_response(WaitlistEntryAnswer, 201),
    secured=SECURED,
)
@require("parent")
async def join_waitlist(request: Request) -> HTTPResponse:
    body = parse_body(request, BookingRequest)
    return created(await service.join(resources(request), caller_of(request), body))


@bp.get("/waitlist")
@openapi.definition(
    summary="The parent's waitlist entries with status and position",
    tag=TAG,
    secured=SECURED,
    parameter=query_parameters(WaitlistListQuery),
    response=success_response(Page[WaitlistEntryAnswer]),
)
@require("parent")
async def list_waitlist(request: Request) -> HTTPResponse:
    query = parse_query(request, WaitlistListQuery)
    return ok(await service.list_entries(resources(request), caller_of(request), query))


@bp.delete("/waitlist/<entry_id:str>")
@openapi.definition(
    summary="Leave the waitlist (a held offer passes on)",
    tag=TAG,
    secured=SECURED,
    response=success_response(None, 204),
)
@require("parent")
async def withdraw_entry(request: Request, entry_id: str) -> HTTPResponse:
    await service.withdraw(resources(request), caller_of(request), entry_id)
    return no_content()


@bp.post("/waitlist/<entry_id:str>/accept")
@openapi.definition(
    summary="Accept an offer: its held places become a booking",
    tag=TAG,
    secured=SECURED,
    response=success_response(BookingDetailAnswer, 201),
)
@require("parent")
async def accept_offer(request: Request, entry_id: str) -> HTTPResponse:
    return created(await service.accept(resources(request), caller_of(request), entry_id))


@bp.post("/waitlist/<entry_id:str>/decline")
@openapi.definition(
    summary="Decline an offer: it passes to the next in line",
    tag=TAG,
    secured=SECURED,
    response=success_response(WaitlistEntryAnswer),
)
@require("parent")
async def decline_offer(request: Request, entry_id: str) -> HTTPResponse:
    return ok(await service.decline(resources(request), caller_of(request), entry_id))


@bp.get("/manage/waitlist")
@openapi.definition(
    summary="The facility's waitlist in the order offers are made",
    tag=TAG,
    secured=SECURED,
    response=success_response(Page[FacilityWaitlistEntryAnswer]),
)
@require(*FACILITY_ROLES)
async def facility_waitlist(request: Request) -> HTTPResponse:
    return ok(await service.facility_list(resources(request), caller_of(request)))


@bp.post("/bookings/<booking_id:str>/reschedule")
@openapi.definition(
    body={"application/json": RescheduleRequest},
    summary="Move a pending or confirmed booking to other days or hours; needs an Idempotency-Key header",
    tag=TAG,
    response=success_response(RescheduledBookingAnswer),
    secured=SECURED,
)
@openapi.parameter("Idempotency-Key", str, location="header", required=True)
@require("parent")
async def reschedule_booking(request: Request, booking_id: str) -> HTTPResponse:
    return await _reschedule(request, booking_id)


@bp.post("/manage/bookings/<booking_id:str>/reschedule")
@openapi.definition(
    body={"application/json": RescheduleRequest},
    summary="The facility moves a booking to other days or hours (the parent is told)",
    tag=TAG,
    response=success_response(RescheduledBookingAnswer),
    secured=SECURED,
)
@openapi.parameter("Idempotency-Key", str, location="header", required=True)
@require(*FACILITY_ROLES)
async def facility_reschedule(request: Request, booking_id: str) -> HTTPResponse:
    return await _reschedule(request, booking_id)


async def _reschedule(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, RescheduleRequest)
    answer = await reschedule.reschedule_booking(
        resources(request), caller_of(request), booking_id, body, request.headers.get(IDEMPOTENCY_HEADER)
    )
    return ok(answer)
