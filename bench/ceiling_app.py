"""The ceiling: a bare Sanic app with one handler returning a small JSON.

Served the way `tuoyu serve` serves the real app (same worker count, no access log, Sanic's worker
manager), so that a figure divided by this one says how much of the framework's speed the real
work leaves, whatever the machine.

    python -m bench.ceiling_app --port 8100 --workers 2
"""

from __future__ import annotations

import argparse
from functools import partial
from typing import Any

from sanic import Request, Sanic
from sanic.response import HTTPResponse, json
from sanic.worker.loader import AppLoader

SMALL_BODY = {"status": "ok", "items": [{"id": "1", "name": "ceiling", "distance_m": 0}], "next_cursor": None}


def create_ceiling_app() -> Sanic[Any, Any]:
    app: Sanic[Any, Any] = Sanic("bench_ceiling")
    app.config.ACCESS_LOG = False
    app.config.HEALTH = False

    @app.get("/")
    async def small_json(request: Request) -> HTTPResponse:
        return json(SMALL_BODY)

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    loader = AppLoader(factory=partial(create_ceiling_app))
    app = loader.load()
    app.prepare(host=args.host, port=args.port, workers=args.workers, access_log=False, motd=False)
    Sanic.serve(primary=app, app_loader=loader)


if __name__ == "__main__":
    main()
