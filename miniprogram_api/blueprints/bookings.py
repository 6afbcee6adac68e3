"""Routes: a parent's bookings, and a facility's availability (API.md "Mini program: parents")."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.bookings import attendance, service
from backend.bookings import availability as availability_service
from backend.bookings.schemas import (
    AbsenceRequest,
    AttendanceQuery,
    AvailabilityAnswer,
    AvailabilityQuery,
    BookingAnswer,
    BookingDetailAnswer,
    BookingListQuery,
    BookingRequest,
    CancelRequest,
    ChildAttendanceAnswer,
)
from backend.paging import Page
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import created, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("bookings")

TAG = "bookings"


@bp.post("/bookings")
@openapi.definition(
    body={"application/json": BookingRequest},
    summary="Book a place (full_day, half_day, hourly or temporary); needs an Idempotency-Key header",
    tag=TAG,
    response=success_response(BookingAnswer, 201),
    secured={"token": []},
)
@openapi.parameter("Idempotency-Key", str, location="header", required=True)
@require("parent")
async def create_booking(request: Request) -> HTTPResponse:
    body = parse_body(request, BookingRequest)
    booking = await service.create_booking(
        resources(request), caller_of(request), body, request.headers.get(service.IDEMPOTENCY_HEADER)
    )
    return created(booking)


@bp.get("/bookings")
@openapi.definition(
    summary="The parent's own bookings, newest first",
    tag=TAG,
    secured={"token": []},
    parameter=query_parameters(BookingListQuery),
    response=success_response(Page[BookingAnswer]),
)
@require("parent")
async def list_bookings(request: Request) -> HTTPResponse:
    query = parse_query(request, BookingListQuery)
    return ok(await service.list_bookings(resources(request), caller_of(request), query))


@bp.get("/bookings/<booking_id:str>")
@openapi.definition(
    summary="One of the parent's bookings, with its status history",
    tag=TAG,
    secured={"token": []},
    response=success_response(BookingDetailAnswer),
)
@require("parent")
async def get_booking(request: Request, booking_id: str) -> HTTPResponse:
    return ok(await service.get_booking(resources(request), caller_of(request), booking_id))


@bp.post("/bookings/<booking_id:str>/cancel")
@openapi.definition(
    body={"application/json": CancelRequest},
    summary="Cancel a pending or confirmed booking within the facility's window; frees its places at once",
    tag=TAG,
    response=success_response(BookingDetailAnswer),
    secured={"token": []},
)
@require("parent")
async def cancel_booking(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, CancelRequest)
    return ok(await service.cancel_booking(resources(request), caller_of(request), booking_id, body.reason))


@bp.post("/bookings/<booking_id:str>/absences")
@openapi.definition(
    body={"application/json": AbsenceRequest},
    summary="Report days not yet begun absent (sick, personal, other); their places are free at once "
    "and their price comes off",
    tag=TAG,
    response=success_response(BookingDetailAnswer),
    secured={"token": []},
)
@require("parent")
async def report_absence(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, AbsenceRequest)
    return ok(await attendance.report_absence(resources(request), caller_of(request), booking_id, body))


@bp.get("/facilities/<facility_id:str>/availability")
@openapi.definition(
    summary="Free places per day and hour for a care type and (optionally) a child's age",
    tag=TAG,
    parameter=query_parameters(AvailabilityQuery),
    response=success_response(AvailabilityAnswer),
)
async def facility_availability(request: Request, facility_id: str) -> HTTPResponse:
    query = parse_query(request, AvailabilityQuery)
    return ok(await availability_service.availability(resources(request), facility_id, query))


@bp.get("/children/<child_id:str>/attendance")
@openapi.definition(
    summary="The child's days of care from `from` to `to` (at most 93 days), with their morning checks",
    tag=TAG,
    secured={"token": []},
    parameter=query_parameters(AttendanceQuery),
    response=success_response(ChildAttendanceAnswer),
)
@require("parent")
async def child_attendance(request: Request, child_id: str) -> HTTPResponse:
    query = parse_query(request, AttendanceQuery)
    return ok(await attendance.child_attendance(resources(request), caller_of(request), child_id, query))
