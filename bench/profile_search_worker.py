"""One search worker in this very process, so a profiler sees the request path:
    PYTHONPATH=. python -m pyinstrument --show-all -o out.txt bench/profile_search_worker.py
(with DATABASE_URL, REDIS_URL and SECRET_KEY set; load it with wrk, stop it with Ctrl-C)."""

import os

from sanic import Sanic

from miniprogram_api.server import build_app

app = build_app()
app.prepare(
    host="127.0.0.1",
    port=int(os.environ.get("PORT", "18766")),
    single_process=True,
    access_log=False,
    motd=False,
)
Sanic.serve_single(primary=app)
