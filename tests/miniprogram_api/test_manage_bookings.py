"""The facility side over HTTP: classes, closures, the day's bookings, status moves, occupancy."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from backend.bookings import ledger, service
from backend.calendar import NATIONAL, today_local
from backend.models import AuditEntry, Booking, BookingEvent, Closure, FacilityClass, OutgoingMessage
from tests.backend.bookings.helpers import (
    assert_ledger_true,
    class_ids_of,
    new_key,
    open_day_on_or_after,
    parent_with_child,
    request_for,
)
from tests.backend.safeguarding.helpers import booking_for_today, parent_pickup
from tests.conftest import bearer
from tests.factories import make_account, make_facility


def day_ahead(days: int = 2):
    return open_day_on_or_after(today_local() + timedelta(days=days))


async def book(res, facility, day=None, age=18, **fields):
    day = day or day_ahead()
    _, _token, child, caller = await parent_with_child(res, age, day)
    care_type = fields.pop("care_type", "full_day")
    answer = await service.create_booking(
        res, caller, request_for(facility, child, care_type, day, **fields), new_key()
    )
    return answer.id, child


async def booking_covering_today(res, facility, status="confirmed"):
    """A booking holding every hour of today, placed through the engine (whatever the time now)."""
    booking_id, _, _ = await booking_for_today(res, facility, status)
    return booking_id


MORNING_CHECK = {"temperature_c": 36.6, "result": "normal"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    return error


async def test_classes_with_national_rules(res, api):
    facility = await make_facility(res, age_min_months=12, age_max_months=36)
    _, admin = await make_account(res, "facility_admin", facility)
    _, staff = await make_account(res, "facility_staff", facility)
    listed = await api.get("/api/v1/manage/classes", headers=bearer(admin))
    assert listed.status_code == 200
    assert [(c["kind"], c["capacity"]) for c in listed.json()["items"]] == [("toddler", 10)]

    made = await api.post(
        "/api/v1/manage/classes",
        json={"kind": "toddler", "name": "托小二班", "places": 12, "caregivers": 2},
        headers=bearer(admin),
    )
    assert made.status_code == 201, made.text
    assert made.json()["capacity"] == 10  # 2 caregivers x 1:5
    class_id = made.json()["id"]
    for body, field in (
        ({"kind": "toddler", "name": "大", "places": 16, "caregivers": 4}, "places"),
        ({"kind": "preschool", "name": "大", "places": 21, "caregivers": 4}, "places"),
        ({"kind": "infant", "name": "乳儿", "places": 5, "caregivers": 2}, "kind"),
        ({"kind": "family", "name": "家", "places": 5, "caregivers": 2}, "kind"),
        ({"kind": "nursery", "name": "x", "places": 5, "caregivers": 2}, "kind"),
        ({"kind": "toddler", "name": "", "places": 5, "caregivers": 2}, "name"),
        ({"kind": "toddler", "name": "班" * 51, "places": 5, "caregivers": 2}, "name"),
        ({"kind": "toddler", "name": "x", "places": 0, "caregivers": 2}, "places"),
        ({"kind": "toddler", "name": "x", "places": 5, "caregivers": 0}, "caregivers"),
        ({"kind": "toddler", "name": "x", "places": 5}, "caregivers"),
        ({"kind": "toddler", "name": "x", "places": 5, "caregivers": 1, "floor": 2}, "floor"),
    ):
        error = assert_error(
            await api.post("/api/v1/manage/classes", json=body, headers=bearer(admin)),
            422,
            "validation_failed",
        )
        assert field in error["details"]["fields"], (body, error)

    renamed = await api.patch(
        f"/api/v1/manage/classes/{class_id}",
        json={"name": "托小三班", "caregivers": 3},
        headers=bearer(admin),
    )
    assert (
        renamed.status_code == 200
        and renamed.json()["name"] == "托小三班"
        and renamed.json()["capacity"] == 12
    )
    assert_error(
        await api.patch(f"/api/v1/manage/classes/{class_id}", json={"places": 16}, headers=bearer(admin)),
        422,
        "validation_failed",
    )

    # Staff read classes but do not change them; parents and strangers get nothing.
    assert (await api.get("/api/v1/manage/classes", headers=bearer(staff))).status_code == 200
    assert_error(
        await api.post(
            "/api/v1/manage/classes",
            json={"kind": "toddler", "name": "x", "places": 5, "caregivers": 1},
            headers=bearer(staff),
        ),
        403,
        "forbidden",
    )
    assert_error(
        await api.patch(f"/api/v1/manage/classes/{class_id}", json={"name": "y"}, headers=bearer(staff)),
        403,
        "forbidden",
    )
    assert_error(
        await api.delete(f"/api/v1/manage/classes/{class_id}", headers=bearer(staff)), 403, "forbidden"
    )
    _, parent_token, _, _ = await parent_with_child(res, 18)
    assert_error(await api.get("/api/v1/manage/classes", headers=bearer(parent_token)), 403, "forbidden")
    assert_error(await api.get("/api/v1/manage/classes"), 401, "unauthorized")
    other = await make_facility(res)
    _, other_admin = await make_account(res, "facility_admin", other)
    assert_error(
        await api.patch(
            f"/api/v1/manage/classes/{class_id}", json={"name": "y"}, headers=bearer(other_admin)
        ),
        404,
        "not_found",
    )
    assert_error(
        await api.delete(f"/api/v1/manage/classes/{class_id}", headers=bearer(other_admin)), 404, "not_found"
    )

    assert (await api.delete(f"/api/v1/manage/classes/{class_id}", headers=bearer(admin))).status_code == 204
    assert class_id not in [
        c["id"] for c in (await api.get("/api/v1/manage/classes", headers=bearer(admin))).json()["items"]
    ]


async def test_family_point_has_one_family_class_of_five(res, api):
    facility = await make_facility(res, nature="family", classes=[])
    _, admin = await make_account(res, "facility_admin", facility)
    error = assert_error(
        await api.post(
            "/api/v1/manage/classes",
            json={"kind": "toddler", "name": "x", "places": 5, "caregivers": 1},
            headers=bearer(admin),
        ),
        422,
        "validation_failed",
    )
    assert "kind" in error["details"]["fields"]
    assert_error(
        await api.post(
            "/api/v1/manage/classes",
            json={"kind": "family", "name": "家", "places": 6, "caregivers": 2},
            headers=bearer(admin),
        ),
        422,
        "validation_failed",
    )
    made = await api.post(
        "/api/v1/manage/classes",
        json={"kind": "family", "name": "家", "places": 5, "caregivers": 1},
        headers=bearer(admin),
    )
    assert made.status_code == 201 and made.json()["capacity"] == 3  # one carer per three
    assert_error(
        await api.post(
            "/api/v1/manage/classes",
            json={"kind": "family", "name": "家2", "places": 5, "caregivers": 2},
            headers=bearer(admin),
        ),
        409,
        "conflict",
    )


async def test_class_shrink_and_delete_are_refused_over_bookings(res, api):
    facility = await make_facility(
        res, classes=[{"kind": "toddler", "name": "托小", "places": 3, "caregivers": 1}]
    )
    _, admin = await make_account(res, "facility_admin", facility)
    class_id = (await class_ids_of(facility))[0]
    first, _ = await book(res, facility)
    second, _ = await book(res, facility)
    error = assert_error(
        await api.patch(f"/api/v1/manage/classes/{class_id}", json={"places": 1}, headers=bearer(admin)),
        409,
        "conflict",
    )
    assert error["details"]["bookings"] == sorted([first, second])
    assert (await FacilityClass.get(id=class_id)).places == 3
    assert (
        await api.patch(f"/api/v1/manage/classes/{class_id}", json={"places": 2}, headers=bearer(admin))
    ).status_code == 200
    error = assert_error(
        await api.delete(f"/api/v1/manage/classes/{class_id}", headers=bearer(admin)), 409, "conflict"
    )
    assert error["details"]["bookings"] == sorted([first, second])
    await assert_ledger_true(facility)


async def test_closure_over_bookings_needs_force_which_cancels_and_tells_parents(res, api):
    facility = await make_facility(res)
    _, admin = await make_account(res, "facility_admin", facility)
    day = day_ahead()
    ids = sorted(
        [
            (await book(res, facility, day))[0],
            (await book(res, facility, day, care_type="half_day", session="pm"))[0],
        ]
    )
    later, _ = await book(res, facility, day_ahead(5))

    error = assert_error(
        await api.post(
            "/api/v1/manage/closures", json={"date": day.isoformat(), "reason": "停水"}, headers=bearer(admin)
        ),
        409,
        "conflict",
    )
    assert error["details"]["bookings"] == ids
    forced = await api.post(
        "/api/v1/manage/closures",
        json={"date": day.isoformat(), "reason": "停水", "force": True},
        headers=bearer(admin),
    )
    assert forced.status_code == 201, forced.text
    assert forced.json()["date"] == day.isoformat() and forced.json()["reason"] == "停水"
    for booking_id in ids:
        booking = await Booking.get(id=booking_id)
        assert (booking.status, booking.status_reason) == ("cancelled", "停水")
        assert [m.event for m in await OutgoingMessage.filter(booking_id=booking_id)] == ["cancelled"]
    assert (await Booking.get(id=later)).status == "pending"
    await assert_ledger_true(facility)
    assert (
        sum(
            v
            for (_, d, _), v in (await ledger.taken_counts(await class_ids_of(facility))).items()
            if d == day
        )
        == 0
    )

    availability = await api.get(
        f"/api/v1/facilities/{facility.id}/availability",
        params={"care_type": "full_day", "from": day.isoformat(), "to": day.isoformat()},
    )
    assert availability.json()["days"][0]["open"] is False

    assert_error(
        await api.post("/api/v1/manage/closures", json={"date": day.isoformat()}, headers=bearer(admin)),
        409,
        "conflict",
    )
    for body, field in (
        ({"date": (today_local() - timedelta(days=1)).isoformat()}, "date"),
        ({"date": "tomorrow"}, "date"),
        ({"date": day_ahead(3).isoformat(), "reason": "因" * 201}, "reason"),
    ):
        error = assert_error(
            await api.post("/api/v1/manage/closures", json=body, headers=bearer(admin)),
            422,
            "validation_failed",
        )
        assert field in error["details"]["fields"]
    listed = (await api.get("/api/v1/manage/closures", headers=bearer(admin))).json()["items"]
    assert [c["date"] for c in listed] == [day.isoformat()]
    closure_id = listed[0]["id"]
    other = await make_facility(res)
    _, other_admin = await make_account(res, "facility_admin", other)
    assert_error(
        await api.delete(f"/api/v1/manage/closures/{closure_id}", headers=bearer(other_admin)),
        404,
        "not_found",
    )
    assert (
        await api.delete(f"/api/v1/manage/closures/{closure_id}", headers=bearer(admin))
    ).status_code == 204
    assert (await api.get("/api/v1/manage/closures", headers=bearer(admin))).json()["items"] == []


async def test_the_days_bookings_name_the_children_and_audit_the_read(res, api):
    facility = await make_facility(res)
    _, admin = await make_account(res, "facility_admin", facility)
    admin_account = await make_account(res, "facility_staff", facility)
    day = day_ahead()
    first, first_child = await book(res, facility, day)
    second, second_child = await book(
        res, facility, day, age=20, care_type="hourly", start_time="09:00", end_time="10:00"
    )
    elsewhere, _ = await book(res, await make_facility(res), day)
    response = await api.get(
        "/api/v1/manage/bookings", params={"date": day.isoformat()}, headers=bearer(admin_account[1])
    )
    assert response.status_code == 200, response.text
    items = {item["id"]: item for item in response.json()["items"]}
    assert set(items) == {first, second} and elsewhere not in items
    assert items[first]["child"] == {
        "id": str(first_child.id),
        "name": first_child.name,
        "age_months": 18,
        "allergies": first_child.allergies,
    }
    assert items[second]["child"]["age_months"] == 20 and items[second]["hours"] == [9]
    reads = await AuditEntry.filter(actor_id=admin_account[0].id, action="child.read").values_list(
        "object_id", flat=True
    )
    assert sorted(reads) == sorted([str(first_child.id), str(second_child.id)])
    assert (
        await api.get(
            "/api/v1/manage/bookings",
            params={"date": day.isoformat(), "status": "confirmed"},
            headers=bearer(admin),
        )
    ).json()["items"] == []
    for params in ({"date": "2026-02-30"}, {"status": "lost"}):
        assert_error(
            await api.get("/api/v1/manage/bookings", params=params, headers=bearer(admin)),
            422,
            "validation_failed",
        )


async def test_status_moves_from_right_and_wrong_statuses(res, api):
    facility = await make_facility(res, requires_admission_check=False)
    _, admin = await make_account(res, "facility_admin", facility)
    _, staff = await make_account(res, "facility_staff", facility)

    async def move(booking_id, action, token=staff, **body):
        if action == "check-in":
            body.setdefault("health_check", MORNING_CHECK)
        return await api.post(
            f"/api/v1/manage/bookings/{booking_id}/{action}", json=body or None, headers=bearer(token)
        )

    pending, _ = await book(res, facility)
    confirmed = await move(pending, "confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert [h["to_status"] for h in confirmed.json()["history"]] == ["pending", "confirmed"]
    assert_error(await move(pending, "confirm"), 409, "conflict")
    assert_error(await move(pending, "reject", reason="满了"), 409, "conflict")
    # Not today: check-in waits for its day, no-show for its start.
    assert_error(await move(pending, "check-in"), 409, "conflict")
    assert_error(await move(pending, "no-show"), 409, "conflict")
    assert_error(await move(pending, "check-out"), 409, "conflict")

    to_reject, _ = await book(res, facility)
    error = assert_error(await move(to_reject, "reject"), 422, "validation_failed")
    assert "reason" in error["details"]["fields"]
    rejected = await move(to_reject, "reject", reason="当天满员")
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert rejected.json()["status_reason"] == "当天满员"
    assert_error(await move(to_reject, "confirm"), 409, "conflict")

    today_pending = await booking_covering_today(res, facility, status="pending")
    assert_error(await move(today_pending, "check-in"), 409, "conflict")
    assert_error(await move(today_pending, "no-show"), 409, "conflict")

    today = await booking_covering_today(res, facility)
    checked_in = await move(today, "check-in")
    assert checked_in.status_code == 200 and checked_in.json()["status"] == "checked_in"
    assert_error(await move(today, "check-in"), 409, "conflict")
    assert_error(await move(today, "no-show"), 409, "conflict")
    proof = await parent_pickup(today)
    checked_out = await move(today, "check-out", pickup_person_id=str(proof.pickup_person_id))
    assert checked_out.status_code == 200 and checked_out.json()["status"] == "checked_out"
    assert_error(await move(today, "check-out"), 409, "conflict")

    absent = await booking_covering_today(res, facility)
    no_show = await move(absent, "no-show", token=admin)
    assert no_show.status_code == 200 and no_show.json()["status"] == "no_show"

    for booking_id, events in (
        (pending, ["confirmed"]),
        (to_reject, ["rejected"]),
        (today, ["checked_in", "checked_out"]),
        (absent, ["no_show"]),
    ):
        assert [
            m.event for m in await OutgoingMessage.filter(booking_id=booking_id).order_by("created_at")
        ] == events
    roles = await BookingEvent.filter(booking_id=today).order_by("id").values_list("to_status", "actor_role")
    assert roles == [("checked_in", "facility_staff"), ("checked_out", "facility_staff")]
    await assert_ledger_true(facility)


async def test_moves_by_the_wrong_caller(res, api):
    facility = await make_facility(res)
    booking_id, _ = await book(res, facility)
    other = await make_facility(res)
    _, other_admin = await make_account(res, "facility_admin", other)
    _, parent_token, _, _ = await parent_with_child(res, 18)
    for action in ("confirm", "reject", "check-in", "check-out", "no-show"):
        body = {"reason": "x"} if action == "reject" else None
        if action == "check-in":
            body = {"health_check": MORNING_CHECK}
        response = await api.post(
            f"/api/v1/manage/bookings/{booking_id}/{action}", json=body, headers=bearer(other_admin)
        )
        assert_error(response, 404, "not_found")
        response = await api.post(
            f"/api/v1/manage/bookings/{booking_id}/{action}", json=body, headers=bearer(parent_token)
        )
        assert_error(response, 403, "forbidden")
    assert_error(
        await api.post(f"/api/v1/manage/bookings/{uuid.uuid4()}/confirm", headers=bearer(other_admin)),
        404,
        "not_found",
    )
    assert (await Booking.get(id=booking_id)).status == "pending"


async def test_occupancy_per_class_per_hour(res, api):
    facility = await make_facility(
        res,
        classes=[
            {"kind": "toddler", "name": "托小", "places": 2, "caregivers": 1},
            {"kind": "preschool", "name": "托大", "places": 20, "caregivers": 2},
        ],
    )
    _, staff = await make_account(res, "facility_staff", facility)
    day = day_ahead()
    await book(res, facility, day, age=14, care_type="hourly", start_time="10:00", end_time="12:00")
    await book(res, facility, day, age=14, care_type="half_day", session="am")
    response = await api.get(
        "/api/v1/manage/occupancy", params={"date": day.isoformat()}, headers=bearer(staff)
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["date"] == day.isoformat()
    assert (answer["open"], answer["closed_reason"]) == (True, None)
    by_kind = {c["kind"]: c for c in answer["classes"]}
    assert by_kind["toddler"]["capacity"] == 2 and by_kind["preschool"]["capacity"] == 14
    toddler_hours = {h["start"]: (h["taken"], h["capacity"]) for h in by_kind["toddler"]["hours"]}
    assert (
        toddler_hours["08:00"] == (1, 2)
        and toddler_hours["10:00"] == (2, 2)
        and toddler_hours["12:00"] == (0, 2)
    )
    assert next(iter(toddler_hours)) == "08:00" and list(toddler_hours)[-1] == "16:00"
    assert {h["taken"] for h in by_kind["preschool"]["hours"]} == {0}
    assert_error(
        await api.get("/api/v1/manage/occupancy", params={"date": "soon"}, headers=bearer(staff)),
        422,
        "validation_failed",
    )


async def occupancy_on(api, headers, day):
    response = await api.get("/api/v1/manage/occupancy", params={"date": day.isoformat()}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_occupancy_of_a_weekend_says_closed_with_no_capacity(res, api):
    facility = await make_facility(res, open_weekdays=[1, 2, 3, 4, 5])
    _, staff = await make_account(res, "facility_staff", facility)
    saturday = today_local() + timedelta(days=(6 - today_local().isoweekday()) % 7 + 7)
    # Not a make-up working day (调休), which would be open.
    while NATIONAL.closed_reason(saturday, [1, 2, 3, 4, 5]) != "weekend":
        saturday += timedelta(days=7)
    answer = await occupancy_on(api, bearer(staff), saturday)
    assert (answer["open"], answer["closed_reason"], answer["closed_reason_label"]) == (
        False,
        "weekend",
        "非开放日",
    )
    assert {h["capacity"] for c in answer["classes"] for h in c["hours"]} == {0}


async def test_occupancy_of_a_holiday_says_closed(res, api):
    facility = await make_facility(res)
    _, staff = await make_account(res, "facility_staff", facility)
    answer = await occupancy_on(api, bearer(staff), date(2026, 10, 1))
    assert (answer["open"], answer["closed_reason"], answer["closed_reason_label"]) == (
        False,
        "holiday",
        "法定节假日",
    )


async def test_occupancy_of_a_closure_day_says_closed(res, api):
    facility = await make_facility(res)
    _, staff = await make_account(res, "facility_staff", facility)
    day = day_ahead(3)
    await Closure.create(facility=facility, date=day, reason="消杀")
    answer = await occupancy_on(api, bearer(staff), day)
    assert (answer["open"], answer["closed_reason"]) == (False, "closure")
    assert {h["capacity"] for c in answer["classes"] for h in c["hours"]} == {0}
