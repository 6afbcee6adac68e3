"""The claim that makes a message's send happen once, grants, policy fan-out, reminders, sweeps."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta

from backend.calendar import SERVICE_TZ, now_local
from backend.models import Booking, Follower, IdempotencyKey, OutgoingMessage, Policy, SubscribeGrant
from backend.push import delivery
from backend.push.outbox import queue_message, send_job_id
from backend.push.policy import queue_policy_push
from backend.push.reminders import queue_reminders
from bot.jobs import backoff_s, clean_up, sweep_outbox
from tests.bot.pipeline_helpers import grant, make_booking
from tests.factories import make_parent


async def _queued(kind: str = "customer_service", **fields) -> str:
    return await queue_message(
        kind=kind,
        dedup_key=f"test:{uuid.uuid4().hex}",
        recipient_openid=fields.pop("recipient_openid", f"o{uuid.uuid4().hex[:20]}"),
        template_id=fields.pop("template_id", None),
        event="test",
        payload={"text": "hi"},
        **fields,
    )


async def test_concurrent_claims_send_once(res):
    message_id = await _queued()
    claims = await asyncio.gather(*(delivery.claim(res, message_id) for _ in range(8)))
    outcomes = sorted(c.outcome for c in claims)
    assert outcomes.count("send") == 1
    assert set(outcomes) <= {"send", "busy", "done"}
    row = await OutgoingMessage.get(id=message_id)
    assert row.state == "sending" and row.attempts == 1


async def test_a_live_sender_is_left_alone_and_a_dead_one_is_settled_unknown(res):
    message_id = await _queued()
    claim = await delivery.claim(res, message_id)
    assert claim.outcome == "send"
    assert (await delivery.claim(res, message_id)).outcome == "busy"
    # The sender dies: its lease runs out.
    await res.redis.delete(res.key("push", "lease", message_id))
    lost = await delivery.claim(res, message_id)
    assert lost.outcome == "lost"
    row = await OutgoingMessage.get(id=message_id)
    assert row.state == "unknown"
    assert "mid-send" in row.last_error
    # And it is never sent again by a later job.
    assert (await delivery.claim(res, message_id)).outcome == "done"


async def test_grants_are_spent_once_per_message_and_never_below_zero(res):
    parent, _ = await make_parent(res)
    await grant(res, parent, count=3)
    ids = [
        await _queued(
            kind="subscribe", account_id=str(parent.id), template_id=res.settings.wechat_template_booking
        )
        for _ in range(5)
    ]
    claims = await asyncio.gather(*(delivery.claim(res, i) for i in ids))
    assert sorted(c.outcome for c in claims) == ["send", "send", "send", "skipped", "skipped"]
    assert (await SubscribeGrant.get(account=parent)).remaining == 0
    # A transient failure puts it back in the queue; its next try spends nothing more.
    sending = next(c for c in claims if c.outcome == "send")
    await delivery.mark_outcome(res, sending, delivery.QUEUED, -1, "busy")
    await SubscribeGrant.filter(account=parent).update(remaining=1)
    again = await delivery.claim(res, str(sending.message.id))
    assert again.outcome == "send"
    assert (await SubscribeGrant.get(account=parent)).remaining == 1


def test_backoff_grows_with_jitter_and_a_cap():
    for attempt in range(1, 6):
        value = backoff_s(2.0, attempt)
        ceiling = 2.0 * 2 ** (attempt - 1)
        assert ceiling / 2 <= value <= ceiling
    assert backoff_s(2.0, 30) <= 600


async def test_policy_push_goes_to_following_subscribers_once(res):
    keen = await Follower.create(openid=f"o{uuid.uuid4().hex[:20]}", following=True, policy_news=True)
    gone = await Follower.create(openid=f"o{uuid.uuid4().hex[:20]}", following=False, policy_news=True)
    quiet = await Follower.create(openid=f"o{uuid.uuid4().hex[:20]}", following=True, policy_news=False)
    draft = await Policy.create(title="草稿", is_published=False)
    assert await queue_policy_push(res, str(draft.id)) == 0
    assert await queue_policy_push(res, str(uuid.uuid4())) == 0
    policy = await Policy.create(title="新政策", doc_number="环卫发〔2026〕9号", is_published=True)
    assert await queue_policy_push(res, str(policy.id)) >= 1
    recipients = set(
        await OutgoingMessage.filter(policy_id=policy.id).values_list("recipient_openid", flat=True)
    )
    assert keen.openid in recipients
    assert gone.openid not in recipients and quiet.openid not in recipients
    message = await OutgoingMessage.get(policy_id=policy.id, recipient_openid=keen.openid)
    assert message.kind == "template"
    assert message.template_id == res.settings.wechat_template_policy
    assert message.payload["doc_number"] == "环卫发〔2026〕9号"
    assert await queue_policy_push(res, str(policy.id)) == 0


async def test_reminders_the_evening_before_and_an_hour_before_hourly_care(res):
    parent, _ = await make_parent(res)
    tomorrow = await make_booking(res, parent, status="confirmed")
    evening_before = datetime.combine(
        tomorrow.start_date - timedelta(days=1), datetime.min.time(), SERVICE_TZ
    ).replace(hour=19)
    assert await queue_reminders(res, evening_before) >= 1
    assert await OutgoingMessage.filter(booking_id=tomorrow.id, event="reminder_day_before").count() == 1
    assert await queue_reminders(res, evening_before) == 0
    morning_before = evening_before.replace(hour=9)
    await queue_reminders(res, morning_before)
    assert await OutgoingMessage.filter(booking_id=tomorrow.id).count() == 1
    soon = await make_booking(res, parent, status="confirmed", hours_from_now=0.5)
    pending = await make_booking(res, parent, status="pending", hours_from_now=0.5)
    await queue_reminders(res, now_local())
    assert await OutgoingMessage.filter(booking_id=soon.id, event="reminder_hour_before").count() == 1
    assert await OutgoingMessage.filter(booking_id=pending.id).count() == 0
    await queue_reminders(res, now_local())
    assert await OutgoingMessage.filter(booking_id=soon.id).count() == 1
    reminder = await OutgoingMessage.get(booking_id=soon.id)
    assert reminder.kind == "subscribe" and reminder.recipient_openid == parent.openid


async def test_care_just_after_midnight_is_reminded_once_late_the_evening_before(res):
    parent, _ = await make_parent(res)
    booking = await make_booking(res, parent, status="confirmed", hours_from_now=30)
    tomorrow = booking.start_date
    just_after_midnight = datetime.combine(tomorrow, datetime.min.time(), SERVICE_TZ).replace(minute=30)
    await Booking.filter(id=booking.id).update(first_hour_at=just_after_midnight)
    late_evening = just_after_midnight - timedelta(minutes=40)
    assert await queue_reminders(res, late_evening) == 1
    events = await OutgoingMessage.filter(booking_id=booking.id).values_list("event", flat=True)
    assert list(events) == ["reminder_hour_before"]


async def test_the_sweep_requeues_lost_jobs_and_settles_abandoned_sends(res):
    lost_job = await _queued()
    await OutgoingMessage.filter(id=lost_job).update(updated_at=now_local() - timedelta(minutes=10))
    abandoned = await _queued()
    await OutgoingMessage.filter(id=abandoned).update(
        state="sending", attempts=1, updated_at=now_local() - timedelta(minutes=10)
    )
    outcome = await sweep_outbox({"res": res})
    assert outcome["redispatched"] >= 1 and outcome["settled"] >= 1
    assert await res.queue.exists("arq:job:" + send_job_id(lost_job))
    assert (await OutgoingMessage.get(id=abandoned)).state == "unknown"


async def test_clean_up_forgets_old_idempotency_keys(res):
    parent, _ = await make_parent(res)
    old = await IdempotencyKey.create(account=parent, key=f"old-{uuid.uuid4().hex}", request_hash="x")
    fresh = await IdempotencyKey.create(account=parent, key=f"new-{uuid.uuid4().hex}", request_hash="y")
    await IdempotencyKey.filter(id=old.id).update(created_at=now_local() - timedelta(hours=49))
    assert await clean_up({"res": res}) >= 1
    assert not await IdempotencyKey.exists(id=old.id)
    assert await IdempotencyKey.exists(id=fresh.id)


async def test_policy_fan_out_walks_the_queued_messages_in_chunks(res):
    from backend.push.policy import queued_message_ids

    for _ in range(3):
        await Follower.create(openid=f"o{uuid.uuid4().hex[:20]}", following=True, policy_news=True)
    policy = await Policy.create(title="分块", is_published=True)
    await queue_policy_push(res, str(policy.id))
    everything = await queued_message_ids(str(policy.id), None, 10_000)
    walked: list[str] = []
    after = None
    while chunk := await queued_message_ids(str(policy.id), after, 2):
        walked += chunk
        after = chunk[-1]
    assert walked == everything
    assert len(walked) >= 3


async def test_the_last_grant_survives_an_optional_notice_and_carries_the_rejection(res):
    from backend.push.outbox import queue_booking_notice

    parent, _ = await make_parent(res)
    await grant(res, parent, count=1)
    booking = await make_booking(res, parent)
    confirmed = await queue_booking_notice(res, booking, "confirmed")
    assert confirmed is not None
    assert (await delivery.claim(res, confirmed)).outcome == "skipped"
    row = await OutgoingMessage.get(id=confirmed)
    assert row.state == "skipped_reserved"
    assert (await SubscribeGrant.get(account=parent)).remaining == 1

    rejected = await queue_booking_notice(res, booking, "rejected", "满员")
    assert rejected is not None
    assert (await delivery.claim(res, rejected)).outcome == "send"
    assert (await SubscribeGrant.get(account=parent)).remaining == 0
    # With none left, an essential notice is skipped for want of a grant, not reserved.
    cancelled = await queue_booking_notice(res, booking, "cancelled", "停托")
    assert cancelled is not None
    assert (await delivery.claim(res, cancelled)).outcome == "skipped"
    assert (await OutgoingMessage.get(id=cancelled)).state == "skipped_no_grant"


async def test_optional_notices_spend_grants_while_more_than_one_is_left(res):
    from backend.push.outbox import queue_booking_notice

    parent, _ = await make_parent(res)
    await grant(res, parent, count=2)
    booking = await make_booking(res, parent)
    for event in ("checked_in", "checked_out"):
        message_id = await queue_booking_notice(res, booking, event)
        assert message_id is not None
        await delivery.claim(res, message_id)
    states = {m.event: m.state for m in await OutgoingMessage.filter(booking_id=booking.id)}
    assert states == {"checked_in": "sending", "checked_out": "skipped_reserved"}
    assert (await SubscribeGrant.get(account=parent)).remaining == 1


def test_every_booking_notice_is_essential_or_optional():
    from backend.rules import notice_class

    for event in ("confirmed", "checked_in", "checked_out", "reminder_day_before", "reminder_hour_before"):
        assert notice_class(event) == "optional", event
    for event in ("rejected", "cancelled", "day_closed", "waitlist_offered", "not_admitted", "picked_up"):
        assert notice_class(event) == "essential", event
