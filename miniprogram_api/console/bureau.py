"""Console routes of the district bureau: 概览, 机构, 抽查, 黑名单, 政策, 母婴室, 日历, 消息, 审计.

Every route needs the regulator; each validates its form, makes one call into the services the
API's /admin routes use, and renders. A refusal is shown in Chinese on the page it came from.
"""

from __future__ import annotations

import json
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse

from backend.accounts import service as accounts
from backend.calendar import today_local
from backend.district import service as district
from backend.district.schemas import DistrictClosureCreate
from backend.nursing_rooms import admin as rooms
from backend.nursing_rooms.csv_import import CSV_COLUMNS, import_rooms_csv
from backend.nursing_rooms.schemas import RoomImportAnswer
from backend.policies import admin as policies
from backend.push import service as outbox
from backend.regulation import audit_service, banlist, inspections, registration, stats
from backend.regulation.schemas import DrawAnswer, StatsAnswer
from miniprogram_api.auth import resources
from miniprogram_api.console import zh
from miniprogram_api.console.web import (
    BUREAU_ROLES,
    attempt,
    caller_of,
    drop_empty,
    form_list,
    form_values,
    page,
    parse,
    render,
    submit,
)

bp = Blueprint("console_bureau", url_prefix="/bureau")


def _args(request: Request, *names: str) -> dict[str, str]:
    return {name: request.args.get(name, "").strip() for name in names if request.args.get(name, "").strip()}


# --- 概览 ---


@bp.get("/overview")
@page(*BUREAU_ROLES)
async def overview(request: Request) -> HTTPResponse:
    answer = await stats.district_stats(resources(request), caller_of(request), stats.StatsQuery())
    towns = answer.by_town
    charts = {
        "towns": [t.town for t in towns],
        "places": [t.places for t in towns],
        "target": answer.target_per_1000,
        "per_1000": answer.places_per_1000,
        "care_types": [
            {"name": zh.CARE_TYPE.get(k, k), "value": v} for k, v in _care_type_counts(answer).items()
        ],
        "natures": [
            {"name": zh.NATURE.get(k, k), "value": v} for k, v in sorted(answer.by_nature.items()) if v
        ],
        # The stats name the facilities with overdue record checks; rectifications come as counts.
        "overdue_checks": [
            {"name": row.facility_name or row.facility_id, "value": row.count}
            for row in answer.staff.record_check_overdue_by_facility
        ],
        "rectifications": {
            "outstanding": answer.inspections.outstanding_rectifications,
            "overdue": answer.inspections.overdue_rectifications,
        },
    }
    return render(request, "bureau/overview.html", s=answer, charts=json.dumps(charts, ensure_ascii=False))


def _care_type_counts(answer: StatsAnswer) -> dict[str, int]:
    # The stats count each care type's bookings by status; the chart shows their sum.
    return {
        care_type: sum(by_status.values()) for care_type, by_status in answer.bookings_by_care_type.items()
    }


# --- 机构 ---


async def _facilities_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    filters = _args(request, "q", "town", "filing_status", "cursor")
    listed, filter_errors, _ = await attempt(
        lambda: registration.list_facilities(
            resources(request), caller_of(request), parse(registration.FacilityListQuery, filters)
        )
    )
    if filter_errors:
        listed = await registration.list_facilities(
            resources(request), caller_of(request), registration.FacilityListQuery()
        )
    return render(
        request,
        "bureau/facilities.html",
        status=status,
        listed=listed,
        errors=errors or filter_errors,
        form=form or {},
        filters=filters,
    )


@bp.get("/facilities")
@page(*BUREAU_ROLES)
async def facilities(request: Request) -> HTTPResponse:
    return await _facilities_page(request)


@bp.post("/facilities")
@page(*BUREAU_ROLES)
async def register(request: Request) -> HTTPResponse:
    form = form_values(request)
    data: dict[str, Any] = {
        k: form[k]
        for k in ("name", "credit_code", "address", "town", "lat", "lng", "phone", "nature")
        if k in form
    }
    data["inclusive"] = form.get("inclusive") == "1"
    data["admin"] = {"username": form.get("admin_username", ""), "password": form.get("admin_password", "")}
    return await submit(
        lambda: registration.register_facility(
            resources(request), caller_of(request), parse(registration.RegistrationBody, data)
        ),
        lambda errors, status: _facilities_page(request, errors, form, status),
        "/console/bureau/facilities",
    )


