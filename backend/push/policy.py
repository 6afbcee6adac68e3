"""Policy news to the followers who asked for it (`订阅`), after the bureau publishes a policy."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from backend.context import Resources
from backend.infra.faults import note_fault
from backend.push import repository
from backend.push.queues import push_queue_name
from backend.push.repository import NewMessage

if TYPE_CHECKING:
    from backend.models import Policy

log = logging.getLogger(__name__)

FANOUT_JOB = "push.policy_fanout"
INSERT_BATCH = 500
FANOUT_CHUNK = 2000
SUMMARY_CHARS = 200


def policy_dedup_key(policy_id: str, openid: str) -> str:
    return f"policy:{policy_id}:{openid}"


def policy_payload(policy: Policy) -> dict[str, Any]:
    return {
        "policy_id": str(policy.id),
        "title": policy.title,
        "doc_number": policy.doc_number,
        "issuer": policy.issuer,
        "published_at": policy.published_at.isoformat() if policy.published_at else None,
        "summary": policy.summary[:SUMMARY_CHARS],
    }


async def queue_policy_push(res: Resources, policy_id: str) -> int:
    """Records one template message per follower subscribed to policy news, then queues the sends.

    Call it after the publish committed. A follower gets one message per policy, however often it
    is published again (the dedup key is per policy and follower). Answers how many messages were
    recorded now.
    """
    policy = await repository.find_policy(policy_id)
    if policy is None or not policy.is_published:
        return 0
    openids = await repository.policy_news_openids()
    already = await repository.policy_recipients(policy.id)
    payload = policy_payload(policy)
    fresh = [
        NewMessage(
            kind="template",
            dedup_key=policy_dedup_key(str(policy.id), openid),
            recipient_openid=openid,
            template_id=res.settings.wechat_template_policy,
            event="policy_published",
            payload=payload,
            policy_id=policy.id,
        )
        for openid in openids
        if openid not in already
    ]
    if fresh:
        # A publish racing this one may have recorded some of them; each is kept once.
        await repository.record_messages(fresh, batch_size=INSERT_BATCH)
    await queue_policy_fanout(res, str(policy.id))
    return len(fresh)


async def queue_policy_fanout(res: Resources, policy_id: str, after: str | None = None) -> None:
    """The worker queues the policy's sends: one job instead of thousands in the publish request.

    Each fan-out job queues one chunk (after the message id `after`) and the next chunk's job.
    """
    if res.queue is None:
        log.warning("no job queue configured; policy %s messages stay queued", policy_id)
        return
    try:
        await res.queue.enqueue_job(FANOUT_JOB, policy_id, after, _queue_name=push_queue_name(res.settings))
    except Exception as exc:
        if not note_fault(exc, f"queueing the fan-out of policy {policy_id} (the sweep will)"):
            log.warning("could not queue the fan-out of policy %s; the sweep will", policy_id, exc_info=True)


async def queued_message_ids(
    policy_id: str, after: str | None = None, limit: int = FANOUT_CHUNK
) -> list[str]:
    """A chunk of the policy's still-queued messages, in id order after `after`."""
    return await repository.queued_policy_message_ids(policy_id, after, limit)
