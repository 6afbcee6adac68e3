"""Console routes of a facility: 今日, 占用, 候补, 班级, 员工, 停托, 机构资料.

Each route validates the form, takes the caller from the session, makes one call into the same
services the API uses, and renders; a refusal is shown in Chinese on the page it came from.
入园 takes the morning check (晨检), 离园 a person of the child's pickup list or the parent's code.
"""

from __future__ import annotations

from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from backend.bookings import attendance, manage, service
from backend.bookings.schemas import (
    CheckInRequest,
    CheckOutRequest,
    ClassChanges,
    ClassCreate,
    ClosureCreate,
    DayBookingAnswer,
    DayQuery,
    DayRequest,
    ManageBookingsQuery,
    RejectRequest,
)
from backend.facilities import service as facilities
from backend.rules import CareType
from backend.safeguarding import service as safeguarding
from backend.staff import service as staff
from backend.waitlist import service as waitlist
from miniprogram_api.auth import resources
from miniprogram_api.console import zh
from miniprogram_api.console.web import (
    FACILITY_ROLES,
    attempt,
    caller_of,
    drop_empty,
    form_list,
    form_values,
    is_htmx,
    page,
    parse,
    render,
    submit,
)

bp = Blueprint("console_facility", url_prefix="/facility")

MOVES = {"confirm": "确认", "reject": "拒绝", "check-in": "入园", "check-out": "离园", "no-show": "未到"}
# Which moves a row offers, by the booking's status and then the day's (the service still decides;
# this only hides the useless).
MOVES_BY_STATUS = {
    "pending": ["confirm", "reject"],
}
MOVES_BY_DAY_STATUS = {
    "expected": ["check-in", "no-show"],
    "present": ["check-out"],
}
ATTENDING = ("confirmed", "checked_in")


def row_moves(booking: DayBookingAnswer) -> list[str]:
    """The buttons of one row of 今日."""
    if booking.status in ATTENDING:
        return MOVES_BY_DAY_STATUS.get(booking.day_status or "", [])
    return MOVES_BY_STATUS.get(booking.status, [])


def _check_in_body(form: dict[str, str], day: dict[str, str]) -> CheckInRequest:
    check = {
        "temperature_c": form.get("temperature_c", ""),
        "result": form.get("result", "normal"),
        "notes": form.get("notes") or None,
    }
    return parse(CheckInRequest, {**day, "health_check": drop_none(check)})


def _check_out_body(form: dict[str, str], day: dict[str, str]) -> CheckOutRequest:
    code = (form.get("pickup_code") or "").strip()
    proof = {"pickup_code": code} if code else {"pickup_person_id": form.get("pickup_person_id") or None}
    return parse(CheckOutRequest, {**day, **drop_none(proof)})


def drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def _day_arg(request: Request) -> dict[str, str]:
    day = (request.args.get("date") or "").strip()
    return {"date": day} if day else {}


# --- 今日 ---


async def _bookings_fragment(
    request: Request, day: dict[str, str], errors: zh.FormErrors | None = None, status: int = 200
) -> HTTPResponse:
    query = parse(ManageBookingsQuery, day)
    answer = await manage.bookings_of_day(resources(request), caller_of(request), query)
    return render(
        request,
        "facility/_bookings.html",
        status=status,
        day=answer,
        moves=MOVES,
        row_moves=row_moves,
        errors=errors,
    )


@bp.get("/today")
@page(*FACILITY_ROLES)
async def today(request: Request) -> HTTPResponse:
    day, errors, status = _day_arg(request), None, 200
    _, errors, status = await attempt(lambda: _check_day(day))
    if errors:
        day = {}
    query = parse(ManageBookingsQuery, day)
    answer = await manage.bookings_of_day(resources(request), caller_of(request), query)
    return render(
        request,
        "facility/today.html",
        status=status,
        day=answer,
        moves=MOVES,
        row_moves=row_moves,
        errors=errors,
    )


async def _check_day(day: dict[str, str]) -> None:
    parse(DayQuery, day)


