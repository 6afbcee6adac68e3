"""Benchmarks (DESIGN.md section 7), run with `make bench` or `python -m bench.run --help`.

Every figure is printed as a ratio to a ceiling measured in the same run on the same machine: a bare
Sanic handler returning a small JSON (bench/ceiling_app.py), served with the same worker count and
hit by the same load tool with the same Lua script (wrk, bench/wrk_report.lua; an asyncio httpx
client when wrk can't be had). By default the ceiling is measured again right before each figure,
because a shared machine's load drifts during a run.

Modules: run (command line, table, JSON), harness (options, ceiling, probes), stack (an isolated
database, Redis and server per phase), load (wrk and the fallback), national (the national-scale
data set), bulk (fast inserts), and one module per phase: search, booking, bot, push.

PostgreSQL figures need BENCH_DATABASE_URL (or DATABASE_URL) naming a server the bench may create
and drop databases on; with REDIS_URL set, the bench uses database 14 on that server
(BENCH_REDIS_DB) with a key prefix of its own, else an embedded Redis per phase.
"""
