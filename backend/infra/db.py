"""Database lifecycle: connect, migrate, close."""

from __future__ import annotations

import logging
import os

from tortoise import Tortoise, connections
from tortoise.exceptions import DBConnectionError, OperationalError
from tortoise.migrations.api import migrate as tortoise_migrate

from backend.infra.faults import note_fault, quiet_library_fault_logs
from backend.infra.redis import OWNER_ONLY_FILE, ensure_var_dir, owner_only
from config.database import tortoise_config
from config.settings import Settings

log = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    pass


def _prepare(settings: Settings) -> None:
    path = settings.sqlite_path
    if path is None:
        return
    in_var_dir = settings.var_dir.resolve() in path.resolve().parents
    if in_var_dir or (not path.is_absolute() and path.parts[:1] == (settings.var_dir.name,)):
        ensure_var_dir(settings)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    # SQLite gives its -wal and -shm files the database file's mode, so creating the file
    # owner-only (and tightening one an older version made) covers all three.
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, OWNER_ONLY_FILE))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        owner_only(file)


async def init_db(settings: Settings) -> None:
    _prepare(settings)
    quiet_library_fault_logs()
    try:
        # The global fallback lets request tasks, which Sanic starts outside the listener's
        # context, reach the connections made here.
        await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)
        await connections.get("default").execute_query("SELECT 1")
    except (OSError, DBConnectionError, OperationalError) as exc:
        raise DatabaseUnavailable(f"the database at DATABASE_URL does not answer: {exc}") from exc


async def close_db() -> None:
    await Tortoise.close_connections()


async def migrate_db(settings: Settings) -> list[str]:
    """Applies the migrations not yet applied; answers their names ("models.0001_initial"), in order."""
    _prepare(settings)
    applied: list[str] = []

    def note(event: str, app_label: str, name: str) -> None:
        if event == "apply_done":
            applied.append(f"{app_label}.{name}")

    try:
        await tortoise_migrate(config=tortoise_config(settings), progress=note)
    except (OSError, DBConnectionError) as exc:
        raise DatabaseUnavailable(f"the database at DATABASE_URL does not answer: {exc}") from exc
    finally:
        await Tortoise.close_connections()
    return applied


async def database_answers() -> bool:
    try:
        await connections.get("default").execute_query("SELECT 1")
        return True
    except Exception as exc:  # readiness must report, never raise
        if not note_fault(exc, "checking readiness"):
            log.warning("database readiness check failed", exc_info=True)
        return False
