"""Routes: a child's admission health checks, pickup list, and a booking day's pickup codes."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.paging import Page
from backend.safeguarding import service
from backend.safeguarding.schemas import (
    AdmissionCheckAnswer,
    HealthCheckCreate,
    PickupCodeAnswer,
    PickupCodeCreate,
    PickupPersonAnswer,
    PickupPersonCreate,
)
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import JSON, created, no_content, ok, success_response
from miniprogram_api.validation import parse_body

bp = Blueprint("safeguarding")

TAG = "children: health checks and pickup"
SECURED: dict[str, list[str]] = {"token": []}


@bp.post("/children/<child_id:str>/health-checks")
@openapi.definition(
    body={JSON: HealthCheckCreate},
    summary="Record the child's admission health check (入托体检)",
    tag=TAG,
    secured=SECURED,
    response=success_response(AdmissionCheckAnswer, 201),
)
@require("parent")
async def add_health_check(request: Request, child_id: str) -> HTTPResponse:
    body = parse_body(request, HealthCheckCreate)
    return created(await service.add_health_check(resources(request), caller_of(request), child_id, body))


@bp.get("/children/<child_id:str>/health-checks")
@openapi.definition(
    summary="The child's admission health checks, newest first",
    tag=TAG,
    secured=SECURED,
    response=success_response(Page[AdmissionCheckAnswer]),
)
@require("parent")
async def list_health_checks(request: Request, child_id: str) -> HTTPResponse:
    return ok(await service.list_health_checks(resources(request), caller_of(request), child_id))


@bp.get("/children/<child_id:str>/pickup-persons")
@openapi.definition(
    summary="Who may collect the child (the parent first, phones masked)",
    tag=TAG,
    secured=SECURED,
    response=success_response(Page[PickupPersonAnswer]),
)
@require("parent")
async def list_pickup_persons(request: Request, child_id: str) -> HTTPResponse:
    return ok(await service.list_pickup_persons(resources(request), caller_of(request), child_id))


@bp.post("/children/<child_id:str>/pickup-persons")
@openapi.definition(
    body={JSON: PickupPersonCreate},
    summary="Allow someone to collect the child",
    tag=TAG,
    secured=SECURED,
    response=success_response(PickupPersonAnswer, 201),
)
@require("parent")
async def add_pickup_person(request: Request, child_id: str) -> HTTPResponse:
    body = parse_body(request, PickupPersonCreate)
    return created(await service.add_pickup_person(resources(request), caller_of(request), child_id, body))


@bp.delete("/children/<child_id:str>/pickup-persons/<person_id:str>")
@openapi.definition(
    summary="Take someone off the pickup list (the parent stays on it)",
    tag=TAG,
    secured=SECURED,
    response=success_response(None, 204),
)
@require("parent")
async def delete_pickup_person(request: Request, child_id: str, person_id: str) -> HTTPResponse:
    await service.delete_pickup_person(resources(request), caller_of(request), child_id, person_id)
    return no_content()


@bp.post("/bookings/<booking_id:str>/pickup-codes")
@openapi.definition(
    body={JSON: PickupCodeCreate},
    summary="A one-time 6-digit pickup code for a day of the booking and a named person",
    tag=TAG,
    secured=SECURED,
    response=success_response(PickupCodeAnswer, 201),
)
@require("parent")
async def issue_pickup_code(request: Request, booking_id: str) -> HTTPResponse:
    body = parse_body(request, PickupCodeCreate)
    return created(await service.issue_pickup_code(resources(request), caller_of(request), booking_id, body))


@bp.get("/manage/bookings/<booking_id:str>/pickup-persons")
@openapi.definition(
    summary="Who may collect the child of a booking covering today (facility; the read is audited)",
    tag=TAG,
    secured=SECURED,
    response=success_response(Page[PickupPersonAnswer]),
)
@require("facility_admin", "facility_staff")
async def pickup_persons_for_facility(request: Request, booking_id: str) -> HTTPResponse:
    return ok(await service.pickup_persons_for_facility(resources(request), caller_of(request), booking_id))
