"""Routes: parents' WeChat login, me and logout, children, subscribe-message grants."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse
from sanic_ext import openapi

from backend.paging import Page, PageQuery
from backend.parents import service
from backend.parents.schemas import (
    ChildAnswer,
    ChildCreate,
    ChildUpdate,
    GrantsAnswer,
    LoginAnswer,
    MeAnswer,
    MeUpdate,
    SubscriptionGrantBody,
    WxLoginBody,
)
from miniprogram_api.auth import caller_of, require, resources
from miniprogram_api.responses import JSON, created, no_content, ok, success_response
from miniprogram_api.validation import parse_body, parse_query, query_parameters

bp = Blueprint("parents")

AUTH = "auth"
CHILDREN = "children"
SUBSCRIPTIONS = "subscriptions"
SECURED: dict[str, list[str]] = {"token": []}


def client_address(request: Request) -> str:
    # The forwarded address when Sanic trusts a proxy (PROXIES_COUNT / FORWARDED_SECRET), else the peer.
    return str(request.remote_addr or request.ip or "unknown")


@bp.post("/auth/wx-login")
@openapi.definition(
    response=success_response(LoginAnswer),
    body={JSON: openapi.Component(WxLoginBody)},
    summary="Sign a parent in with the code from wx.login",
    description="Answers a bearer token. A bad or used code: 400 invalid_code; WeChat down: 503.",
    tag=AUTH,
)
async def wx_login(request: Request) -> HTTPResponse:
    body = parse_body(request, WxLoginBody)
    return ok(await service.wx_login(resources(request), body.code, client_address(request)))


@bp.post("/auth/logout")
@openapi.definition(
    response=success_response(None, 204),
    summary="End this session (the token stops working everywhere)",
    tag=AUTH,
    secured=SECURED,
)
@require()
async def logout(request: Request) -> HTTPResponse:
    await service.logout(resources(request), caller_of(request), request.ctx.token)
    return no_content()


@bp.get("/me")
@openapi.definition(
    response=success_response(MeAnswer),
    summary="The signed-in user, phone masked (every role)",
    tag=AUTH,
    secured=SECURED,
)
@require()
async def me(request: Request) -> HTTPResponse:
    return ok(await service.me(resources(request), caller_of(request)))


@bp.patch("/me")
@openapi.definition(
    body={JSON: openapi.Component(MeUpdate)},
    response=success_response(MeAnswer),
    summary="A parent gives a phone number: the code of getPhoneNumber, exchanged with WeChat",
    description="The number is stored encrypted and shown masked; a bad or used code: 400 invalid_code.",
    tag=AUTH,
    secured=SECURED,
)
@require("parent")
async def update_me(request: Request) -> HTTPResponse:
    body = parse_body(request, MeUpdate)
    return ok(await service.update_me(resources(request), caller_of(request), body))


@bp.post("/children")
@openapi.definition(
    response=success_response(ChildAnswer, 201),
    body={JSON: openapi.Component(ChildCreate)},
    summary="Add a child (the first one needs consent: true)",
    tag=CHILDREN,
    secured=SECURED,
)
@require("parent")
async def create_child(request: Request) -> HTTPResponse:
    body = parse_body(request, ChildCreate)
    return created(await service.create_child(resources(request), caller_of(request), body))


@bp.get("/children")
@openapi.definition(
    response=success_response(Page[ChildAnswer]),
    summary="The parent's children, eldest first",
    tag=CHILDREN,
    secured=SECURED,
    parameter=query_parameters(PageQuery),
)
@require("parent")
async def list_children(request: Request) -> HTTPResponse:
    page = parse_query(request, PageQuery)
    return ok(await service.list_children(resources(request), caller_of(request), page))


@bp.get("/children/<child_id:str>")
@openapi.definition(
    response=success_response(ChildAnswer),
    summary="One of the parent's children",
    tag=CHILDREN,
    secured=SECURED,
)
@require("parent")
async def get_child(request: Request, child_id: str) -> HTTPResponse:
    return ok(await service.get_child(resources(request), caller_of(request), child_id))


@bp.patch("/children/<child_id:str>")
@openapi.definition(
    response=success_response(ChildAnswer),
    body={JSON: openapi.Component(ChildUpdate)},
    summary="Change a child's details",
    tag=CHILDREN,
    secured=SECURED,
)
@require("parent")
async def update_child(request: Request, child_id: str) -> HTTPResponse:
    body = parse_body(request, ChildUpdate)
    return ok(await service.update_child(resources(request), caller_of(request), child_id, body))


@bp.delete("/children/<child_id:str>")
@openapi.definition(
    response=success_response(None, 204),
    summary="Remove a child (409 while it has active bookings)",
    tag=CHILDREN,
    secured=SECURED,
)
@require("parent")
async def delete_child(request: Request, child_id: str) -> HTTPResponse:
    await service.delete_child(resources(request), caller_of(request), child_id)
    return no_content()


@bp.post("/subscriptions")
@openapi.definition(
    response=success_response(GrantsAnswer),
    body={JSON: openapi.Component(SubscriptionGrantBody)},
    summary="Record the one-time subscribe-message permissions just granted",
    tag=SUBSCRIPTIONS,
    secured=SECURED,
)
@require("parent")
async def grant_subscriptions(request: Request) -> HTTPResponse:
    body = parse_body(request, SubscriptionGrantBody)
    return ok(await service.grant_subscriptions(resources(request), caller_of(request), body))


@bp.get("/subscriptions")
@openapi.definition(
    response=success_response(GrantsAnswer),
    summary="The subscribe-message permissions left per template",
    tag=SUBSCRIPTIONS,
    secured=SECURED,
)
@require("parent")
async def list_subscriptions(request: Request) -> HTTPResponse:
    return ok(await service.list_subscriptions(resources(request), caller_of(request)))
