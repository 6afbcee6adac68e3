"""The Sanic app factory: listeners make every resource per worker; blueprints stay thin."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from arq.connections import RedisSettings
from sanic import Blueprint, Request, Sanic
from sanic.response import BaseHTTPResponse, HTTPResponse, json

from backend.context import Resources
from backend.geo.index import ensure_geo_index
from backend.infra.db import close_db, database_answers
from backend.infra.faults import note_fault
from backend.infra.redis import redis_url
from backend.infra.resources import close_resources, open_resources
from backend.policies.search import warm_tokenizer
from backend.wechat_gateway import WechatGateway
from config.logging import configure_logging, request_id_var
from config.settings import Settings, get_settings
from miniprogram_api.blueprints import (
    admin,
    admin_content,
    admin_outbox,
    bookings,
    manage,
    manage_bookings,
    parents,
    public,
    safeguarding,
    waitlist,
)
from miniprogram_api.console import install_console
from miniprogram_api.errors import document_error_answers, install_error_handlers
from miniprogram_api.faults import install_fault_handlers
from miniprogram_api.metrics import install_metrics, observe, start_timer

log = logging.getLogger(__name__)

APP_NAME = "tuoyu"
STATIC_DIR = Path(__file__).resolve().parent / "static"
DOCS_ASSETS_URL = "/docs/assets"
GatewayFactory = Callable[[Settings, Resources], Awaitable[WechatGateway | None]]


def arq_redis_settings(settings: Settings) -> RedisSettings:
    url = redis_url(settings)
    if url.startswith("unix://"):
        return RedisSettings(unix_socket_path=url[len("unix://") :])
    return RedisSettings.from_dsn(url)


async def _on_request(request: Request) -> None:
    # One middleware for both: the metrics timer and the request id (each was a coroutine per request).
    start_timer(request)
    incoming = request.headers.get("x-request-id", "")
    request_id = incoming if 0 < len(incoming) <= 64 and incoming.isprintable() else uuid.uuid4().hex
    request.ctx.request_id = request_id
    request_id_var.set(request_id)


async def _on_response(request: Request, response: BaseHTTPResponse) -> None:
    request_id = getattr(request.ctx, "request_id", None)
    if request_id:
        response.headers["X-Request-ID"] = request_id
    observe(request, response)


async def healthz(request: Request) -> HTTPResponse:
    return json({"status": "ok"})


async def readyz(request: Request) -> HTTPResponse:
    res: Resources = request.app.ctx.res
    database = await database_answers()
    try:
        redis_ok = bool(await res.redis.ping())
    except Exception as exc:  # readiness reports, never raises
        if not note_fault(exc, "checking readiness"):
            log.warning("redis readiness check failed", exc_info=True)
        redis_ok = False
    ready = database and redis_ok
    body = {"status": "ready" if ready else "not_ready", "database": database, "redis": redis_ok}
    return json(body, status=200 if ready else 503)


def create_app(
    settings: Settings | None = None,
    *,
    extra_blueprints: Iterable[Blueprint] = (),
    wechat_gateway_factory: GatewayFactory | None = None,
    name: str = APP_NAME,
) -> Sanic[Any, Any]:
    settings = settings or get_settings()
    # The app itself refuses an unsafe key, however it is started (not only through the CLI).
    settings.check_secret()
    configure_logging(settings.log_level, settings.log_json)
    # Our logging (config/logging.py) carries the request id; Sanic's own would print each line twice.
    app: Sanic[Any, Any] = Sanic(name, configure_logging=False)
    app.config.REQUEST_MAX_SIZE = settings.max_body_bytes
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.OAS_UI_DEFAULT = "swagger"
    app.config.OAS_URL_PREFIX = "/docs"
    # The UI from the app's own files (swagger-ui-dist, vendored), never a CDN: /docs offline too.
    app.config.OAS_PATH_TO_SWAGGER_HTML = str(STATIC_DIR / "swagger.html")
    app.config.OAS_UI_SWAGGER_CDN_URL = DOCS_ASSETS_URL
    # Only the ReDoc page would still load its script from a CDN; the Swagger page is the one served.
    app.config.OAS_UI_REDOC = False
    app.config.OAS_AUTODOC = True
    app.config.API_TITLE = "tuoyu: Huancui childcare platform"
    app.config.API_VERSION = "1"
    app.config.HEALTH = False
    app.config.ACCESS_LOG = False
    # Whom to believe about the client's address (request.remote_addr): nobody unless configured.
    app.config.FORWARDED_SECRET = settings.forwarded_secret
    app.config.REAL_IP_HEADER = settings.real_ip_header
    app.config.PROXIES_COUNT = settings.proxies_count
    app.ext.openapi.add_security_scheme("token", "http", scheme="bearer")

    @app.before_server_start
    async def open_worker_resources(app: Sanic[Any, Any]) -> None:
        res = await open_resources(settings)
        if wechat_gateway_factory is not None:
            res.wechat = await wechat_gateway_factory(settings, res)
        app.ctx.res = res
        await ensure_geo_index(res)

    @app.after_server_start
    async def prepare_policy_search(app: Sanic[Any, Any]) -> None:
        warm_tokenizer()

    @app.after_server_stop
    async def close_worker_resources(app: Sanic[Any, Any]) -> None:
        res: Resources | None = getattr(app.ctx, "res", None)
        if res is not None:
            await close_resources(res)
        else:
            await close_db()

    app.register_middleware(_on_request, "request", priority=1000)
    app.register_middleware(_on_response, "response", priority=1000)
    install_error_handlers(app)
    install_fault_handlers(app)
    install_metrics(app)
    app.static(DOCS_ASSETS_URL, STATIC_DIR / "swagger-ui", name="docs_assets")
    app.add_route(healthz, "/healthz", methods=["GET"], name="healthz")
    app.add_route(readyz, "/readyz", methods=["GET"], name="readyz")
    app.blueprint(
        Blueprint.group(
            public.bp,
            parents.bp,
            bookings.bp,
            manage.bp,
            manage_bookings.bp,
            admin.bp,
            admin_content.bp,
            admin_outbox.bp,
            safeguarding.bp,
            waitlist.bp,
            url_prefix="/api/v1",
        )
    )
    document_error_answers(app)
    install_console(app)
    for blueprint in extra_blueprints:
        app.blueprint(blueprint)
    return app