@bp.post("/facilities/<facility_id:str>/record")
@page(*BUREAU_ROLES)
async def record(request: Request, facility_id: str) -> HTTPResponse:
    form = form_values(request)
    action = form.get("action", "")
    data: dict[str, Any]
    if action == "file":
        data = {"filing_status": "filed", "filing_number": form.get("filing_number", "")}
    elif action == "suspend":
        data = {"suspended": True, "suspension_reason": form.get("suspension_reason", "")}
    elif action == "resume":
        data = {"suspended": False}
    elif action == "revoke":
        data = {"filing_status": "revoked"}
    else:
        data = {"action": action}  # refused by the model as an unknown field
    return await submit(
        lambda: registration.update_facility_record(
            resources(request),
            caller_of(request),
            facility_id,
            parse(registration.FacilityRecordChanges, data),
        ),
        lambda errors, status: _facilities_page(request, errors, None, status),
        "/console/bureau/facilities",
    )


# --- 抽查 ---


async def _inspections_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    status: int = 200,
    drawn: DrawAnswer | None = None,
) -> HTTPResponse:
    listed = await inspections.list_inspections(
        resources(request), caller_of(request), inspections.InspectionListQuery()
    )
    # The inspectors to pick from: every active regulator of the district.
    regulators = await accounts.inspectors_to_draw(caller_of(request))
    # Which results already have their follow-up, so 复查 is offered once.
    followed = {i.follows_up_id: i for i in listed.items if i.follows_up_id}
    return render(
        request,
        "bureau/inspections.html",
        status=status,
        listed=listed,
        errors=errors,
        drawn=drawn,
        followed=followed,
        inspectors=regulators,
        today=today_local().isoformat(),
    )


@bp.get("/inspections")
@page(*BUREAU_ROLES)
async def inspection_list(request: Request) -> HTTPResponse:
    return await _inspections_page(request)


@bp.post("/inspections/draw")
@page(*BUREAU_ROLES)
async def draw(request: Request) -> HTTPResponse:
    form = form_values(request)
    # The officer drawing is one inspector if ticked; the others are picked from the regulators.
    inspector_ids = [caller_of(request).account_id] if form.get("include_me") == "1" else []
    inspector_ids += form_list(request, "inspector_ids")
    data = drop_empty({"count": form.get("count", ""), "seed": form.get("seed", "")})
    drawn, errors, status = await attempt(
        lambda: inspections.draw_inspections(
            resources(request),
            caller_of(request),
            parse(inspections.DrawIn, {**data, "inspector_ids": inspector_ids}),
        )
    )
    return await _inspections_page(request, errors, status if errors else 201, drawn)


@bp.post("/inspections/<inspection_id:str>/result")
@page(*BUREAU_ROLES)
async def result(request: Request, inspection_id: str) -> HTTPResponse:
    form = drop_empty(form_values(request))
    return await submit(
        lambda: inspections.record_result(
            resources(request), caller_of(request), inspection_id, parse(inspections.ResultIn, form)
        ),
        lambda errors, status: _inspections_page(request, errors, status),
        "/console/bureau/inspections",
    )


@bp.post("/inspections/<inspection_id:str>/follow-up")
@page(*BUREAU_ROLES)
async def follow_up(request: Request, inspection_id: str) -> HTTPResponse:
    # The same inspectors go back unless others are picked.
    picked = form_list(request, "inspector_ids")
    return await submit(
        lambda: inspections.follow_up(
            resources(request),
            caller_of(request),
            inspection_id,
            parse(inspections.FollowUpIn, {"inspector_ids": picked} if picked else {}),
        ),
        lambda errors, status: _inspections_page(request, errors, status),
        "/console/bureau/inspections",
    )


# --- 黑名单 ---


async def _banlist_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    entries = await banlist.list_ban_entries(resources(request), caller_of(request), limit=50)
    alerts = await banlist.list_ban_alerts(resources(request), caller_of(request), resolved=False, limit=50)
    return render(
        request,
        "bureau/banlist.html",
        status=status,
        entries=entries.items,
        alerts=alerts.items,
        errors=errors,
        form=form or {},
    )


@bp.get("/banlist")
@page(*BUREAU_ROLES)
async def banlist_page(request: Request) -> HTTPResponse:
    return await _banlist_page(request)


