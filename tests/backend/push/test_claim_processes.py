"""Two worker processes claiming the same messages at once, against the real database and Redis:
no message is claimed (so sent) twice, and every message is claimed by one of them."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from pathlib import Path

from backend.models import OutgoingMessage, SubscribeGrant
from backend.push.outbox import queue_message
from tests.bot.pipeline_helpers import grant
from tests.conftest import REPO
from tests.factories import make_parent

MESSAGES = 120
SUBSCRIBE_SHARE = 3  # every third message is a subscribe message spending a grant


async def _messages(res) -> tuple[list[str], dict[str, str]]:
    """Queued messages, and for the subscribe ones the account whose grant each spends."""
    ids: list[str] = []
    accounts: dict[str, str] = {}
    for i in range(MESSAGES):
        if i % SUBSCRIBE_SHARE == 0:
            parent, _ = await make_parent(res)
            await grant(res, parent, count=2)
            message_id = await queue_message(
                kind="subscribe",
                dedup_key=f"claim-race:{uuid.uuid4().hex}",
                recipient_openid=parent.openid,
                template_id=res.settings.wechat_template_booking,
                event="rejected",
                payload={"booking_id": str(uuid.uuid4())},
                account_id=str(parent.id),
            )
            accounts[message_id] = str(parent.id)
        else:
            message_id = await queue_message(
                kind="customer_service",
                dedup_key=f"claim-race:{uuid.uuid4().hex}",
                recipient_openid=f"o{uuid.uuid4().hex[:20]}",
                template_id=None,
                event="bot_reply",
                payload={"text": "你好"},
            )
        ids.append(message_id)
    return ids, accounts


async def _race(stack, ids: list[str], lease_prefixes: tuple[str, str]) -> list[dict]:
    """Runs two claimer processes over the same ids, released together; answers what each won."""
    work = Path(stack.var_dir) / f"claim-race-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    ids_path, go_path = work / "ids.json", work / "go"
    ids_path.write_text(json.dumps(ids))
    processes = []
    for n, prefix in enumerate(lease_prefixes):
        env = {**stack.env, "REDIS_KEY_PREFIX": prefix}
        processes.append(
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.backend.push.claimer",
                str(ids_path),
                str(go_path),
                str(work / f"out-{n}.json"),
                cwd=REPO,
                env=env,
            )
        )
    # Both connect first (importing takes a while); then both start claiming at once.
    ready = [work / f"out-{n}.ready" for n in range(2)]
    for _ in range(1200):
        if all(path.exists() for path in ready) or any(p.returncode is not None for p in processes):
            break
        await asyncio.sleep(0.05)
    go_path.touch()
    codes = await asyncio.wait_for(asyncio.gather(*(p.wait() for p in processes)), 120)
    assert codes == [0, 0]
    return [json.loads((work / f"out-{n}.json").read_text()) for n in range(2)]


async def _assert_claimed_once(ids: list[str], results: list[dict], accounts: dict[str, str], template: str):
    first, second = (set(r["won"]) for r in results)
    assert not first & second, "a message was claimed by both processes"
    assert first | second == set(ids), "a message was claimed by neither process"
    assert first and second, f"both processes took part: {results[0]['outcomes']}, {results[1]['outcomes']}"
    rows = await OutgoingMessage.filter(id__in=ids)
    assert all(row.attempts == 1 for row in rows)
    for message_id, account_id in accounts.items():
        remaining = await SubscribeGrant.get(account_id=account_id, template_id=template)
        assert remaining.remaining == 1, f"the grant of message {message_id} was spent once"


async def test_two_processes_sharing_leases_claim_each_message_once(stack, res):
    ids, accounts = await _messages(res)
    prefix = stack.env["REDIS_KEY_PREFIX"]
    results = await _race(stack, ids, (prefix, prefix))
    await _assert_claimed_once(ids, results, accounts, res.settings.wechat_template_booking)
    rows = await OutgoingMessage.filter(id__in=ids)
    assert {row.state for row in rows} == {"sent"}


async def test_the_database_claim_alone_keeps_two_processes_from_both_sending(stack, res):
    # Each process keeps its leases under a prefix of its own, so neither sees the other's: only
    # the conditional UPDATE stands between them. A process that finds a row `sending` without a
    # lease of its own takes the other for dead and settles it `unknown` (never resends it), so
    # states may end `unknown`; what matters is that no message was claimed twice.
    ids, accounts = await _messages(res)
    prefix = stack.env["REDIS_KEY_PREFIX"]
    results = await _race(stack, ids, (f"{prefix}a:", f"{prefix}b:"))
    await _assert_claimed_once(ids, results, accounts, res.settings.wechat_template_booking)
    rows = await OutgoingMessage.filter(id__in=ids)
    assert {row.state for row in rows} <= {"sent", "unknown"}
