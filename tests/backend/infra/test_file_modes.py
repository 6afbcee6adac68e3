"""Data files under var/ are readable by their owner only (DESIGN.md section 8)."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from backend.infra.redis import EmbeddedRedis, ensure_var_dir
from config.settings import Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def settings_in(root: Path) -> Settings:
    var_dir = root / "var"
    return Settings(var_dir=var_dir, database_url=f"sqlite://{var_dir / 'tuoyu.sqlite3'}", redis_url=None)


def migrate_in_own_process(settings: Settings) -> None:
    # Tortoise's connections are global to the process: migrating another database here would
    # close the one the rest of the suite shares, so the migration runs in a process of its own.
    code = (
        "import asyncio, sys; from pathlib import Path; from backend.infra.db import migrate_db; "
        "from config.settings import Settings; v = Path(sys.argv[1]); "
        "asyncio.run(migrate_db(Settings(var_dir=v, database_url=f'sqlite://{v / \"tuoyu.sqlite3\"}', "
        "redis_url=None)))"
    )
    subprocess.run([sys.executable, "-c", code, str(settings.var_dir)], check=True)


def test_var_dir_is_made_owner_only(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    ensure_var_dir(settings)
    assert mode(settings.var_dir) == 0o700


def test_a_world_readable_var_dir_is_tightened(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    settings.var_dir.mkdir(mode=0o755)
    settings.var_dir.chmod(0o755)
    ensure_var_dir(settings)
    assert mode(settings.var_dir) == 0o700


def test_the_sqlite_database_and_its_journal_are_owner_only(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    migrate_in_own_process(settings)
    database = settings.var_dir / "tuoyu.sqlite3"
    assert mode(settings.var_dir) == 0o700
    assert mode(database) == 0o600
    for journal in settings.var_dir.glob("tuoyu.sqlite3-*"):
        assert mode(journal) == 0o600, journal


def test_an_old_world_readable_database_is_tightened(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    settings.var_dir.mkdir()
    database = settings.var_dir / "tuoyu.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    migrate_in_own_process(settings)
    assert mode(database) == 0o600


def test_the_embedded_redis_files_are_owner_only(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    ensure_var_dir(settings)
    stale_log = settings.var_dir / "redis.log"
    stale_log.touch(mode=0o644)
    stale_log.chmod(0o644)
    embedded = EmbeddedRedis(settings)
    embedded.ensure_running()
    try:
        files = [p for p in settings.var_dir.rglob("redis*") if p.name != "redis.sock"]
        assert any(p.name.startswith("redis.aof") or p.name == "appendonlydir" for p in files), files
        for path in files:
            assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    finally:
        embedded.stop()
