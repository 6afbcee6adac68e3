"""A claiming process for tests/backend/push/test_claim_processes.py: claims the given messages as
a worker's send jobs do (lease, then the conditional UPDATE), records each one it won as sent, and
writes the ids it won to a file.

    python -m tests.backend.push.claimer <ids file> <go file> <out file>

Once connected it writes <out file>.ready, then waits for <go file> to appear, so that two of them
start claiming together.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from backend.infra.resources import close_resources, open_resources
from backend.push import delivery
from config.settings import Settings

CONCURRENCY = 8


def _wait_for(path: Path) -> None:
    while not path.exists():
        time.sleep(0.01)


async def claim_all(ids: list[str], ready_path: Path, go_path: Path) -> dict[str, Any]:
    settings = Settings()
    res = await open_resources(settings, queue=False)
    random.shuffle(ids)  # the two processes meet on the same rows in different orders
    won: list[str] = []
    outcomes: dict[str, int] = {}
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(message_id: str) -> None:
        async with gate:
            claim = await delivery.claim(res, message_id)
            outcomes[claim.outcome] = outcomes.get(claim.outcome, 0) + 1
            if claim.outcome == "send":
                won.append(message_id)
                await delivery.mark_sent(res, claim, f"msg-{message_id}")

    try:
        # Connected (a query answered): say so, then wait for the word to start.
        await delivery.stale_queued(timedelta(0), 1)
        await asyncio.to_thread(ready_path.touch)
        await asyncio.to_thread(_wait_for, go_path)
        await asyncio.gather(*(one(message_id) for message_id in ids))
        return {"won": won, "outcomes": outcomes}
    finally:
        await close_resources(res)


def main(ids_path: Path, go_path: Path, out_path: Path) -> None:
    ids = json.loads(ids_path.read_text())
    won = asyncio.run(claim_all(ids, out_path.with_suffix(".ready"), go_path))
    out_path.write_text(json.dumps(won))


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:4]))
