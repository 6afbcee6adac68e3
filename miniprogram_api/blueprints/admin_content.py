"""Routes: the bureau's inspections (双随机), policies, nursing rooms and district statistics.

Every route needs the regulator role. Routes parse, resolve the caller, call one service and
serialise; the rules live in backend.regulation, backend.policies and backend.nursing_rooms.
"""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.errors import ValidationFailed
from backend.nursing_rooms import admin as rooms
from backend.nursing_rooms.csv_import import CSV_COLUMNS, MAX_IMPORT_ROWS, import_rooms_csv
from backend.nursing_rooms.schemas import RoomAnswer, RoomImportAnswer
from backend.paging import Page
from backend.policies import admin as policies
from backend.policies.schemas import PolicyPublishedAnswer, PolicyRecordAnswer, PolicyRecordSummary
from backend.regulation import inspections, stats
from backend.regulation.schemas import DrawAnswer, DrawReplayAnswer, InspectionAnswer, StatsAnswer
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import JSON, created, no_content, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("admin_content", url_prefix="/admin")

REGULATOR = "regulator"
SECURED: dict[str, list[str]] = {"token": []}
TAG_INSPECTIONS = "admin: inspections"
TAG_POLICIES = "admin: policies"
TAG_ROOMS = "admin: nursing rooms"
TAG_STATS = "admin: statistics"
CSV_MEDIA_TYPES = frozenset({"text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"})


# --- inspections (双随机、一公开) ---


@bp.post("/inspections/draw")
@openapi.definition(
    summary="Draw facilities and inspectors at random, reproducibly from the recorded seed",
    description="count 1-100; inspector_ids 1-50 active regulator accounts; seed optional (generated). "
    "Two inspectors per inspection when two or more are given; nobody inspects the same facility twice "
    "in a row (409 conflict when impossible).",
    tag=TAG_INSPECTIONS,
    body={JSON: openapi.Component(inspections.DrawIn)},
    response=success_response(DrawAnswer, 201),
    secured=SECURED,
)
@require(REGULATOR)
async def draw_inspections(request: Request) -> HTTPResponse:
    draw_in = parse_body(request, inspections.DrawIn)
    return created(await inspections.draw_inspections(resources(request), caller_of(request), draw_in))


@bp.get("/inspections/draws/<draw_id>/replay")
@openapi.definition(
    summary="Recompute a draw from its seed and recorded candidates and say whether it matches",
    tag=TAG_INSPECTIONS,
    secured=SECURED,
    response=success_response(DrawReplayAnswer),
)
@require(REGULATOR)
async def replay_draw(request: Request, draw_id: str) -> HTTPResponse:
    return ok(await inspections.replay_draw(resources(request), caller_of(request), draw_id))


@bp.get("/inspections")
@openapi.definition(
    summary="Inspections, newest first",
    tag=TAG_INSPECTIONS,
    parameter=query_parameters(inspections.InspectionListQuery),
    secured=SECURED,
    response=success_response(Page[InspectionAnswer]),
)
@require(REGULATOR)
async def list_inspections(request: Request) -> HTTPResponse:
    query = parse_query(request, inspections.InspectionListQuery)
    return ok(await inspections.list_inspections(resources(request), caller_of(request), query))


@bp.get("/inspections/<inspection_id>")
@openapi.definition(
    summary="One inspection",
    tag=TAG_INSPECTIONS,
    secured=SECURED,
    response=success_response(InspectionAnswer),
)
@require(REGULATOR)
async def get_inspection(request: Request, inspection_id: str) -> HTTPResponse:
    return ok(await inspections.get_inspection(resources(request), caller_of(request), inspection_id))


@bp.post("/inspections/<inspection_id>/result")
@openapi.definition(
    summary="Record an inspection's result (once); it shows on the facility's public page",
    description="findings (≤2000) required for rectify and fail; "
    "rectify needs a rectify_deadline in the future.",
    tag=TAG_INSPECTIONS,
    body={JSON: openapi.Component(inspections.ResultIn)},
    secured=SECURED,
    response=success_response(InspectionAnswer),
)
@require(REGULATOR)
async def record_result(request: Request, inspection_id: str) -> HTTPResponse:
    result_in = parse_body(request, inspections.ResultIn)
    return ok(
        await inspections.record_result(resources(request), caller_of(request), inspection_id, result_in)
    )


