"""The `tuoyu` command: migrate, seed-demo, serve, worker, create-user, import-rooms, wechat-menu."""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from sanic import Sanic
from sanic.worker.loader import AppLoader
from sanic.worker.manager import WorkerManager
from sanic.worker.process import WorkerProcess

from backend.errors import ServiceError
from backend.infra.db import DatabaseUnavailable, migrate_db
from backend.infra.lifetime import die_with_parent
from backend.infra.redis import RedisUnavailable, VarDirNotWritable, ensure_redis, ensure_var_dir
from backend.rules import PASSWORD_ROLES
from config.logging import configure_logging
from config.settings import InsecureSecretKey, Settings, get_settings

EXPECTED_FAILURES = (DatabaseUnavailable, RedisUnavailable, VarDirNotWritable, InsecureSecretKey)

# Every process `tuoyu serve` spawns (the API workers, the push worker, Sanic's shared-state
# manager) imports this module before it runs, as the spawned copy of the main module; each asks to
# end with the server then, so a server ended by SIGKILL, which it cannot catch, leaves none behind.
# (multiprocessing names the process before it imports the main module; parent_process() is set
# only later.)
if multiprocessing.current_process().name != "MainProcess":
    die_with_parent()


def _fail(message: str) -> None:
    print(f"tuoyu: {message}", file=sys.stderr)
    raise SystemExit(2)


def _settings() -> Settings:
    settings = get_settings()
    settings.check_secret()
    return settings


def _run(coroutine_factory: Callable[[], Awaitable[Any]]) -> Any:
    async def runner() -> Any:
        return await coroutine_factory()

    return asyncio.run(runner())


def cmd_migrate(args: argparse.Namespace) -> None:
    settings = _settings()
    applied: list[str] = _run(lambda: migrate_db(settings))
    for name in applied:
        print(f"tuoyu: applied {name}")
    print(
        f"tuoyu: database is up to date ({len(applied)} migration{'' if len(applied) == 1 else 's'} applied)"
    )


async def _with_resources(settings: Settings, body: Callable[[Any], Awaitable[Any]]) -> Any:
    from backend.infra.resources import close_resources, open_resources

    res = await open_resources(settings, queue=False)
    try:
        return await body(res)
    finally:
        await close_resources(res)


def cmd_seed_demo(args: argparse.Namespace) -> None:
    from backend.seed.loader import seed_demo

    settings = _settings()
    embedded = ensure_redis(settings)
    try:
        report = _run(lambda: _with_resources(settings, lambda res: seed_demo(res, reset=args.reset)))
    finally:
        if embedded is not None:
            embedded.stop()
    print(report.describe())


def cmd_create_user(args: argparse.Namespace) -> None:
    from backend.accounts.service import create_user

    settings = _settings()

    async def body(res: Any) -> str:
        account = await create_user(
            res, role=args.role, username=args.username, password=args.password, facility_id=args.facility
        )
        return account.id

    embedded = ensure_redis(settings)
    try:
        account_id = _run(lambda: _with_resources(settings, body))
    finally:
        if embedded is not None:
            embedded.stop()
    print(f"tuoyu: created {args.role} {args.username} ({account_id})")


def cmd_import_rooms(args: argparse.Namespace) -> None:
    from pathlib import Path

    from miniprogram_api.cli_rooms import (
        ImportRefused,
        Tally,
        describe_error,
        import_rooms_file,
        importer_caller,
    )

    path = Path(args.file)
    if not path.is_file():
        _fail(f"找不到文件 {path}")
    settings = _settings()

    async def body(res: Any) -> Tally:
        caller = await importer_caller(args.as_user)
        return await import_rooms_file(res, caller, path, lambda line: print(f"tuoyu: {line}", flush=True))

    embedded = ensure_redis(settings)
    try:
        tally: Tally = _run(lambda: _with_resources(settings, body))
    except ImportRefused as exc:
        _fail(str(exc))
    finally:
        if embedded is not None:
            embedded.stop()
    print(f"tuoyu: 导入完成：{tally.summary()}")
    for error in tally.errors:
        print(f"tuoyu: {describe_error(error)}")
    # Some lines were not imported: the good ones are, and the bad ones are listed above.
    if tally.errors:
        raise SystemExit(1)


def cmd_wechat_menu(args: argparse.Namespace) -> None:
    from bot.menu import create_menu

    settings = _settings()
    _run(lambda: create_menu(settings))
    print("tuoyu: official-account menu created")


def _run_push_worker(settings_overrides: dict[str, str]) -> None:
    # Runs in a process managed by Sanic's worker manager (or alone via `tuoyu worker`).
    from bot.worker import run_worker

    os.environ.update(settings_overrides)
    get_settings.cache_clear()
    run_worker(get_settings())


def cmd_worker(args: argparse.Namespace) -> None:
    settings = _settings()
    embedded = ensure_redis(settings)
    from bot.worker import run_worker

    if embedded is not None:
        embedded.supervise()
    try:
        run_worker(settings)
    finally:
        if embedded is not None:
            embedded.stop()


def _enable_dev_login() -> None:
    """Turns on `dev:NAME` logins for this serve and its workers, or refuses before serving."""
    problem = get_settings().dev_login_problem()
    if problem:
        _fail(problem)
    # The workers Sanic spawns read their settings from the environment they inherit.
    os.environ["TUOYU_DEV_LOGIN"] = "1"
    get_settings.cache_clear()


