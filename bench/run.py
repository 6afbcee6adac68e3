"""`make bench`: every figure of DESIGN.md section 7 as a ratio to a ceiling measured in this run.

    python -m bench.run --duration 5 --connections 64 --workers 2 --only search,booking,bot,push

The ceiling is a bare Sanic handler (bench/ceiling_app.py) served with the same worker count and hit
by the same load tool with the same script. Each phase builds an isolated stack (its own database,
Redis keys and server), loads its data, measures and tears it down. A phase whose endpoint or
module is not there yet is reported as skipped. The table is printed and written as JSON to
var/bench/results.json.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench import booking, bot, push, search, waitlist
from bench.figures import FAIL, Figure, render_table, write_json
from bench.harness import DATASETS, PHASES, REPO, BenchOptions, Harness
from bench.load import LoadTool, ensure_wrk
from bench.national import DEFAULT_SEED, NationalScale
from bench.stack import BenchSettings

PhaseRunner = Callable[[Harness], Awaitable[list[Figure]]]
RUNNERS: dict[str, PhaseRunner] = {
    "search": search.run,
    "booking": booking.run,
    "bot": bot.run,
    "push": push.run,
    "waitlist": waitlist.run,
}


def _choices(raw: str, allowed: tuple[str, ...], flag: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in raw.split(",") if part.strip())
    unknown = [c for c in chosen if c not in allowed]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"{flag}: choose from {', '.join(allowed)} (got {raw!r})")
    return chosen


def parse_options(argv: list[str] | None = None) -> BenchOptions:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measured run (default 5)")
    parser.add_argument("--connections", type=int, default=64, help="connections for search and booking")
    parser.add_argument("--workers", type=int, default=2, help="server workers, for the ceiling too")
    parser.add_argument("--only", default=",".join(PHASES), help=f"phases, from {','.join(PHASES)}")
    parser.add_argument("--datasets", default=",".join(DATASETS), help="search data sets: demo,national")
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="database of the search, bot and push phases (booking runs on both)",
    )
    parser.add_argument("--bot-connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--national-facilities", type=int, default=126_000)
    parser.add_argument("--national-rooms", type=int, default=50_000)
    parser.add_argument("--centres", type=int, default=300)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--booking-pool",
        type=int,
        default=0,
        help="parents (and requests) per booking run; 0 sizes it from the duration",
    )
    parser.add_argument("--burst", type=int, default=500, help="simultaneous bookings in the at-once check")
    parser.add_argument("--burst-capacity", type=int, default=10, help="free places in the at-once check")
    parser.add_argument("--push-messages", type=int, default=10_000)
    parser.add_argument(
        "--push-rate",
        type=float,
        default=1000.0,
        help="PUSH_RATE_PER_S given to the worker (WeChat's send limit it keeps)",
    )
    parser.add_argument("--push-timeout", type=float, default=180.0)
    parser.add_argument(
        "--booking-db", default="sqlite,postgres", help="databases of the booking phase (default both)"
    )
    parser.add_argument(
        "--push-workers", default="1,2", help="worker processes of each push run (default 1,2: two runs)"
    )
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    parser.add_argument("--results", type=Path, default=REPO / "var" / "bench" / "results.json")
    parser.add_argument(
        "--ceiling-once",
        action="store_true",
        help="measure the ceiling once at the start instead of beside each figure",
    )
    parser.add_argument("--keep", action="store_true", help="keep each phase's temp dir")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a figure misses its target")
    args = parser.parse_args(argv)
    try:
        only = _choices(args.only, PHASES, "--only")
        datasets = _choices(args.datasets, DATASETS, "--datasets")
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    try:
        push_workers = tuple(int(n) for n in args.push_workers.split(",") if n.strip())
    except ValueError:
        parser.error("--push-workers takes worker counts separated by commas, e.g. 1,2")
    if not push_workers or min(push_workers) < 1:
        parser.error("--push-workers takes positive worker counts, e.g. 1,2")
    if args.connections < 1 or args.bot_connections < 1 or args.workers < 1 or args.duration <= 0:
        parser.error("--connections, --bot-connections, --workers and --duration must be positive")
    options = BenchOptions(
        duration=args.duration,
        connections=args.connections,
        workers=args.workers,
        db=args.db,
        only=only,
        datasets=datasets,
        bot_connections=args.bot_connections,
        wrk_threads=args.wrk_threads,
        tool=args.tool,
        national=NationalScale(
            facilities=args.national_facilities,
            rooms=args.national_rooms,
            centres=args.centres,
            seed=args.seed,
        ),
        booking_pool=args.booking_pool,
        booking_dbs=tuple(db for db in args.booking_db.split(",") if db in ("sqlite", "postgres")),
        burst=args.burst,
        burst_capacity=args.burst_capacity,
        push_messages=args.push_messages,
        push_rate=args.push_rate,
        push_timeout=args.push_timeout,
        push_workers=push_workers,
        keep=args.keep,
        strict=args.strict,
        ceiling_once=args.ceiling_once,
        results=args.results,
        ready_timeout=args.ready_timeout,
    )
    return options


async def run_bench(options: BenchOptions) -> list[Figure]:
    base = BenchSettings()
    if options.db == "postgres" and base.postgres_url is None:
        raise SystemExit("bench: --db postgres needs BENCH_DATABASE_URL or DATABASE_URL to name a PostgreSQL")
    wrk = None if options.tool == "httpx" else ensure_wrk(allow_install=True)
    if options.tool == "wrk" and wrk is None:
        raise SystemExit("bench: --tool wrk, but wrk is not available")
    work_dir = Path(tempfile.mkdtemp(prefix="tuoyu-bench-load-"))
    harness = Harness(options=options, base=base, load=LoadTool(wrk, options.wrk_threads, work_dir))
    harness.say(
        f"{harness.load.name}, {options.workers} workers, {options.duration:g} s a run, "
        f"phases {','.join(options.only)}"
    )
    try:
        return await _run_phases(harness)
    finally:
        await harness.stop_ceiling()
        if not options.keep:
            shutil.rmtree(work_dir, ignore_errors=True)


async def _run_phases(harness: Harness) -> list[Figure]:
    options = harness.options
    await harness.start_ceiling()
    figures: list[Figure] = []
    for phase in options.only:
        started = time.perf_counter()
        harness.say(f"phase {phase} ...")
        try:
            produced = await RUNNERS[phase](harness)
        except Exception as exc:  # one broken phase must not hide the others' figures
            traceback.print_exc()
            produced = [
                Figure(name=phase, value="-", outcome=FAIL, note=f"{type(exc).__name__}: {exc}"[:500])
            ]
        for figure in produced:
            harness.say(f"  {figure.name}: {figure.value} {figure.outcome} {figure.note}".rstrip())
        harness.say(f"phase {phase} took {time.perf_counter() - started:.0f} s")
        figures.extend(produced)
    figures[:0] = ceiling_rows(harness)
    write_json(
        options.results, figures, options.as_dict(), {c: r.as_dict() for c, r in harness.ceilings.items()}
    )
    return figures


def ceiling_rows(harness: Harness) -> list[Figure]:
    """The table's head: the median ceiling per connection count, and how far the runs strayed (each
    figure is divided by the run measured beside it, in its details)."""
    rows = []
    for connections, history in sorted(harness.ceiling_history.items()):
        middle = sorted(history, key=lambda r: r.rps)[(len(history) - 1) // 2]
        rates = [r.rps for r in history]
        spread = (
            f"median of {len(rates)}: {min(rates):,.0f}-{max(rates):,.0f} req/s" if len(rates) > 1 else ""
        )
        rows.append(
            Figure(
                name=f"ceiling: bare Sanic JSON (c={connections})",
                value=f"{middle.rps:,.0f} req/s",
                ratio=1.0,
                p50_ms=middle.p50_ms,
                p99_ms=middle.p99_ms,
                note=spread,
                details={"load": middle.as_dict(), "runs": [r.as_dict() for r in history]},
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    options = parse_options(argv)
    # `timeout` and CI stop with SIGTERM: make it unwind like Ctrl-C, so every phase's teardown runs
    # (servers, embedded Redis, PostgreSQL databases) instead of leaving them behind.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        figures = asyncio.run(run_bench(options))
    except KeyboardInterrupt:
        print("bench: interrupted; everything it started was stopped", file=sys.stderr)
        return 130
    print()
    print(render_table(figures))
    if any(f.details.get("load", {}).get("tool") == "httpx" for f in figures):
        print(
            "\nbench: measured with the httpx fallback, whose single Python process may set the pace for the"
            "\n       ceiling and the phases alike (ratios near 100% say so); install wrk for real figures."
        )
    print(f"\nbench: results written to {options.results}")
    missed = [f for f in figures if f.outcome == FAIL]
    return 1 if missed and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