@bp.post("/inspections/<inspection_id>/follow-up")
@openapi.definition(
    summary="Schedule the re-inspection of a rectify result, due by its rectify_deadline",
    description="Answers 201 with the new inspection (follows_up_id, due_on). inspector_ids default to "
    "the original inspection's. Not a rectify result, or already followed up: 409 conflict.",
    tag=TAG_INSPECTIONS,
    body={JSON: openapi.Component(inspections.FollowUpIn)},
    secured=SECURED,
    response=success_response(InspectionAnswer, 201),
)
@require(REGULATOR)
async def follow_up_inspection(request: Request, inspection_id: str) -> HTTPResponse:
    follow_up_in = parse_body(request, inspections.FollowUpIn)
    return created(
        await inspections.follow_up(resources(request), caller_of(request), inspection_id, follow_up_in)
    )


# --- policies ---


@bp.post("/policies")
@openapi.definition(
    summary="Create a policy article (a draft until published)",
    tag=TAG_POLICIES,
    body={JSON: openapi.Component(policies.PolicyIn)},
    response=success_response(PolicyRecordAnswer, 201),
    secured=SECURED,
)
@require(REGULATOR)
async def create_policy(request: Request) -> HTTPResponse:
    policy_in = parse_body(request, policies.PolicyIn)
    return created(await policies.create_policy(resources(request), caller_of(request), policy_in))


@bp.get("/policies")
@openapi.definition(
    summary="Every policy article, drafts included, newest first",
    tag=TAG_POLICIES,
    parameter=query_parameters(policies.PolicyListQuery),
    secured=SECURED,
    response=success_response(Page[PolicyRecordSummary]),
)
@require(REGULATOR)
async def list_policies(request: Request) -> HTTPResponse:
    query = parse_query(request, policies.PolicyListQuery)
    return ok(await policies.list_policies(resources(request), caller_of(request), query))


@bp.get("/policies/<policy_id>")
@openapi.definition(
    summary="One policy article, draft or published",
    tag=TAG_POLICIES,
    secured=SECURED,
    response=success_response(PolicyRecordAnswer),
)
@require(REGULATOR)
async def get_policy(request: Request, policy_id: str) -> HTTPResponse:
    return ok(await policies.get_policy(resources(request), caller_of(request), policy_id))


@bp.patch("/policies/<policy_id>")
@openapi.definition(
    summary="Edit a policy article",
    tag=TAG_POLICIES,
    body={JSON: openapi.Component(policies.PolicyPatch)},
    secured=SECURED,
    response=success_response(PolicyRecordAnswer),
)
@require(REGULATOR)
async def update_policy(request: Request, policy_id: str) -> HTTPResponse:
    patch = parse_body(request, policies.PolicyPatch)
    return ok(await policies.update_policy(resources(request), caller_of(request), policy_id, patch))


@bp.post("/policies/<policy_id>/publish")
@openapi.definition(
    summary="Publish a policy article; push: true queues policy news to subscribed followers (once)",
    tag=TAG_POLICIES,
    body={JSON: openapi.Component(policies.PublishIn)},
    secured=SECURED,
    response=success_response(PolicyPublishedAnswer),
)
@require(REGULATOR)
async def publish_policy(request: Request, policy_id: str) -> HTTPResponse:
    publish = parse_body(request, policies.PublishIn)
    return ok(await policies.publish_policy(resources(request), caller_of(request), policy_id, publish))


# --- nursing rooms (母婴室) ---


