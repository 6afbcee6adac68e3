"""Over HTTP: admission health checks, the pickup list, pickup codes, and what check-in and
check-out ask of them."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from backend.calendar import now_local, today_local
from backend.models import (
    AdmissionHealthCheck,
    AuditEntry,
    Booking,
    BookingDay,
    Facility,
    OutgoingMessage,
    PickupCode,
    PickupPerson,
)
from backend.security import decrypt
from tests.backend.bookings.helpers import parent_with_child
from tests.backend.safeguarding.helpers import booking_for_today, fit_check, parent_entry
from tests.conftest import bearer
from tests.factories import make_account, make_facility

API = "/api/v1"

# A morning check (晨检) that admits the child.
MORNING_CHECK = {"health_check": {"temperature_c": 36.6, "result": "normal"}}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    return error


async def staff_of(res, facility: Facility) -> str:
    return (await make_account(res, "facility_staff", facility))[1]


async def checked_in(res, api, facility: Facility | None = None):
    """A booking of today, checked in through the API (the facility needs no admission check)."""
    facility = facility or await make_facility(res, requires_admission_check=False)
    staff = await staff_of(res, facility)
    booking_id, child, parent_token = await booking_for_today(res, facility)
    response = await api.post(
        f"{API}/manage/bookings/{booking_id}/check-in", json=MORNING_CHECK, headers=bearer(staff)
    )
    assert response.status_code == 200, response.text
    return booking_id, child, parent_token, staff


async def issue_code(api, booking_id: str, parent_token: str, person: str = "王奶奶"):
    return await api.post(
        f"{API}/bookings/{booking_id}/pickup-codes",
        json={"date": today_local().isoformat(), "person_name": person},
        headers=bearer(parent_token),
    )


async def check_out(api, booking_id: str, staff: str, **body):
    return await api.post(
        f"{API}/manage/bookings/{booking_id}/check-out", json=body or None, headers=bearer(staff)
    )


# Admission health checks


async def test_a_parent_records_and_reads_the_childs_health_checks(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    path = f"{API}/children/{child.id}/health-checks"
    older = (today_local() - timedelta(days=40)).isoformat()
    for day, result in ((older, "unfit"), (today_local().isoformat(), "fit")):
        response = await api.post(
            path,
            json={"checked_on": day, "institution": "环翠区妇幼保健院", "result": result},
            headers=bearer(token),
        )
        assert response.status_code == 201, response.text
        assert response.json()["result"] == result
    listed = await api.get(path, headers=bearer(token))
    assert listed.status_code == 200
    assert [(c["checked_on"], c["result"]) for c in listed.json()["items"]] == [
        (today_local().isoformat(), "fit"),
        (older, "unfit"),
    ]
    assert await AdmissionHealthCheck.filter(child_id=child.id).count() == 2


async def test_a_health_check_in_the_future_or_before_birth_is_refused(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    path = f"{API}/children/{child.id}/health-checks"
    for day in (today_local() + timedelta(days=1), child.birth_date - timedelta(days=1)):
        body = {"checked_on": day.isoformat(), "institution": "妇幼保健院", "result": "fit"}
        error = assert_error(await api.post(path, json=body, headers=bearer(token)), 422, "validation_failed")
        assert "checked_on" in error["details"]["fields"]
    bad = {"checked_on": today_local().isoformat(), "institution": "妇幼保健院", "result": "ok"}
    assert_error(await api.post(path, json=bad, headers=bearer(token)), 422, "validation_failed")
    assert await AdmissionHealthCheck.filter(child_id=child.id).count() == 0


async def test_only_the_childs_own_parent_reaches_its_health_checks(res, api):
    _, _, child, _ = await parent_with_child(res, 18)
    _, other_token, _, _ = await parent_with_child(res, 18)
    staff = await staff_of(res, await make_facility(res))
    path = f"{API}/children/{child.id}/health-checks"
    assert_error(await api.get(path, headers=bearer(other_token)), 404, "not_found")
    assert_error(await api.get(path, headers=bearer(staff)), 403, "forbidden")


async def test_a_first_check_in_needs_a_fit_check_of_the_last_three_months(res, api):
    facility = await make_facility(res, requires_admission_check=True)
    staff = await staff_of(res, facility)
    booking_id, child, _ = await booking_for_today(res, facility)
    path = f"{API}/manage/bookings/{booking_id}/check-in"
    assert_error(
        await api.post(path, json=MORNING_CHECK, headers=bearer(staff)), 409, "health_check_required"
    )
    await fit_check(child, today_local() - timedelta(days=100))
    assert_error(
        await api.post(path, json=MORNING_CHECK, headers=bearer(staff)), 409, "health_check_required"
    )
    await fit_check(child, today_local() - timedelta(days=1), result="unfit")
    assert_error(
        await api.post(path, json=MORNING_CHECK, headers=bearer(staff)), 409, "health_check_required"
    )
    assert (await Booking.get(id=booking_id)).status == "confirmed"
    await fit_check(child, today_local())
    response = await api.post(path, json=MORNING_CHECK, headers=bearer(staff))
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "checked_in"


async def test_the_facility_turns_the_admission_check_off(res, api):
    facility = await make_facility(res, requires_admission_check=True)
    _, admin = await make_account(res, "facility_admin", facility)
    changed = await api.patch(
        f"{API}/manage/facility", json={"requires_admission_check": False}, headers=bearer(admin)
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["requires_admission_check"] is False
    assert (await Facility.get(id=facility.id)).requires_admission_check is False
    booking_id, _, _ = await booking_for_today(res, facility)
    response = await api.post(
        f"{API}/manage/bookings/{booking_id}/check-in", json=MORNING_CHECK, headers=bearer(admin)
    )
    assert response.status_code == 200, response.text


# The pickup list


async def test_the_parent_is_on_the_pickup_list_from_the_start_and_stays(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    path = f"{API}/children/{child.id}/pickup-persons"
    listed = await api.get(path, headers=bearer(token))
    assert listed.status_code == 200, listed.text
    (parent,) = listed.json()["items"]
    assert parent["is_parent"] is True and parent["relation"] == "家长"
    assert_error(await api.delete(f"{path}/{parent['id']}", headers=bearer(token)), 409, "conflict")
    assert await PickupPerson.filter(child_id=child.id).count() == 1


async def test_a_pickup_person_is_added_with_the_phone_encrypted_and_masked_then_removed(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    path = f"{API}/children/{child.id}/pickup-persons"
    response = await api.post(
        path, json={"name": "王奶奶", "relation": "祖母", "phone": "13861234567"}, headers=bearer(token)
    )
    assert response.status_code == 201, response.text
    person = response.json()
    assert person["phone"] == "138****4567" and person["is_parent"] is False
    stored = await PickupPerson.get(id=person["id"])
    assert stored.phone_enc and "13861234567" not in stored.phone_enc
    assert decrypt(res.settings.secret_key, stored.phone_enc) == "13861234567"
    names = [p["name"] for p in (await api.get(path, headers=bearer(token))).json()["items"]]
    assert names[1:] == ["王奶奶"]
    assert (await api.delete(f"{path}/{person['id']}", headers=bearer(token))).status_code == 204
    assert not await PickupPerson.exists(id=person["id"])


async def test_a_pickup_person_with_a_malformed_phone_is_refused(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    path = f"{API}/children/{child.id}/pickup-persons"
    for phone in ("1386123456", "23861234567", "138-6123-4567", ""):
        body = {"name": "王奶奶", "relation": "祖母", "phone": phone}
        error = assert_error(await api.post(path, json=body, headers=bearer(token)), 422, "validation_failed")
        assert "phone" in error["details"]["fields"]
    assert not await PickupPerson.exists(child_id=child.id, parent_of__isnull=True)


# Pickup codes and check-out


async def test_a_pickup_code_collects_the_child_once_and_tells_the_parent(res, api):
    booking_id, _, parent_token, staff = await checked_in(res, api)
    issued = await issue_code(api, booking_id, parent_token)
    assert issued.status_code == 201, issued.text
    code = issued.json()["code"]
    assert len(code) == 6 and code.isdigit()
    assert issued.json()["expires_at"].startswith((today_local() + timedelta(days=1)).isoformat())
    stored = await PickupCode.get(booking_id=booking_id)
    assert code not in stored.code_hash and stored.used_at is None

    response = await check_out(api, booking_id, staff, pickup_code=code)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "checked_out"
    assert response.json()["days"][0]["picked_up_by"] == "王奶奶（接送码）"
    assert (await BookingDay.get(booking_id=booking_id)).picked_up_by == "王奶奶（接送码）"
    assert (await PickupCode.get(id=stored.id)).used_at is not None
    events = await OutgoingMessage.filter(booking_id=booking_id).values_list("event", flat=True)
    assert "picked_up" in events


async def test_a_used_code_fails_the_second_time(res, api):
    booking_id, _, parent_token, staff = await checked_in(res, api)
    code = (await issue_code(api, booking_id, parent_token)).json()["code"]
    # Spent earlier the same day (a check-out by code the facility then undid).
    await PickupCode.filter(booking_id=booking_id).update(used_at=now_local())
    assert_error(await check_out(api, booking_id, staff, pickup_code=code), 409, "pickup_not_authorized")
    assert (await Booking.get(id=booking_id)).status == "checked_in"


async def test_a_code_for_a_day_not_of_the_booking_is_refused(res, api):
    booking_id, _, parent_token, _ = await checked_in(res, api)
    for day in (today_local() + timedelta(days=1), today_local() - timedelta(days=1)):
        response = await api.post(
            f"{API}/bookings/{booking_id}/pickup-codes",
            json={"date": day.isoformat(), "person_name": "王奶奶"},
            headers=bearer(parent_token),
        )
        assert_error(response, 422, "validation_failed")
    _, other_token, _, _ = await parent_with_child(res, 18)
    assert_error(await issue_code(api, booking_id, other_token), 404, "not_found")
    assert await PickupCode.filter(booking_id=booking_id).count() == 0


async def test_check_out_without_a_person_or_code_is_not_authorized(res, api):
    booking_id, _, _, staff = await checked_in(res, api)
    assert_error(await check_out(api, booking_id, staff), 409, "pickup_not_authorized")
    assert (await Booking.get(id=booking_id)).status == "checked_in"


async def test_check_out_to_someone_not_on_the_childs_list_is_not_authorized(res, api):
    booking_id, _, _, staff = await checked_in(res, api)
    _, other_child, _, _ = await checked_in(res, api)
    stranger = await parent_entry(other_child.id)
    response = await check_out(api, booking_id, staff, pickup_person_id=str(stranger.id))
    assert_error(response, 409, "pickup_not_authorized")
    assert (await Booking.get(id=booking_id)).status == "checked_in"


async def test_check_out_to_a_person_of_the_list_records_who_came(res, api):
    booking_id, child, parent_token, staff = await checked_in(res, api)
    added = await api.post(
        f"{API}/children/{child.id}/pickup-persons",
        json={"name": "李爷爷", "relation": "祖父", "phone": "13912345678"},
        headers=bearer(parent_token),
    )
    response = await check_out(api, booking_id, staff, pickup_person_id=added.json()["id"])
    assert response.status_code == 200, response.text
    assert (await BookingDay.get(booking_id=booking_id)).picked_up_by == "李爷爷（祖父）"
    # Collected by someone the parent listed: no extra notice beyond the check-out's own.
    assert "picked_up" not in await OutgoingMessage.filter(booking_id=booking_id).values_list(
        "event", flat=True
    )


async def test_a_code_of_the_wrong_shape_is_invalid_input(res, api):
    booking_id, _, _, staff = await checked_in(res, api)
    for code in ("12345", "1234567", "12a456", 123456):
        assert_error(await check_out(api, booking_id, staff, pickup_code=code), 422, "validation_failed")
    both = await check_out(api, booking_id, staff, pickup_code="123456", pickup_person_id=str(booking_id))
    assert_error(both, 422, "validation_failed")


async def test_five_wrong_codes_lock_the_days_codes(res, api):
    booking_id, _, parent_token, staff = await checked_in(res, api)
    code = (await issue_code(api, booking_id, parent_token)).json()["code"]
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        assert_error(await check_out(api, booking_id, staff, pickup_code=wrong), 409, "pickup_not_authorized")
    error = assert_error(
        await check_out(api, booking_id, staff, pickup_code=code), 409, "pickup_not_authorized"
    )
    assert "锁定" in error["message"]
    assert (await PickupCode.get(booking_id=booking_id)).used_at is None
    assert (await Booking.get(id=booking_id)).status == "checked_in"


async def test_two_check_outs_racing_with_one_code_let_exactly_one_through(res, api):
    booking_id, _, parent_token, staff = await checked_in(res, api)
    code = (await issue_code(api, booking_id, parent_token)).json()["code"]
    other_staff = await staff_of(res, await Facility.get(id=(await Booking.get(id=booking_id)).facility_id))
    answers = await asyncio.gather(
        check_out(api, booking_id, staff, pickup_code=code),
        check_out(api, booking_id, other_staff, pickup_code=code),
    )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 409], [a.text for a in answers]
    assert (await Booking.get(id=booking_id)).status == "checked_out"
    events = await OutgoingMessage.filter(booking_id=booking_id, event="picked_up").count()
    assert events == 1


async def test_the_facility_caring_today_reads_the_pickup_list_and_the_read_is_audited(res, api):
    facility = await make_facility(res, requires_admission_check=False)
    staff_account, staff = await make_account(res, "facility_staff", facility)
    booking_id, child, _ = await booking_for_today(res, facility)
    response = await api.get(f"{API}/manage/bookings/{booking_id}/pickup-persons", headers=bearer(staff))
    assert response.status_code == 200, response.text
    assert [p["is_parent"] for p in response.json()["items"]] == [True]
    reads = await AuditEntry.filter(actor_id=staff_account.id, action="child.read").values_list(
        "object_id", flat=True
    )
    assert list(reads) == [str(child.id)]
    other = await staff_of(res, await make_facility(res))
    path = f"{API}/manage/bookings/{booking_id}/pickup-persons"
    assert_error(await api.get(path, headers=bearer(other)), 404, "not_found")
    await Booking.filter(id=booking_id).update(status="cancelled")
    assert_error(await api.get(path, headers=bearer(staff)), 409, "conflict")


async def test_a_day_holds_at_most_five_unused_codes(res, api):
    booking_id, _, parent_token, _ = await checked_in(res, api)
    for _ in range(5):
        assert (await issue_code(api, booking_id, parent_token)).status_code == 201
    assert_error(await issue_code(api, booking_id, parent_token), 409, "conflict")
    assert await PickupCode.filter(booking_id=booking_id).count() == 5


async def test_removing_someone_not_on_the_list_is_not_found(res, api):
    _, token, child, _ = await parent_with_child(res, 18)
    _, _, other_child, _ = await parent_with_child(res, 18)
    stranger = await parent_entry(other_child.id)
    for person_id in (str(stranger.id), "not-an-id"):
        response = await api.delete(
            f"{API}/children/{child.id}/pickup-persons/{person_id}", headers=bearer(token)
        )
        assert_error(response, 404, "not_found")
    assert await PickupPerson.exists(id=stranger.id)
