"""The console: server-rendered pages for facility staff and the bureau (API.md v1.1 "The console")."""

from __future__ import annotations

from sanic import Blueprint
from sanic.blueprint_group import BlueprintGroup

from miniprogram_api.console import bureau, facility, signin


def console_blueprint() -> BlueprintGroup:
    # A group made per app: Sanic binds a blueprint to the first app that registers it.
    return Blueprint.group(signin.bp, facility.bp, bureau.bp, url_prefix="/console")
