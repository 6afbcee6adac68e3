"""Console routes: sign-in, sign-out, the home redirect and the vendored assets."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect

from backend.accounts import service as accounts
from backend.auth.sessions import revoke_token
from backend.errors import ServiceError
from miniprogram_api.auth import resources
from miniprogram_api.console import zh
from miniprogram_api.console.web import (
    BUREAU_ROLES,
    HERE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    FormRefused,
    console_caller,
    csrf_for,
    csrf_ok,
    form_values,
    new_login_secret,
    page,
    parse,
    render,
    set_cookie,
)

bp = Blueprint("console_signin")
bp.static("/static", HERE / "static", name="static")

LOGIN_SECRET_SECONDS = 3600


def _home_of(role: str) -> str:
    return "/console/bureau/overview" if role in BUREAU_ROLES else "/console/facility/today"


def _client_address(request: Request) -> str:
    return request.remote_addr or request.ip or "unknown"


@bp.get("/")
async def home(request: Request) -> HTTPResponse:
    caller = await console_caller(request)
    return redirect(_home_of(caller.role) if caller else "/console/login", status=303)


def _login_form(
    request: Request, *, errors: zh.FormErrors | None = None, username: str = "", status: int = 200
) -> HTTPResponse:
    # Sign-in has no session yet: its CSRF token is tied to a random cookie of its own.
    secret = request.cookies.get(LOGIN_COOKIE) or new_login_secret()
    request.ctx.csrf = csrf_for(request, secret)
    response = render(request, "login.html", status=status, errors=errors, username=username)
    set_cookie(request, response, LOGIN_COOKIE, secret, LOGIN_SECRET_SECONDS)
    return response


@bp.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    caller = await console_caller(request)
    if caller is not None:
        return redirect(_home_of(caller.role), status=303)
    return _login_form(request)


@bp.post("/login")
async def login(request: Request) -> HTTPResponse:
    secret = request.cookies.get(LOGIN_COOKIE, "")
    form = form_values(request)
    if not secret or not csrf_ok(request, secret):
        return _login_form(
            request,
            errors=zh.FormErrors("页面已过期，请重新登录。"),
            username=form.get("username", ""),
            status=403,
        )
    try:
        body = parse(accounts.LoginBody, form)
        answer = await accounts.login(
            resources(request),
            username=body.username,
            password=body.password,
            client_address=_client_address(request),
        )
    except FormRefused as exc:
        return _login_form(request, errors=exc.errors, username=form.get("username", ""), status=422)
    except ServiceError as exc:
        return _login_form(
            request, errors=zh.from_service(exc), username=form.get("username", ""), status=exc.status
        )
    response = redirect(_home_of(answer.user.role), status=303)
    set_cookie(request, response, SESSION_COOKIE, answer.token, answer.expires_in)
    response.delete_cookie(LOGIN_COOKIE, path="/console")
    return response


@bp.post("/logout")
@page()
async def logout(request: Request) -> HTTPResponse:
    await revoke_token(resources(request), request.ctx.token, request.ctx.caller.account_id)
    response = redirect("/console/login", status=303)
    response.delete_cookie(SESSION_COOKIE, path="/console")
    return response