@bp.post("/nursing-rooms")
@openapi.definition(
    summary="Register a mother-and-baby room",
    tag=TAG_ROOMS,
    body={JSON: openapi.Component(rooms.RoomIn)},
    response=success_response(RoomAnswer, 201),
    secured=SECURED,
)
@require(REGULATOR)
async def create_room(request: Request) -> HTTPResponse:
    room_in = parse_body(request, rooms.RoomIn)
    return created(await rooms.create_room(resources(request), caller_of(request), room_in))


@bp.get("/nursing-rooms")
@openapi.definition(
    summary="Registered mother-and-baby rooms, by name",
    tag=TAG_ROOMS,
    parameter=query_parameters(rooms.RoomListQuery),
    secured=SECURED,
    response=success_response(Page[RoomAnswer]),
)
@require(REGULATOR)
async def list_rooms(request: Request) -> HTTPResponse:
    query = parse_query(request, rooms.RoomListQuery)
    return ok(await rooms.list_rooms(resources(request), caller_of(request), query))


@bp.post("/nursing-rooms/import")
@openapi.definition(
    summary="Import rooms from CSV (text/csv body, or multipart field `file`)",
    description=f"UTF-8, with or without BOM; header exactly {','.join(CSV_COLUMNS)}; amenities "
    f"separated by |; at most {MAX_IMPORT_ROWS} rows. Bad rows are reported by line, good rows imported; "
    "rows matching a registered (name, address) update it.",
    tag=TAG_ROOMS,
    body={"text/csv": str},
    response=success_response(RoomImportAnswer),
    secured=SECURED,
)
@require(REGULATOR)
async def import_rooms(request: Request) -> HTTPResponse:
    return ok(await import_rooms_csv(resources(request), caller_of(request), _csv_bytes(request)))


def _csv_bytes(request: Request) -> bytes:
    media_type = (request.content_type or "").split(";", 1)[0].strip().lower()
    if media_type == "multipart/form-data":
        upload = request.files.get("file") if request.files else None
        if upload is None:
            raise ValidationFailed.field("file", "send the CSV in the multipart field `file`")
        return bytes(upload.body)
    if media_type in CSV_MEDIA_TYPES:
        return bytes(request.body or b"")
    raise ValidationFailed.field("content_type", "send text/csv, or multipart/form-data with a `file` field")


@bp.get("/nursing-rooms/<room_id>")
@openapi.definition(
    summary="One mother-and-baby room", tag=TAG_ROOMS, secured=SECURED, response=success_response(RoomAnswer)
)
@require(REGULATOR)
async def get_room(request: Request, room_id: str) -> HTTPResponse:
    return ok(await rooms.get_room(resources(request), caller_of(request), room_id))


@bp.patch("/nursing-rooms/<room_id>")
@openapi.definition(
    summary="Edit a mother-and-baby room",
    tag=TAG_ROOMS,
    body={JSON: openapi.Component(rooms.RoomPatch)},
    secured=SECURED,
    response=success_response(RoomAnswer),
)
@require(REGULATOR)
async def update_room(request: Request, room_id: str) -> HTTPResponse:
    patch = parse_body(request, rooms.RoomPatch)
    return ok(await rooms.update_room(resources(request), caller_of(request), room_id, patch))


@bp.delete("/nursing-rooms/<room_id>")
@openapi.definition(
    summary="Remove a mother-and-baby room",
    tag=TAG_ROOMS,
    secured=SECURED,
    response=success_response(None, 204),
)
@require(REGULATOR)
async def delete_room(request: Request, room_id: str) -> HTTPResponse:
    await rooms.delete_room(resources(request), caller_of(request), room_id)
    return no_content()


# --- statistics ---


@bp.get("/stats")
@openapi.definition(
    summary="District numbers: places per 1,000 residents against the target, by town, bookings, "
    "inspections, staff checks, ban-list alerts",
    tag=TAG_STATS,
    parameter=query_parameters(stats.StatsQuery),
    response=success_response(StatsAnswer),
    secured=SECURED,
)
@require(REGULATOR)
async def district_stats(request: Request) -> HTTPResponse:
    query = parse_query(request, stats.StatsQuery)
    return ok(await stats.district_stats(resources(request), caller_of(request), query))