def _announce(args: argparse.Namespace, settings: Settings) -> None:
    # A newcomer's first question: where is it? Printed before serving, so it is the last line
    # above the server's own log.
    base = f"http://{args.host}:{args.port}"
    print(f"tuoyu: serving on {base} (API docs: {base}/docs)", flush=True)
    if settings.dev_login:
        print(
            f"tuoyu: dev login on: curl -X POST {base}/api/v1/auth/wx-login "
            "-H 'Content-Type: application/json' -d '{\"code\": \"dev:xiaoming\"}' "
            "logs in the demo parent xiaoming (any name after dev:)",
            flush=True,
        )


def cmd_serve(args: argparse.Namespace) -> None:
    if args.dev_login:
        _enable_dev_login()
    settings = _settings()
    ensure_var_dir(settings)
    embedded = ensure_redis(settings)
    if embedded is not None:
        embedded.supervise()  # started again within a second if it dies
    if settings.database_pool_size is None:
        # The workers Sanic spawns read their settings from the environment they inherit.
        os.environ["DATABASE_POOL_SIZE"] = str(settings.pool_size_per_worker(args.workers))
        get_settings.cache_clear()
    if args.workers > 1 and not settings.prometheus_multiproc_dir:
        metrics_dir = (settings.var_dir / "prometheus").resolve()
        metrics_dir.mkdir(parents=True, exist_ok=True)
        for stale in metrics_dir.glob("*.db"):
            stale.unlink()
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
        get_settings.cache_clear()

    from miniprogram_api.server import build_app

    loader = AppLoader(factory=partial(build_app))
    app = loader.load()

    @app.main_process_ready
    async def guard_startup_wait(app: Sanic[Any, Any]) -> None:
        end_startup_wait_on_shutdown(app.manager)

    if not args.no_worker:

        @app.main_process_ready
        async def start_push_worker(app: Sanic[Any, Any]) -> None:
            app.manager.manage("PushWorker", _run_push_worker, {"settings_overrides": {}})

    app.prepare(
        host=args.host,
        port=args.port,
        workers=args.workers,
        single_process=args.workers == 1 and args.no_worker and args.single_process,
        access_log=False,
        motd=False,
    )
    _announce(args, settings)
    _wait_for_workers(settings.worker_ack_timeout_s)
    try:
        Sanic.serve(primary=app, app_loader=loader)
    finally:
        if embedded is not None:
            embedded.stop()


def end_startup_wait_on_shutdown(manager: WorkerManager) -> None:
    """Sanic's manager (25.12) waits for every worker's startup acknowledgement in a loop that
    hands every other message on; a SIGTERM or SIGINT in that window puts its None message in the
    loop, which hands it on forever, while the terminated workers never acknowledge: `tuoyu serve`
    signalled as it starts would never end (sanic-org/sanic#2997). Once a shutdown has begun, the
    wait is over and the manager goes on to end the workers as on any shutdown."""
    all_acknowledged = manager._all_workers_ack
    manager._all_workers_ack = lambda: manager._shutting_down or all_acknowledged()  # type: ignore[method-assign, no-untyped-call]


def _wait_for_workers(seconds: float) -> None:
    # Sanic 25.12 holds the startup wait as a class constant in tenths of a second, with no
    # setting of its own; the manager reads it when it waits for the workers' acknowledgements.
    tenths = int(seconds * 10)
    WorkerManager.THRESHOLD = tenths
    WorkerProcess.THRESHOLD = tenths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tuoyu", description="Huancui childcare platform")
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    seed = commands.add_parser(
        "seed-demo", help="load the Huancui demo data: creates what is missing, keeps what users changed"
    )
    seed.add_argument(
        "--reset", action="store_true", help="write every demo object back to the demo's values instead"
    )
    seed.set_defaults(func=cmd_seed_demo)

    serve = commands.add_parser("serve", help="serve the API and the bot")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-worker", action="store_true", help="do not run the push worker in-process")
    serve.add_argument("--single-process", action="store_true", help=argparse.SUPPRESS)
    serve.add_argument(
        "--dev-login",
        action="store_true",
        help='let wx-login take {"code": "dev:NAME"} for a demo parent (embedded defaults only)',
    )
    serve.set_defaults(func=cmd_serve)

    commands.add_parser("worker", help="run the push worker").set_defaults(func=cmd_worker)

    create_user = commands.add_parser("create-user", help="create a staff or regulator account")
    create_user.add_argument("--role", required=True, choices=sorted(PASSWORD_ROLES))
    create_user.add_argument("--username", required=True)
    create_user.add_argument("--password", required=True)
    create_user.add_argument("--facility", default=None)
    create_user.set_defaults(func=cmd_create_user)

    import_rooms = commands.add_parser(
        "import-rooms", help="import mother-and-baby rooms from a CSV file (as the bureau's upload does)"
    )
    import_rooms.add_argument("file", help="CSV UTF-8 with the header of the bureau's rooms import")
    import_rooms.add_argument(
        "--as", dest="as_user", default=None, help="the regulator it is recorded under (default: the first)"
    )
    import_rooms.set_defaults(func=cmd_import_rooms)

    commands.add_parser("wechat-menu", help="create the official-account menu").set_defaults(
        func=cmd_wechat_menu
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    configure_logging(settings.log_level, settings.log_json)
    try:
        args.func(args)
    except EXPECTED_FAILURES as exc:
        _fail(str(exc))
    except ServiceError as exc:
        _fail(exc.message)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
