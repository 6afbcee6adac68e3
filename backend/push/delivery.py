"""The delivery state of an outgoing message, and the claim that makes sending it happen once.

States: `queued` → `sending` → `sent`; or `queued` again (a transient failure, retried with
backoff), `failed` (WeChat refused it for good, e.g. 43101, 40003, 47003), `dead` (still failing
after the last try), `skipped_no_grant` (a subscribe message the parent holds no permission
for) or `unknown` (see below). `dead`, `failed` and `unknown` make the dead-letter list the bureau
sees, and can be replayed from there.

Never twice, and every message once, even when a worker is killed:
- the row is claimed `queued` → `sending` by a conditional UPDATE committed BEFORE WeChat is
  called, so of any number of jobs for one message (several workers, a re-dispatch, a replay)
  exactly one sends it; `sent` is recorded right after WeChat answers;
- the claimer also holds a per-message lease in Redis, taken before the claim and released after
  the outcome is recorded, with a TTL longer than any live send. A job that finds a row `sending`
  therefore knows whether its sender is alive (lease held: leave it alone) or died mid-send (lease
  gone). A dead sender's message may or may not have reached WeChat, and WeChat has no way to ask
  and no idempotency key: resending could deliver it twice, which we never do, so such a message
  goes to `unknown` on the dead-letter list, for the bureau to check with the recipient and replay.
  The ambiguous window is only the WeChat HTTP call itself (milliseconds), so a killed worker
  leaves at most its few in-flight sends there; everything it had not yet claimed is sent by the
  next worker, everything it had recorded is never sent again.
- a send whose answer was lost (read timeout, connection dropped after the request went out) is
  ambiguous in the same way and goes to `unknown`; failures where WeChat answered (HTTP 5xx, -1,
  45009) or the request never left (connection refused) are retried.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from backend.calendar import now_local
from backend.context import Resources
from backend.db.uow import UnitOfWork
from backend.push import repository
from backend.push.queues import lease_ttl_s
from backend.push.states import (
    DEAD,
    FAILED,
    FINAL_STATES,
    QUEUED,
    REPLAYABLE_STATES,
    SENDING,
    SENT,
    SKIPPED_NO_GRANT,
    SKIPPED_RESERVED,
    STATES,
    UNKNOWN,
    WITHDRAWN,
)
from backend.rules import OPTIONAL_NOTICE, notice_class

if TYPE_CHECKING:
    from backend.models import OutgoingMessage

# The states live in backend/push/states.py (the repository writes them too); the worker, the bench
# and the producers still import them from here.
__all__ = [
    "DEAD",
    "FAILED",
    "FINAL_STATES",
    "GRANT_SPENT",
    "MAX_ERROR_CHARS",
    "NO_PERMISSION_ERRCODE",
    "QUEUED",
    "REPLAYABLE_STATES",
    "SENDING",
    "SENT",
    "SKIPPED_NO_GRANT",
    "SKIPPED_RESERVED",
    "STATES",
    "UNKNOWN",
    "WITHDRAWN",
    "Claim",
    "claim",
    "mark_outcome",
    "mark_sent",
    "release_lease",
    "settle_abandoned",
    "stale_queued",
]

# The payload records that this message already spent one of the parent's subscribe permissions,
# so a retry after a transient failure does not spend a second one.
GRANT_SPENT = "_grant_spent"
NO_PERMISSION_ERRCODE = 43101
MAX_ERROR_CHARS = 500

_SKIP_REASONS = {
    SKIPPED_NO_GRANT: "the parent holds no subscribe permission for this template",
    SKIPPED_RESERVED: "an optional notice; the parent's last permission is kept for an essential one",
}

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


@dataclass
class Claim:
    """What a send job may do with a message: `send` it (holding the lease), or nothing because it
    is `done`, `busy` (a live sender has it), `missing`, `skipped` (no grant) or `lost` (found
    `sending` with its sender gone, now `unknown`)."""

    outcome: str
    message: OutgoingMessage | None = None
    lease: str | None = None
    retry_in_s: float = 0.0


def _lease_key(res: Resources, message_id: str) -> str:
    return res.key("push", "lease", message_id)


async def release_lease(res: Resources, message_id: str, lease: str | None) -> None:
    if lease:
        await res.redis.eval(_RELEASE, 1, _lease_key(res, message_id), lease)  # type: ignore[misc]


def _short(error: str) -> str:
    return error[:MAX_ERROR_CHARS]


# What a message left `sending` by a sender that is gone records on its way to `unknown`.
_LOST_SENDER = "the worker sending it stopped mid-send; WeChat may or may not have it"


async def _spend_grant(message: OutgoingMessage) -> str | None:
    """Spends one of the parent's permissions for the template (an atomic conditional decrement);
    answers None when spent, else the state the message ends in.

    An optional notice leaves the last permission for an essential one (`skipped_reserved`).
    """
    if message.account_id is None or not message.template_id:  # type: ignore[attr-defined]
        return SKIPPED_NO_GRANT
    account_id = message.account_id  # type: ignore[attr-defined]
    keep = 1 if notice_class(message.event) == OPTIONAL_NOTICE else 0
    if await repository.spend_grant(account_id, message.template_id, keep):
        return None
    if keep and await repository.grant_left(account_id, message.template_id):
        return SKIPPED_RESERVED
    return SKIPPED_NO_GRANT


async def _settle_lost(message: OutgoingMessage) -> Claim:
    lost = await repository.settle_lost_send(message.id, message.attempts, _LOST_SENDER, now_local())
    return Claim("lost" if lost else "done", message)


async def claim(res: Resources, message_id: str) -> Claim:
    """Takes the lease, then the row (`queued` → `sending`, spending a grant for a subscribe
    message), in that order: whoever holds a row in `sending` holds its lease."""
    key = _lease_key(res, message_id)
    lease = secrets.token_hex(16)
    if not await res.redis.set(key, lease, nx=True, px=int(lease_ttl_s(res.settings) * 1000)):
        # Another sender holds it (or is about to): alive, since its lease has not expired.
        held = await repository.find_message(message_id)
        if held is None:
            return Claim("missing")
        if held.state in FINAL_STATES:
            return Claim("done", held)
        remaining_ms = int(await res.redis.pttl(key))
        return Claim("busy", held, retry_in_s=max(remaining_ms, 500) / 1000)
    try:
        taken = await _claim_row(res, message_id, lease)
    except BaseException:
        await release_lease(res, message_id, lease)
        raise
    if taken.outcome != "send":
        await release_lease(res, message_id, lease)
    return taken


async def _claim_row(res: Resources, message_id: str, lease: str) -> Claim:
    """The row's part of the claim, under our lease: read it, then move it `queued` → `sending`
    with one UPDATE conditional on the state and attempts just read.

    The read comes first and outside the transaction, so the common case costs one read and one
    or two writes (the grant) instead of an UPDATE, a re-read and two more writes; the condition
    on `attempts` makes the UPDATE fail if anything claimed or changed the row in between, and a
    failed UPDATE is judged on a fresh read exactly like a row found not `queued`.
    """
    message = await repository.find_message(message_id)
    if message is None or message.state != QUEUED:
        return await _not_claimable(message)
    payload: dict[str, Any] = message.payload or {}
    spend = message.kind == "subscribe" and not payload.get(GRANT_SPENT)
    now = now_local()
    claimed_payload = {**payload, GRANT_SPENT: True} if spend else payload
    if not spend:
        # No grant to spend (not a subscribe message, or a retry that spent it): one statement.
        if not await repository.claim_queued(message_id, message.attempts, now):
            return await _not_claimable(await repository.find_message(message_id))
    else:
        async with UnitOfWork(res):
            # The grant-spent mark is written with the claim, in the transaction that spends it.
            if not await repository.claim_queued(message_id, message.attempts, now, claimed_payload):
                claimed = False
            else:
                claimed = True
                refused = await _spend_grant(message)
                if refused is not None:
                    await repository.record_skip(
                        message_id, refused, payload=payload, reason=_SKIP_REASONS[refused], now=now
                    )
                    message.state = refused
                    return Claim("skipped", message)
        if not claimed:
            return await _not_claimable(await repository.find_message(message_id))
    message.state = SENDING
    message.attempts += 1
    message.payload = claimed_payload
    message.updated_at = now
    return Claim("send", message, lease)


async def _not_claimable(message: OutgoingMessage | None) -> Claim:
    """What a claimer holding the lease does with a row it could not take."""
    if message is None:
        return Claim("missing")
    if message.state == SENDING:
        # No lease was held (ours was taken freely), so the sender that set `sending` is gone.
        return await _settle_lost(message)
    if message.state in FINAL_STATES:
        return Claim("done", message)
    return Claim("busy", message, retry_in_s=0.5)


async def mark_sent(res: Resources, claim_: Claim, wechat_msgid: str | None) -> None:
    assert claim_.message is not None
    message_id = str(claim_.message.id)
    await repository.record_sent(message_id, wechat_msgid, now_local())
    await release_lease(res, message_id, claim_.lease)


async def mark_outcome(res: Resources, claim_: Claim, state: str, errcode: int | None, error: str) -> None:
    """Records a failed try: `queued` (to retry), `failed`, `dead` or `unknown`."""
    assert claim_.message is not None
    message_id = str(claim_.message.id)
    await repository.record_failed_try(message_id, state, errcode, _short(error), now_local())
    if errcode == NO_PERMISSION_ERRCODE and claim_.message.account_id is not None:  # type: ignore[attr-defined]
        # WeChat says the parent has no permission left: our count was ahead; believe WeChat.
        await repository.no_grant_left(
            claim_.message.account_id,  # type: ignore[attr-defined]
            claim_.message.template_id,
        )
    await release_lease(res, message_id, claim_.lease)


async def stale_queued(older_than: timedelta, limit: int) -> list[str]:
    return await repository.queued_since_before(now_local() - older_than, limit)


async def settle_abandoned(res: Resources, older_than: timedelta, limit: int) -> int:
    """Messages left `sending` by a sender that is gone (no lease) go to `unknown`."""
    cutoff = now_local() - older_than
    settled = 0
    for message in await repository.sending_since_before(cutoff, limit):
        if await res.redis.exists(_lease_key(res, str(message.id))):
            continue
        settled += await repository.settle_lost_send(message.id, message.attempts, _LOST_SENDER, now_local())
    return settled
