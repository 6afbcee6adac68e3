"""Fast bulk inserts for bench data: Tortoise's own INSERT statement and field conversions, fed to
the driver's executemany, without building a model instance per row (which costs more than the
insert itself at national scale)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from tortoise import timezone
from tortoise.fields import Field
from tortoise.models import Model


def _default_for(field: Field[Any], now: datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    default = field.default
    return default() if callable(default) else default


async def insert_rows(
    model: type[Model],
    rows: Iterable[dict[str, Any]],
    chunk: int = 2000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Inserts plain dicts (field names as keys) as rows of model; answers how many.

    Fields a row leaves out take the model's default (auto_now fields: now). Primary keys that the
    database generates are left to it unless given.
    """
    meta = model._meta
    db = meta.db
    executor = db.executor_class(model=model, db=db)
    now = timezone.now()
    batch: list[dict[str, Any]] = []
    total = 0
    query: str | None = None
    columns: list[str] = []

    async def flush() -> None:
        nonlocal query, columns
        if not batch:
            return
        if query is None:
            # With a generated key given in the rows, use the statement that includes it.
            with_generated = any(name in batch[0] for name in meta.generated_db_fields)
            query = executor.insert_query_all if with_generated else executor.insert_query
            columns = list(executor.regular_columns_all if with_generated else executor.regular_columns)
        fields = [meta.fields_map[name] for name in columns]
        values = [
            [
                field.to_db_value(row[name] if name in row else _default_for(field, now), model)
                for name, field in zip(columns, fields, strict=True)
            ]
            for row in batch
        ]
        await db.execute_many(query, values)
        batch.clear()

    for row in rows:
        batch.append(row)
        total += 1
        if len(batch) >= chunk:
            await flush()
            if progress is not None:
                progress(total)
    await flush()
    if progress is not None:
        progress(total)
    return total