@bp.post("/banlist")
@page(*BUREAU_ROLES)
async def ban(request: Request) -> HTTPResponse:
    form = form_values(request)
    # The ID number is never sent back into the page.
    return await submit(
        lambda: banlist.add_ban_entry(
            resources(request), caller_of(request), parse(banlist.BanEntryBody, form)
        ),
        lambda errors, status: _banlist_page(
            request, errors, {k: v for k, v in form.items() if k != "id_number"}, status
        ),
        "/console/bureau/banlist",
    )


@bp.post("/ban-alerts/<alert_id:str>/resolve")
@page(*BUREAU_ROLES)
async def resolve_alert(request: Request, alert_id: str) -> HTTPResponse:
    return await submit(
        lambda: banlist.resolve_ban_alert(resources(request), caller_of(request), alert_id),
        lambda errors, status: _banlist_page(request, errors, None, status),
        "/console/bureau/banlist",
    )


# --- 政策 ---


async def _policies_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    listed = await policies.list_policies(resources(request), caller_of(request), policies.PolicyListQuery())
    return render(
        request,
        "bureau/policies.html",
        status=status,
        policies=listed.items,
        errors=errors,
        form=form or {},
    )


@bp.get("/policies")
@page(*BUREAU_ROLES)
async def policy_list(request: Request) -> HTTPResponse:
    return await _policies_page(request)


async def _policy_page(
    request: Request, policy_id: str, errors: zh.FormErrors | None = None, status: int = 200
) -> HTTPResponse:
    policy = await policies.get_policy(resources(request), caller_of(request), policy_id)
    return render(request, "bureau/policy.html", status=status, policy=policy, errors=errors)


@bp.get("/policies/<policy_id:str>")
@page(*BUREAU_ROLES)
async def policy_preview(request: Request, policy_id: str) -> HTTPResponse:
    return await _policy_page(request, policy_id)


@bp.post("/policies/<policy_id:str>")
@page(*BUREAU_ROLES)
async def edit_policy(request: Request, policy_id: str) -> HTTPResponse:
    form = form_values(request)
    data: dict[str, Any] = {k: form.get(k, "") for k in ("title", "doc_number", "issuer", "summary", "body")}
    return await submit(
        lambda: policies.update_policy(
            resources(request), caller_of(request), policy_id, parse(policies.PolicyPatch, data)
        ),
        lambda errors, status: _policy_page(request, policy_id, errors, status),
        f"/console/bureau/policies/{policy_id}",
    )


@bp.post("/policies")
@page(*BUREAU_ROLES)
async def write_policy(request: Request) -> HTTPResponse:
    form = drop_empty(form_values(request))
    data: dict[str, Any] = dict(form)
    data["tags"] = [t for t in form.get("tags", "").replace("，", ",").split(",") if t.strip()]
    return await submit(
        lambda: policies.create_policy(
            resources(request), caller_of(request), parse(policies.PolicyIn, data)
        ),
        lambda errors, status: _policies_page(request, errors, form, status),
        "/console/bureau/policies",
    )


@bp.post("/policies/<policy_id:str>/publish")
@page(*BUREAU_ROLES)
async def publish(request: Request, policy_id: str) -> HTTPResponse:
    form = form_values(request)
    return await submit(
        lambda: policies.publish_policy(
            resources(request),
            caller_of(request),
            policy_id,
            parse(policies.PublishIn, {"push": form.get("push") == "1"}),
        ),
        lambda errors, status: _policies_page(request, errors, None, status),
        "/console/bureau/policies",
    )


# --- 母婴室 ---


async def _rooms_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    status: int = 200,
    imported: RoomImportAnswer | None = None,
) -> HTTPResponse:
    listed = await rooms.list_rooms(resources(request), caller_of(request), rooms.RoomListQuery(limit=50))
    return render(
        request,
        "bureau/rooms.html",
        status=status,
        rooms=listed.items,
        errors=errors,
        imported=imported,
        columns=",".join(CSV_COLUMNS),
    )


@bp.get("/rooms")
@page(*BUREAU_ROLES)
async def room_list(request: Request) -> HTTPResponse:
    return await _rooms_page(request)


@bp.post("/rooms/import")
@page(*BUREAU_ROLES)
async def import_rooms(request: Request) -> HTTPResponse:
    upload = request.files.get("file") if request.files else None
    if upload is None or not upload.body:
        return await _rooms_page(request, zh.FormErrors("请选择要导入的 CSV 文件。", {"file": "必填"}), 422)
    imported, errors, status = await attempt(
        lambda: import_rooms_csv(resources(request), caller_of(request), bytes(upload.body))
    )
    return await _rooms_page(request, errors, status, imported)


