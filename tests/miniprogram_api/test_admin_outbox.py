"""GET /api/v1/admin/outbox and POST /api/v1/admin/outbox/{id}/retry: regulators only."""

from __future__ import annotations

import uuid

from backend.models import AuditEntry, OutgoingMessage
from tests.conftest import bearer
from tests.factories import make_account, make_parent


async def _message(state: str, **fields) -> OutgoingMessage:
    defaults = {
        "kind": "subscribe",
        "dedup_key": f"test:{uuid.uuid4().hex}",
        "recipient_openid": "oAbCdEfGhIjKlMnOpQrStUvWx1234",
        "template_id": "booking-status-template",
        "event": "confirmed",
        "payload": {"facility_name": "测试托育园"},
        "state": state,
        "attempts": 3 if state in ("dead", "failed") else 0,
    }
    return await OutgoingMessage.create(**{**defaults, **fields})


async def test_regulators_list_messages_with_recipients_masked(api, res):
    _, token = await make_account(res, "regulator")
    dead = await _message("dead", last_errcode=-1, last_error="after 3 tries: system busy")
    response = await api.get(
        "/api/v1/admin/outbox", params={"state": "dead", "limit": 50}, headers=bearer(token)
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next_cursor"}
    assert all(item["state"] == "dead" for item in body["items"])
    item = next(i for i in body["items"] if i["id"] == str(dead.id))
    assert item["recipient"] == "oAbC****1234"
    assert item["attempts"] == 3
    assert item["last_errcode"] == -1
    assert item["last_error"].startswith("after 3 tries")
    assert item["kind"] == "subscribe" and item["event"] == "confirmed"
    assert item["created_at"].endswith("+08:00")
    assert item["sent_at"] is None
    assert "oAbCdEfGhIjKlMnOpQrStUvWx1234" not in response.text


async def test_the_list_pages_newest_first(api, res):
    _, token = await make_account(res, "regulator")
    for _ in range(3):
        await _message("unknown")
    first = await api.get(
        "/api/v1/admin/outbox", params={"state": "unknown", "limit": 2}, headers=bearer(token)
    )
    page = first.json()
    assert len(page["items"]) == 2 and page["next_cursor"]
    second = await api.get(
        "/api/v1/admin/outbox",
        params={"state": "unknown", "limit": 2, "cursor": page["next_cursor"]},
        headers=bearer(token),
    )
    seen = [i["id"] for i in page["items"]] + [i["id"] for i in second.json()["items"]]
    assert len(seen) == len(set(seen))
    created = [i["created_at"] for i in page["items"]]
    assert created == sorted(created, reverse=True)


async def test_bad_queries_answer_422(api, res):
    _, token = await make_account(res, "regulator")
    for params in (
        {"state": "lost"},
        {"limit": 0},
        {"limit": 51},
        {"cursor": "forged.cursor"},
        {"colour": "red"},
    ):
        response = await api.get("/api/v1/admin/outbox", params=params, headers=bearer(token))
        assert response.status_code == 422, params
        assert response.json()["error"]["code"] == "validation_failed"


async def test_only_regulators_see_the_outbox(api, res):
    _, parent_token = await make_parent(res)
    assert (await api.get("/api/v1/admin/outbox", headers=bearer(parent_token))).status_code == 403
    assert (await api.get("/api/v1/admin/outbox")).status_code == 401
    dead = await _message("dead")
    retried = await api.post(f"/api/v1/admin/outbox/{dead.id}/retry", headers=bearer(parent_token))
    assert retried.status_code == 403
    assert (await OutgoingMessage.get(id=dead.id)).state == "dead"


async def test_a_dead_message_is_replayed_and_audited(api, res):
    regulator, token = await make_account(res, "regulator")
    dead = await _message("dead", last_errcode=45009)
    response = await api.post(f"/api/v1/admin/outbox/{dead.id}/retry", headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["id"] == str(dead.id)
    assert response.json()["state"] in ("queued", "sending", "sent")
    row = await OutgoingMessage.get(id=dead.id)
    assert row.attempts == 0 or row.state != "queued"
    entry = await AuditEntry.get(object_id=str(dead.id), action="outbox.retry")
    assert str(entry.actor_id) == str(regulator.id)


async def test_failed_and_unknown_can_be_replayed_other_states_conflict(api, res):
    _, token = await make_account(res, "regulator")
    for state in ("failed", "unknown"):
        message = await _message(state)
        assert (
            await api.post(f"/api/v1/admin/outbox/{message.id}/retry", headers=bearer(token))
        ).status_code == 200
    for state in ("sent", "queued", "sending", "skipped_no_grant"):
        message = await _message(state)
        response = await api.post(f"/api/v1/admin/outbox/{message.id}/retry", headers=bearer(token))
        assert response.status_code == 409, state
        assert response.json()["error"]["code"] == "conflict"
        assert (await OutgoingMessage.get(id=message.id)).state == state


async def test_retrying_a_missing_message_answers_404(api, res):
    _, token = await make_account(res, "regulator")
    assert (
        await api.post(f"/api/v1/admin/outbox/{uuid.uuid4()}/retry", headers=bearer(token))
    ).status_code == 404
    assert (await api.post("/api/v1/admin/outbox/not-a-uuid/retry", headers=bearer(token))).status_code == 404