@bp.post("/bookings/<booking_id:str>/<action:str>")
@page(*FACILITY_ROLES)
async def move(request: Request, booking_id: str, action: str) -> HTTPResponse:
    form = form_values(request)
    day = {"date": form["date"]} if form.get("date") else {}
    if action not in MOVES:
        return render(request, "error.html", status=404, error=zh.FormErrors(zh.CODE["not_found"]))

    async def act() -> Any:
        res, caller = resources(request), caller_of(request)
        if action == "check-in":
            return await attendance.check_in(res, caller, booking_id, _check_in_body(form, day))
        if action == "check-out":
            return await attendance.check_out(res, caller, booking_id, _check_out_body(form, day))
        if action == "no-show":
            return await attendance.no_show(res, caller, booking_id, parse(DayRequest, day))
        reason = (
            parse(RejectRequest, {"reason": form.get("reason", "")}).reason if action == "reject" else None
        )
        return await service.move_booking(res, caller, booking_id, action, reason)

    _, errors, status = await attempt(act)
    if is_htmx(request):
        # htmx swaps only 2xx answers: a refusal comes back 200 with its message above the list.
        return await _bookings_fragment(request, day, errors)
    if errors:
        return await _bookings_fragment(request, day, errors, status)
    return redirect("/console/facility/today" + (f"?date={day['date']}" if day else ""), status=303)


@bp.get("/bookings/<booking_id:str>/pickup-persons")
@page(*FACILITY_ROLES)
async def pickup_persons(request: Request, booking_id: str) -> HTTPResponse:
    """The options of a row's 离园 form: who may collect the child (the read is audited)."""
    answer, errors, status = await attempt(
        lambda: safeguarding.pickup_persons_for_facility(resources(request), caller_of(request), booking_id)
    )
    return render(
        request,
        "facility/_pickup_options.html",
        status=status,
        persons=answer or {"items": []},
        errors=errors,
    )


# --- 占用 ---


@bp.get("/occupancy")
@page(*FACILITY_ROLES)
async def occupancy(request: Request) -> HTTPResponse:
    day = _day_arg(request)
    _, errors, status = await attempt(lambda: _check_day(day))
    parsed = parse(DayQuery, {} if errors else day)
    answer = await manage.occupancy(resources(request), caller_of(request), parsed.date)
    return render(request, "facility/occupancy.html", status=status, occ=answer, errors=errors)


# --- 候补 ---


@bp.get("/waitlist")
@page(*FACILITY_ROLES)
async def waitlist_page(request: Request) -> HTTPResponse:
    # The line in the order offers are made; reading it settles offers whose time is up first.
    listed = await waitlist.facility_list(resources(request), caller_of(request))
    return render(request, "facility/waitlist.html", entries=listed.items)


# --- 班级 ---


async def _classes_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    answer = await manage.list_classes(resources(request), caller_of(request))
    return render(
        request,
        "facility/classes.html",
        status=status,
        classes=answer.items,
        errors=errors,
        form=form or {},
    )


@bp.get("/classes")
@page(*FACILITY_ROLES)
async def classes(request: Request) -> HTTPResponse:
    return await _classes_page(request)


@bp.post("/classes")
@page(*FACILITY_ROLES)
async def add_class(request: Request) -> HTTPResponse:
    form = form_values(request)
    return await submit(
        lambda: manage.create_class(resources(request), caller_of(request), parse(ClassCreate, form)),
        lambda errors, status: _classes_page(request, errors, form, status),
        "/console/facility/classes",
    )


@bp.post("/classes/<class_id:str>")
@page(*FACILITY_ROLES)
async def edit_class(request: Request, class_id: str) -> HTTPResponse:
    form = drop_empty(form_values(request))
    return await submit(
        lambda: manage.change_class(
            resources(request), caller_of(request), class_id, parse(ClassChanges, form)
        ),
        lambda errors, status: _classes_page(request, errors, None, status),
        "/console/facility/classes",
    )


@bp.post("/classes/<class_id:str>/delete")
@page(*FACILITY_ROLES)
async def delete_class(request: Request, class_id: str) -> HTTPResponse:
    return await submit(
        lambda: manage.delete_class(resources(request), caller_of(request), class_id),
        lambda errors, status: _classes_page(request, errors, None, status),
        "/console/facility/classes",
    )


# --- 员工 ---


async def _staff_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    answer = await staff.list_staff(resources(request), caller_of(request), limit=50)
    return render(
        request,
        "facility/staff.html",
        status=status,
        members=answer.items,
        errors=errors,
        form=form or {},
        roles=zh.STAFF_ROLE,
    )


@bp.get("/staff")
@page(*FACILITY_ROLES)
async def staff_list(request: Request) -> HTTPResponse:
    return await _staff_page(request)


