"""The migrations describe the models: a model changed without its migration (or two branches'
migrations merged into a state the models don't have) fails here, not on a user's `make run`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from backend.context import Resources
from backend.db.dialect import current_connection, is_postgres
from config.database import APP_LABEL, tortoise_config
from tests.conftest import Stack


async def test_the_migrations_leave_nothing_of_the_models_out(res: Resources) -> None:
    apps_config = tortoise_config(res.settings)["apps"]
    detector = MigrationAutodetector(Tortoise.apps, apps_config)
    missing = await detector.changes()
    described = {
        writer.app_label: [type(operation).__name__ for operation in writer.operations] for writer in missing
    }
    assert described == {}, f"models changed without a migration in {APP_LABEL}: {described}"


# PostgreSQL indexes neither side of a foreign key by itself, SQLite neither: without an index of
# its own, every "bookings of this child" or "classes of this facility" reads the whole table, and
# deleting a row (the retention purge) reads every table that refers to it.
POSTGRES_UNINDEXED_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
FROM pg_constraint c
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f' AND NOT EXISTS (
    SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
)
"""


async def _unindexed_foreign_keys() -> set[tuple[str, str]]:
    conn = current_connection()
    if is_postgres(conn):
        rows = await conn.execute_query_dict(POSTGRES_UNINDEXED_FOREIGN_KEYS)
        return {(r["tbl"], r["col"]) for r in rows}
    unindexed: set[tuple[str, str]] = set()
    tables = await conn.execute_query_dict(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    for table in (r["name"] for r in tables):
        leading: set[str] = set()
        for index in await conn.execute_query_dict(f'PRAGMA index_list("{table}")'):
            columns = await conn.execute_query_dict(f'PRAGMA index_info("{index["name"]}")')
            leading.update(c["name"] for c in columns if c["seqno"] == 0)
        for key in await conn.execute_query_dict(f'PRAGMA foreign_key_list("{table}")'):
            if key["from"] not in leading:
                unindexed.add((table, key["from"]))
    return unindexed


async def test_every_foreign_key_column_leads_an_index(res: Resources) -> None:
    assert await _unindexed_foreign_keys() == set()


GENERATE_SCHEMA = """
import asyncio, sys
from tortoise import Tortoise

async def main():
    await Tortoise.init(db_url="sqlite://" + sys.argv[1], modules={"models": ["backend.models"]})
    await Tortoise.generate_schemas()
    await Tortoise.close_connections()

asyncio.run(main())
"""


def _sqlite_constraints(path: Path) -> set[tuple[str, ...]]:
    """The unique indexes and foreign keys of every table of a SQLite file."""
    found: set[tuple[str, ...]] = set()
    with closing(sqlite3.connect(path)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith("sqlite_") or table == "tortoise_migrations":
                continue
            for _, name, unique, *_ in db.execute(f'PRAGMA index_list("{table}")'):
                if unique:
                    columns = [r[2] for r in db.execute(f'PRAGMA index_info("{name}")')]
                    found.add((table, "unique", *columns))
            for key in db.execute(f'PRAGMA foreign_key_list("{table}")'):
                found.add((table, "references", key[3], key[2], key[6]))
    return found


def test_the_migrated_sqlite_schema_keeps_every_constraint_of_the_models(
    stack: Stack, tmp_path: Path
) -> None:
    # SQLite alters a column by rebuilding its table, and a rebuild can leave out the table's
    # unique constraints (the Idempotency-Key's, a closure's one per day): the schema the
    # migrations build must hold every one the models would create.
    migrated, generated = tmp_path / "migrated.sqlite3", tmp_path / "generated.sqlite3"
    env = {**stack.env, "DATABASE_URL": f"sqlite:///{migrated}"}
    subprocess.run(
        [sys.executable, "-m", "miniprogram_api.cli", "migrate"], env=env, check=True, capture_output=True
    )
    subprocess.run([sys.executable, "-c", GENERATE_SCHEMA, str(generated)], env=env, check=True)
    assert _sqlite_constraints(migrated) == _sqlite_constraints(generated)
