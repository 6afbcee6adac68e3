"""Children over HTTP: create with consent, list, read, change, delete; only the parent's own."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import httpx
import pytest

from backend.calendar import SERVICE_TZ, today_local
from backend.context import Resources
from backend.models import Account, Booking, Child, FacilityClass
from backend.parents.service import CHILD_DATA_CONSENT_VERSION
from backend.rules import age_in_months
from tests.conftest import bearer
from tests.factories import make_account, make_child, make_facility, make_parent

CHILDREN = "/api/v1/children"


def months_ago(months: int, day: int = 1) -> date:
    today = today_local()
    total = today.year * 12 + today.month - 1 - months
    return date(total // 12, total % 12 + 1, day)


def child_body(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "name": "小明",
        "birth_date": months_ago(14).isoformat(),
        "gender": "m",
        "consent": True,
    }
    body.update(overrides)
    return body


async def consenting_parent(res: Resources) -> tuple[Account, str]:
    parent, token = await make_parent(res)
    parent.child_data_consent_at = datetime.now(SERVICE_TZ)
    parent.child_data_consent_version = CHILD_DATA_CONSENT_VERSION
    await parent.save()
    return parent, token


async def book(res: Resources, child: Child, status: str) -> Booking:
    """A booking of the child in a given status, made straight in the database (only the child's
    bookings matter here, not how they were placed)."""
    facility = await make_facility(res)
    klass = await FacilityClass.filter(facility=facility).first()
    assert klass is not None
    day = today_local() + timedelta(days=3)
    start = datetime(day.year, day.month, day.day, 8, tzinfo=SERVICE_TZ)
    return await Booking.create(
        parent_id=child.parent_id,  # type: ignore[attr-defined]
        child=child,
        facility=facility,
        klass=klass,
        class_kind=klass.kind,
        care_type="full_day",
        start_date=day,
        end_date=day,
        slots={day.isoformat(): list(range(8, 17))},
        first_hour_at=start,
        last_hour_end_at=start + timedelta(hours=9),
        price_fen=10000,
        status=status,
    )


# Creating and consent


async def test_the_first_child_needs_consent_and_records_it(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)

    refused = await api.post(CHILDREN, json=child_body(consent=None), headers=bearer(token))
    assert refused.status_code == 422
    assert "consent" in refused.json()["error"]["details"]["fields"]
    without = child_body()
    del without["consent"]
    refused = await api.post(CHILDREN, json=without, headers=bearer(token))
    assert refused.status_code == 422
    assert "consent" in refused.json()["error"]["details"]["fields"]
    refused = await api.post(CHILDREN, json=child_body(consent=False), headers=bearer(token))
    assert refused.status_code == 422
    assert "consent" in refused.json()["error"]["details"]["fields"]
    assert await Child.filter(parent=parent).count() == 0
    assert (await Account.get(id=parent.id)).child_data_consent_at is None

    response = await api.post(CHILDREN, json=child_body(), headers=bearer(token))
    assert response.status_code == 201, response.text
    child = response.json()
    assert {"id", "name", "birth_date", "gender", "allergies", "age_months"} <= set(child)
    assert child["name"] == "小明"
    assert child["birth_date"] == months_ago(14).isoformat()
    assert child["gender"] == "m"
    assert child["allergies"] == ""
    assert child["age_months"] == 14

    stored = await Account.get(id=parent.id)
    assert stored.child_data_consent_at is not None
    assert stored.child_data_consent_version == CHILD_DATA_CONSENT_VERSION

    # Consent is on record now: the second child needs none.
    second = await api.post(
        CHILDREN,
        json={"name": "小红", "birth_date": months_ago(3).isoformat(), "gender": "f"},
        headers=bearer(token),
    )
    assert second.status_code == 201, second.text
    assert second.json()["age_months"] == 3


async def test_fields_are_cleaned_and_stored(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    response = await api.post(
        CHILDREN,
        json=child_body(name="  小 明 ", allergies=" 花生\n牛奶 ", gender="f"),
        headers=bearer(token),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "小 明"
    assert body["allergies"] == "花生\n牛奶"
    stored = await Child.get(id=body["id"])
    assert stored.parent_id == parent.id  # type: ignore[attr-defined]
    assert stored.name == "小 明"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "名" * 51}, "name"),
        ({"name": "小\x00明"}, "name"),
        ({"name": "小\n明"}, "name"),
        ({"name": "小\u202e明"}, "name"),
        ({"name": 42}, "name"),
        ({"allergies": "x" * 501}, "allergies"),
        ({"allergies": "花生\x07"}, "allergies"),
        ({"birth_date": "2024-02-30"}, "birth_date"),
        ({"birth_date": "2024-13-01"}, "birth_date"),
        ({"birth_date": "01/02/2024"}, "birth_date"),
        ({"birth_date": 1700000000}, "birth_date"),
        ({"birth_date": "2024-01-01T00:00:00"}, "birth_date"),
        ({"gender": "x"}, "gender"),
        ({"gender": "F"}, "gender"),
        ({"nickname": "明明"}, "nickname"),
    ],
)
async def test_bad_fields_are_422_naming_the_field(
    api: httpx.AsyncClient, res: Resources, overrides: dict[str, object], field: str
) -> None:
    _, token = await make_parent(res)
    response = await api.post(CHILDREN, json=child_body(**overrides), headers=bearer(token))
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    assert field in error["details"]["fields"]


@pytest.mark.parametrize("missing", ["name", "birth_date", "gender"])
async def test_required_fields(api: httpx.AsyncClient, res: Resources, missing: str) -> None:
    _, token = await make_parent(res)
    body = child_body()
    del body[missing]
    response = await api.post(CHILDREN, json=body, headers=bearer(token))
    assert response.status_code == 422
    assert missing in response.json()["error"]["details"]["fields"]


async def test_birth_date_bounds(api: httpx.AsyncClient, res: Resources) -> None:
    _, token = await consenting_parent(res)
    today = today_local()

    future = await api.post(
        CHILDREN, json=child_body(birth_date=(today + timedelta(days=1)).isoformat()), headers=bearer(token)
    )
    assert future.status_code == 422
    assert "birth_date" in future.json()["error"]["details"]["fields"]

    too_old = today.replace(year=today.year - 6) - timedelta(days=1)
    old = await api.post(CHILDREN, json=child_body(birth_date=too_old.isoformat()), headers=bearer(token))
    assert old.status_code == 422
    assert "birth_date" in old.json()["error"]["details"]["fields"]

    born_today = await api.post(
        CHILDREN, json=child_body(birth_date=today.isoformat()), headers=bearer(token)
    )
    assert born_today.status_code == 201
    assert born_today.json()["age_months"] == 0

    oldest = (too_old + timedelta(days=1)).isoformat()
    six = await api.post(CHILDREN, json=child_body(birth_date=oldest), headers=bearer(token))
    assert six.status_code == 201
    assert six.json()["age_months"] == 72


async def test_not_json_or_not_an_object_is_422(api: httpx.AsyncClient, res: Resources) -> None:
    _, token = await make_parent(res)
    for content in (b"{not json", b"[1, 2]", b'"text"'):
        response = await api.post(
            CHILDREN, content=content, headers={**bearer(token), "Content-Type": "application/json"}
        )
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "validation_failed"


async def test_a_parent_keeps_a_bounded_number_of_children(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await consenting_parent(res)
    for n in range(10):
        await make_child(parent, months_ago(n + 1), name=f"孩子{n}")
    response = await api.post(CHILDREN, json=child_body(), headers=bearer(token))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


# Reading


async def test_age_months_is_derived_on_every_read(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    today = today_local()
    birthdays = {
        "on the day": months_ago(20, day=1),
        "born yesterday": today - timedelta(days=1),
        "a year ago": today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else None,
    }
    for name, birth in birthdays.items():
        if birth is None:
            continue
        child = await make_child(parent, birth, name=name)
        body = (await api.get(f"{CHILDREN}/{child.id}", headers=bearer(token))).json()
        assert body["age_months"] == age_in_months(birth, today)
    listed = (await api.get(CHILDREN, headers=bearer(token))).json()["items"]
    by_name = {item["name"]: item["age_months"] for item in listed}
    assert by_name["on the day"] == 20
    assert by_name["born yesterday"] == 0
    if birthdays["a year ago"] is not None:
        assert by_name["a year ago"] == 12


async def test_the_list_pages_eldest_first(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    same_day = months_ago(10)
    made = [
        await make_child(parent, months_ago(30), name="老大"),
        await make_child(parent, same_day, name="双胞胎甲"),
        await make_child(parent, same_day, name="双胞胎乙"),
        await make_child(parent, months_ago(2), name="老三"),
    ]
    other, _ = await make_parent(res)
    await make_child(other, months_ago(5), name="别人家的")

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        response = await api.get(CHILDREN, params=params, headers=bearer(token))
        assert response.status_code == 200
        page = response.json()
        pages += 1
        assert len(page["items"]) <= 2
        seen.extend(item["id"] for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 2
    twins = sorted(str(c.id) for c in made[1:3])
    assert seen == [str(made[0].id), *twins, str(made[3].id)]

    whole = (await api.get(CHILDREN, headers=bearer(token))).json()
    assert [item["id"] for item in whole["items"]] == seen
    assert whole["next_cursor"] is None


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 51}, {"limit": "many"}, {"cursor": "forged.cursor"}, {"sort": "x"}]
)
async def test_bad_list_queries_are_422(
    api: httpx.AsyncClient, res: Resources, params: dict[str, object]
) -> None:
    _, token = await make_parent(res)
    response = await api.get(CHILDREN, params=params, headers=bearer(token))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"


async def test_another_parents_child_is_not_found(api: httpx.AsyncClient, res: Resources) -> None:
    owner, _ = await make_parent(res)
    child = await make_child(owner, months_ago(12))
    _, intruder = await consenting_parent(res)
    url = f"{CHILDREN}/{child.id}"

    for response in (
        await api.get(url, headers=bearer(intruder)),
        await api.patch(url, json={"name": "改名"}, headers=bearer(intruder)),
        await api.delete(url, headers=bearer(intruder)),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert (await Child.get(id=child.id)).name == child.name
    listed = (await api.get(CHILDREN, headers=bearer(intruder))).json()["items"]
    assert str(child.id) not in {item["id"] for item in listed}


@pytest.mark.parametrize("child_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "1" * 300])
async def test_unknown_ids_are_not_found(api: httpx.AsyncClient, res: Resources, child_id: str) -> None:
    _, token = await make_parent(res)
    response = await api.get(f"{CHILDREN}/{child_id}", headers=bearer(token))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_children_need_a_parent(api: httpx.AsyncClient, res: Resources) -> None:
    owner, _ = await make_parent(res)
    child = await make_child(owner, months_ago(12))
    url = f"{CHILDREN}/{child.id}"
    calls = [("POST", CHILDREN), ("GET", CHILDREN), ("GET", url), ("PATCH", url), ("DELETE", url)]
    for method, path in calls:
        response = await api.request(method, path, json={} if method in {"POST", "PATCH"} else None)
        assert response.status_code == 401, (method, path)
        assert response.json()["error"]["code"] == "unauthorized"

    facility = await make_facility(res)
    for role in ("facility_admin", "facility_staff", "regulator"):
        _, token = await make_account(res, role, facility if role.startswith("facility") else None)
        for method, path in calls:
            response = await api.request(
                method, path, json={} if method in {"POST", "PATCH"} else None, headers=bearer(token)
            )
            assert response.status_code == 403, (role, method, path)
            assert response.json()["error"]["code"] == "forbidden"


# Changing


async def test_patch_changes_only_what_is_sent(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_ago(12))
    url = f"{CHILDREN}/{child.id}"

    response = await api.patch(url, json={"allergies": "海鲜", "name": " 小刚 "}, headers=bearer(token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "小刚"
    assert body["allergies"] == "海鲜"
    assert body["birth_date"] == months_ago(12).isoformat()
    assert body["gender"] == "m"

    response = await api.patch(url, json={"birth_date": months_ago(13).isoformat()}, headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["age_months"] == 13
    assert response.json()["name"] == "小刚"

    assert (await api.patch(url, json={}, headers=bearer(token))).status_code == 200
    stored = await Child.get(id=child.id)
    assert (stored.name, stored.allergies, stored.birth_date) == ("小刚", "海鲜", months_ago(13))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": None}, "name"),
        ({"name": ""}, "name"),
        ({"gender": None}, "gender"),
        ({"gender": "x"}, "gender"),
        ({"birth_date": None}, "birth_date"),
        ({"birth_date": "2024-02-30"}, "birth_date"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"birth_date": "2001-01-01"}, "birth_date"),
        ({"allergies": "x" * 501}, "allergies"),
        ({"consent": True}, "consent"),
        ({"parent_id": "someone"}, "parent_id"),
    ],
)
async def test_bad_patches_are_422(
    api: httpx.AsyncClient, res: Resources, body: dict[str, object], field: str
) -> None:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_ago(12))
    response = await api.patch(f"{CHILDREN}/{child.id}", json=body, headers=bearer(token))
    assert response.status_code == 422, response.text
    assert field in response.json()["error"]["details"]["fields"]
    assert (await Child.get(id=child.id)).name == child.name


async def test_birth_date_is_fixed_while_bookings_are_active(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_ago(14))
    await book(res, child, "confirmed")
    url = f"{CHILDREN}/{child.id}"
    response = await api.patch(url, json={"birth_date": months_ago(15).isoformat()}, headers=bearer(token))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    # Other details, and sending the same birth date again, are fine.
    same = {"birth_date": months_ago(14).isoformat(), "allergies": "鸡蛋"}
    assert (await api.patch(url, json=same, headers=bearer(token))).status_code == 200


# Deleting


async def test_delete_removes_a_child_without_bookings(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_ago(12))
    url = f"{CHILDREN}/{child.id}"
    response = await api.delete(url, headers=bearer(token))
    assert response.status_code == 204
    assert not await Child.filter(id=child.id).exists()
    assert (await api.get(url, headers=bearer(token))).status_code == 404
    assert (await api.delete(url, headers=bearer(token))).status_code == 404


@pytest.mark.parametrize("status", ["pending", "confirmed", "checked_in"])
async def test_delete_is_refused_while_a_booking_is_active(
    api: httpx.AsyncClient, res: Resources, status: str
) -> None:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_ago(14))
    await book(res, child, status)
    response = await api.delete(f"{CHILDREN}/{child.id}", headers=bearer(token))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert (await Child.get(id=child.id)).name == child.name


async def test_delete_with_past_bookings_anonymises(api: httpx.AsyncClient, res: Resources) -> None:
    parent, token = await make_parent(res)
    child = await make_child(parent, months_ago(14), name="小明")
    child.allergies = "花生"
    await child.save()
    booking = await book(res, child, "checked_out")
    await book(res, child, "cancelled")
    url = f"{CHILDREN}/{child.id}"

    response = await api.delete(url, headers=bearer(token))
    assert response.status_code == 204
    kept = await Child.get(id=child.id)
    assert kept.name == "已删除"
    assert kept.allergies == ""
    assert kept.deleted_at is not None
    assert await Booking.filter(id=booking.id, child_id=child.id).exists()

    assert (await api.get(url, headers=bearer(token))).status_code == 404
    assert (await api.patch(url, json={"name": "回来"}, headers=bearer(token))).status_code == 404
    assert (await api.delete(url, headers=bearer(token))).status_code == 404
    listed = (await api.get(CHILDREN, headers=bearer(token))).json()["items"]
    assert str(child.id) not in {item["id"] for item in listed}