@bp.post("/staff")
@page(*FACILITY_ROLES)
async def add_staff(request: Request) -> HTTPResponse:
    form = drop_empty(form_values(request))
    data: dict[str, Any] = dict(form)
    data["certificates"] = [c.strip() for c in form.get("certificates", "").split("，") if c.strip()]
    return await submit(
        lambda: staff.hire(resources(request), caller_of(request), parse(staff.NewStaffBody, data)),
        lambda errors, status: _staff_page(request, errors, form, status),
        "/console/facility/staff",
    )


@bp.post("/staff/<staff_id:str>/delete")
@page(*FACILITY_ROLES)
async def remove_staff(request: Request, staff_id: str) -> HTTPResponse:
    return await submit(
        lambda: staff.remove(resources(request), caller_of(request), staff_id),
        lambda errors, status: _staff_page(request, errors, None, status),
        "/console/facility/staff",
    )


# --- 停托 ---


async def _closures_page(
    request: Request,
    errors: zh.FormErrors | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> HTTPResponse:
    answer = await manage.list_closures(resources(request), caller_of(request))
    affected = []
    if errors is not None and isinstance(errors.details, dict):
        affected = list(errors.details.get("bookings") or [])
    return render(
        request,
        "facility/closures.html",
        status=status,
        closures=answer.items,
        errors=errors,
        form=form or {},
        affected=affected,
    )


@bp.get("/closures")
@page(*FACILITY_ROLES)
async def closures(request: Request) -> HTTPResponse:
    return await _closures_page(request)


@bp.post("/closures")
@page(*FACILITY_ROLES)
async def add_closure(request: Request) -> HTTPResponse:
    form = form_values(request)
    data: dict[str, Any] = {"date": form.get("date", ""), "reason": form.get("reason", "")}
    data["force"] = form.get("force") == "1"
    return await submit(
        lambda: manage.create_closure(resources(request), caller_of(request), parse(ClosureCreate, data)),
        lambda errors, status: _closures_page(request, errors, form, status),
        "/console/facility/closures",
    )


@bp.post("/closures/<closure_id:str>/delete")
@page(*FACILITY_ROLES)
async def delete_closure(request: Request, closure_id: str) -> HTTPResponse:
    return await submit(
        lambda: manage.delete_closure(resources(request), caller_of(request), closure_id),
        lambda errors, status: _closures_page(request, errors, None, status),
        "/console/facility/closures",
    )


# --- 机构资料 ---


def _profile_changes(request: Request) -> dict[str, Any]:
    """The profile form as ProfileChanges' fields: prices typed in yuan are stored in fen."""
    form = form_values(request)
    data: dict[str, Any] = {
        name: form[name] for name in ("name", "address", "phone", "description") if name in form
    }
    data["care_types"] = form_list(request, "care_types")
    data["open_weekdays"] = form_list(request, "open_weekdays")
    data["auto_confirm"] = form.get("auto_confirm") == "1"
    for name in ("cancel_before_hours", "age_min_months", "age_max_months"):
        if form.get(name):
            data[name] = form[name]
    prices: dict[str, Any] = {}
    for care_type in CareType:
        raw = form.get(f"price_{care_type.value}", "")
        if raw:
            try:
                prices[care_type.value] = round(float(raw) * 100)
            except ValueError:
                prices[care_type.value] = raw  # refused by the model, by name
    data["prices"] = prices
    for span in ("full_day_hours", "am_hours", "pm_hours"):
        start, end = form.get(f"{span}_start", ""), form.get(f"{span}_end", "")
        if start or end:
            data[span] = {"start": start, "end": end}
    return data


async def _profile_page(
    request: Request, errors: zh.FormErrors | None = None, status: int = 200, saved: bool = False
) -> HTTPResponse:
    profile = await facilities.get_profile(resources(request), caller_of(request))
    return render(
        request,
        "facility/profile.html",
        status=status,
        f=profile,
        errors=errors,
        saved=saved,
        care_types=zh.CARE_TYPE,
        weekdays=zh.WEEKDAYS,
    )


@bp.get("/profile")
@page(*FACILITY_ROLES)
async def profile(request: Request) -> HTTPResponse:
    return await _profile_page(request, saved=request.args.get("saved") == "1")


@bp.post("/profile")
@page(*FACILITY_ROLES)
async def save_profile(request: Request) -> HTTPResponse:
    data = _profile_changes(request)
    return await submit(
        lambda: facilities.update_profile(
            resources(request), caller_of(request), parse(facilities.ProfileChanges, data)
        ),
        lambda errors, status: _profile_page(request, errors, status),
        "/console/facility/profile?saved=1",
    )