@bp.post("/rooms/<room_id:str>")
@page(*BUREAU_ROLES)
async def edit_room(request: Request, room_id: str) -> HTTPResponse:
    # Every shown field is sent; one left empty stays as it is (a room's name and address cannot be blank).
    form = drop_empty(form_values(request))
    return await submit(
        lambda: rooms.update_room(
            resources(request), caller_of(request), room_id, parse(rooms.RoomPatch, form)
        ),
        lambda errors, status: _rooms_page(request, errors, status),
        "/console/bureau/rooms",
    )


@bp.post("/rooms/<room_id:str>/delete")
@page(*BUREAU_ROLES)
async def delete_room(request: Request, room_id: str) -> HTTPResponse:
    return await submit(
        lambda: rooms.delete_room(resources(request), caller_of(request), room_id),
        lambda errors, status: _rooms_page(request, errors, status),
        "/console/bureau/rooms",
    )


# --- 日历 ---


async def _calendar_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    raw_year = request.args.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and 1900 <= int(raw_year) <= 2100 else today_local().year
    calendar = await district.calendar_of_year(resources(request), year)
    closures = await district.list_district_closures(resources(request), caller_of(request))
    return render(
        request,
        "bureau/calendar.html",
        status=status,
        cal=calendar,
        closures=closures.items,
        errors=errors,
        form=form or {},
    )


@bp.get("/calendar")
@page(*BUREAU_ROLES)
async def calendar_page(request: Request) -> HTTPResponse:
    return await _calendar_page(request)


@bp.post("/closures")
@page(*BUREAU_ROLES)
async def district_closure(request: Request) -> HTTPResponse:
    form = form_values(request)
    data: dict[str, Any] = {
        "from": form.get("from", ""),
        "to": form.get("to", ""),
        "reason": form.get("reason", ""),
    }
    towns = [t for t in form.get("towns", "").replace("，", ",").split(",") if t.strip()]
    if towns:
        data["towns"] = towns
    return await submit(
        lambda: district.create_district_closure(
            resources(request), caller_of(request), parse(DistrictClosureCreate, data)
        ),
        lambda errors, status: _calendar_page(request, errors, form, status),
        "/console/bureau/calendar",
    )


@bp.post("/closures/<closure_id:str>/delete")
@page(*BUREAU_ROLES)
async def delete_district_closure(request: Request, closure_id: str) -> HTTPResponse:
    return await submit(
        lambda: district.delete_district_closure(resources(request), caller_of(request), closure_id),
        lambda errors, status: _calendar_page(request, errors, None, status),
        "/console/bureau/calendar",
    )


# --- 消息 ---


async def _outbox_page(
    request: Request, errors: zh.FormErrors | None = None, status: int = 200
) -> HTTPResponse:
    filters = _args(request, "state", "cursor")
    listed, filter_errors, _ = await attempt(
        lambda: outbox.list_outbox(resources(request), caller_of(request), parse(outbox.OutboxQuery, filters))
    )
    if filter_errors:
        filters = {}
        listed = await outbox.list_outbox(resources(request), caller_of(request), outbox.OutboxQuery())
    return render(
        request,
        "bureau/outbox.html",
        status=status,
        listed=listed,
        errors=errors or filter_errors,
        filters=filters,
        states=zh.OUTBOX_STATE,
    )


@bp.get("/outbox")
@page(*BUREAU_ROLES)
async def outbox_page(request: Request) -> HTTPResponse:
    return await _outbox_page(request)


@bp.post("/outbox/<message_id:str>/retry")
@page(*BUREAU_ROLES)
async def retry(request: Request, message_id: str) -> HTTPResponse:
    return await submit(
        lambda: outbox.retry_outgoing_message(resources(request), caller_of(request), message_id),
        lambda errors, status: _outbox_page(request, errors, status),
        "/console/bureau/outbox?state=" + form_values(request).get("state", ""),
    )


# --- 审计 ---


@bp.get("/audit")
@page(*BUREAU_ROLES)
async def audit(request: Request) -> HTTPResponse:
    filters = _args(request, "action", "facility_id", "cursor")
    listed, errors, status = await attempt(
        lambda: audit_service.list_audit_entries(
            resources(request), caller_of(request), parse(audit_service.AuditQuery, filters)
        )
    )
    if errors:
        filters = {}
        listed = await audit_service.list_audit_entries(
            resources(request), caller_of(request), audit_service.AuditQuery()
        )
    return render(request, "bureau/audit.html", status=status, listed=listed, errors=errors, filters=filters)
