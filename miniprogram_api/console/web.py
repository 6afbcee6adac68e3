"""The console's plumbing: its session cookie, CSRF tokens, templates and the page guard.

The session is the API's own bearer token (backend.auth.sessions, kept in Redis), carried in an
HttpOnly cookie instead of a header, so sign-out, lockout and "end every session" work the same
for both. The CSRF token is an HMAC of that token under SECRET_KEY: nothing is kept in memory and
every worker can check it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, ValidationError
from sanic import Request
from sanic.response import HTTPResponse, html, redirect

from backend.auth.sessions import resolve_token
from backend.calendar import iso_local
from backend.context import Caller
from backend.errors import ServiceError
from backend.security import new_token
from miniprogram_api.auth import resources
from miniprogram_api.console import zh

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "tuoyu_console"
LOGIN_COOKIE = "tuoyu_console_login"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
FACILITY_ROLES = ("facility_admin", "facility_staff")
BUREAU_ROLES = ("regulator",)
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,256}")
# No inline script anywhere: charts read their data from data- attributes, htmx is told not to
# add its indicator <style>, and every asset is the app's own.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)

Page = Callable[..., Awaitable[HTTPResponse]]
M = TypeVar("M", bound=BaseModel)

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals["zh"] = zh


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{fen / 100:.2f}"


templates.filters["yuan"] = _yuan
# The services' answers hold datetimes; a page shows them as the API writes them, in the service's zone.
templates.filters["iso_local"] = iso_local


def csrf_for(request: Request, secret: str) -> str:
    key = resources(request).settings.secret_key.encode()
    return hmac.new(key, b"console-csrf:" + secret.encode(), hashlib.sha256).hexdigest()


def session_token(request: Request) -> str | None:
    token = str(request.cookies.get(SESSION_COOKIE) or "")
    if not _TOKEN_SHAPE.fullmatch(token):
        return None
    return token


async def console_caller(request: Request) -> Caller | None:
    token = session_token(request)
    if token is None:
        return None
    caller = await resolve_token(resources(request), token)
    if caller is None:
        return None
    request.ctx.caller = caller
    request.ctx.token = token
    request.ctx.csrf = csrf_for(request, token)
    return caller


def csrf_ok(request: Request, secret: str) -> bool:
    sent = request.headers.get(CSRF_HEADER) or (request.form.get(CSRF_FIELD) if request.form else None)
    return bool(sent) and hmac.compare_digest(str(sent), csrf_for(request, secret))


def set_cookie(request: Request, response: HTTPResponse, name: str, value: str, max_age: int) -> None:
    response.add_cookie(
        name,
        value,
        path="/console",
        httponly=True,
        samesite="Lax",
        # Secure whenever the console is reached over HTTPS (directly or through a trusted proxy);
        # the embedded default serves plain HTTP on loopback, where a Secure cookie would never return.
        secure=request.scheme == "https",
        max_age=max_age,
    )


def new_login_secret() -> str:
    return new_token()


def render(
    request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTTPResponse:
    caller: Caller | None = getattr(request.ctx, "caller", None)
    environment: Environment = request.app.ext.environment
    body = environment.get_template(template).render(
        request=request,
        caller=caller,
        csrf=getattr(request.ctx, "csrf", ""),
        path=request.path,
        **context,
    )
    response = html(body, status=status, headers=headers)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def page(*roles: str) -> Callable[[Page], Page]:
    """Signs the caller in from the cookie (to the login page if not), checks the role (403 in
    Chinese), checks the CSRF token of every POST, and shows a service's refusal in Chinese."""

    def decorator(handler: Page) -> Page:
        @wraps(handler)
        async def wrapper(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            caller = await console_caller(request)
            if caller is None:
                if is_htmx(request):
                    return HTTPResponse(status=401, headers={"HX-Redirect": "/console/login"})
                return redirect("/console/login", status=303)
            if roles and caller.role not in roles:
                return render(request, "forbidden.html", status=403)
            if request.method == "POST" and not csrf_ok(request, request.ctx.token):
                return render(request, "csrf.html", status=403)
            try:
                return await handler(request, *args, **kwargs)
            except ServiceError as exc:
                return render(request, "error.html", status=exc.status, error=zh.from_service(exc))

        return wrapper

    return decorator


def caller_of(request: Request) -> Caller:
    caller: Caller = request.ctx.caller
    return caller


def form_values(request: Request) -> dict[str, str]:
    """The posted form, one value per name, with surrounding spaces gone and NULs refused."""
    values: dict[str, str] = {}
    for name, items in (request.form or {}).items():
        if name == CSRF_FIELD or not items:
            continue
        values[name] = str(items[0]).strip().replace("\x00", "")
    return values


def form_list(request: Request, name: str) -> list[str]:
    if not request.form:
        return []
    return [str(v).strip() for v in request.form.getlist(name, []) if str(v).strip()]


def parse(model: type[M], data: dict[str, Any]) -> M:
    """The form as `model`; a ValidationError becomes the console's Chinese FormErrors."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise FormRefused(zh.from_validation(exc)) from exc


class FormRefused(Exception):
    def __init__(self, errors: zh.FormErrors) -> None:
        super().__init__(errors.message)
        self.errors = errors


async def attempt(action: Callable[[], Awaitable[Any]]) -> tuple[Any, zh.FormErrors | None, int]:
    """Runs one service call for a form: (its answer, None, 200) or (None, the Chinese errors, status)."""
    try:
        return await action(), None, 200
    except FormRefused as exc:
        return None, exc.errors, 422
    except ServiceError as exc:
        return None, zh.from_service(exc), exc.status


async def submit(
    action: Callable[[], Awaitable[Any]],
    refused: Callable[[zh.FormErrors, int], Awaitable[HTTPResponse]],
    done: str,
) -> HTTPResponse:
    """A form's post: the service call, then 303 to `done` (post/redirect/get), or the form's page
    again from `refused` with the Chinese errors and the status the API would have answered."""
    _, errors, status = await attempt(action)
    if errors:
        return await refused(errors, status)
    return redirect(done, status=303)


def drop_empty(data: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in data.items() if v != ""}
