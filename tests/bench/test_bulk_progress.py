"""Long loads show how far they are: the bulk insert reports each chunk it wrote."""

from __future__ import annotations

from backend.context import Resources
from backend.models import AuditEntry
from bench.bulk import insert_rows


async def test_a_bulk_insert_reports_each_chunk(res: Resources) -> None:
    rows = [
        {"actor_role": "regulator", "action": "bench.progress", "object_type": "test", "object_id": str(n)}
        for n in range(5)
    ]
    seen: list[int] = []
    assert await insert_rows(AuditEntry, rows, chunk=2, progress=seen.append) == 5
    assert seen == [2, 4, 5]
    assert await AuditEntry.filter(action="bench.progress").count() >= 5
