"""Routes: browsing without signing in: nearby facilities and rooms, facility pages, policies."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.district import service as district
from backend.district.schemas import CalendarQuery, CalendarYearAnswer
from backend.facilities import finder
from backend.facilities import public as facilities
from backend.facilities.public import NearbyFacilitiesQuery
from backend.facilities.schemas import FacilityPageAnswer, FoundFacilityAnswer, NearbyFacilityAnswer
from backend.nursing_rooms import public as rooms
from backend.nursing_rooms.public import NearbyRoomsQuery
from backend.nursing_rooms.schemas import NearbyRoomAnswer
from backend.paging import Page
from backend.policies import service as policies
from backend.policies.schemas import PolicySummaryAnswer, PublishedPolicyAnswer
from backend.policies.service import PolicyQuery
from miniprogram_api.auth import resources
from miniprogram_api.responses import ok, success_response
from miniprogram_api.validation import parse_query, query_parameters

bp = Blueprint("public")

FACILITIES = "facilities"
ROOMS = "nursing-rooms"
POLICIES = "policies"
CALENDAR = "calendar"


def _json_text(body: str) -> HTTPResponse:
    # The search services answer finished JSON (its items come out of Redis encoded).
    return HTTPResponse(body, status=200, content_type="application/json")


@bp.get("/facilities/nearby")
@openapi.definition(
    summary="Filed facilities near a point, nearest first (or cheapest first with sort=price)",
    description=(
        "Only filed, not suspended facilities. `available` is true/false when `date` is given "
        "(a free place that day for the age and care type), else null. Pages with `next_cursor`."
    ),
    tag=FACILITIES,
    parameter=query_parameters(NearbyFacilitiesQuery),
    response=success_response(Page[NearbyFacilityAnswer]),
)
async def nearby_facilities(request: Request) -> HTTPResponse:
    query = parse_query(request, NearbyFacilitiesQuery)
    return _json_text(await facilities.nearby_json(resources(request), query))


@bp.get("/facilities")
@openapi.definition(
    summary="Filed facilities by name or address (q) and town, no location needed",
    description="Every word of q (cut with jieba) must appear in the name or the address. Newest first.",
    tag=FACILITIES,
    parameter=query_parameters(finder.FacilityFindQuery),
    response=success_response(Page[FoundFacilityAnswer]),
)
async def find_facilities(request: Request) -> HTTPResponse:
    query = parse_query(request, finder.FacilityFindQuery)
    return ok(await finder.find_public(resources(request), query))


@bp.get("/facilities/<facility_id:str>")
@openapi.definition(
    summary="A facility's public page",
    description=(
        "Profile, hours, prices, disclosure (公示), classes with capacity, staff counts and ratios, "
        "filing, latest inspection results and the credit record. Unfiled or suspended facilities "
        "answer too, marked `filed: false` / `suspended: true`."
    ),
    tag=FACILITIES,
    response=success_response(FacilityPageAnswer),
)
async def facility_page(request: Request, facility_id: str) -> HTTPResponse:
    return ok(await facilities.public_page(resources(request), facility_id))


@bp.get("/nursing-rooms/nearby")
@openapi.definition(
    summary="Mother-and-baby rooms (母婴室) near a point, nearest first",
    tag=ROOMS,
    parameter=query_parameters(NearbyRoomsQuery),
    response=success_response(Page[NearbyRoomAnswer]),
)
async def nearby_rooms(request: Request) -> HTTPResponse:
    query = parse_query(request, NearbyRoomsQuery)
    return _json_text(await rooms.nearby_json(resources(request), query))


@bp.get("/policies")
@openapi.definition(
    summary="Published policy articles: best match first for q, else newest first",
    tag=POLICIES,
    parameter=query_parameters(PolicyQuery),
    response=success_response(Page[PolicySummaryAnswer]),
)
async def list_policies(request: Request) -> HTTPResponse:
    query = parse_query(request, PolicyQuery)
    return ok(await policies.list_policies(resources(request), query))


@bp.get("/policies/<policy_id:str>")
@openapi.definition(
    summary="A published policy article in full",
    tag=POLICIES,
    response=success_response(PublishedPolicyAnswer),
)
async def get_policy(request: Request, policy_id: str) -> HTTPResponse:
    return ok(await policies.get_policy(resources(request), policy_id))


@bp.get("/calendar")
@openapi.definition(
    summary="A year's holidays and make-up working days, and where they come from",
    description="source: district (the bureau's arrangement), national (the calendar package) or "
    "provisional (neither: weekdays only, holidays unknown).",
    tag=CALENDAR,
    parameter=query_parameters(CalendarQuery),
    response=success_response(CalendarYearAnswer),
)
async def get_calendar(request: Request) -> HTTPResponse:
    query = parse_query(request, CalendarQuery)
    return ok(await district.calendar_of_year(resources(request), query.year))
