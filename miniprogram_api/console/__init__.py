"""The console: server-rendered pages for facility staff and the bureau (API.md v1.1 "The console")."""

from __future__ import annotations

from typing import Any

from sanic import Blueprint, Sanic
from sanic_ext import openapi

from miniprogram_api.console import bureau, facility, signin
from miniprogram_api.console.web import templates

BLUEPRINTS = (signin.bp, facility.bp, bureau.bp)


def install_console(app: Sanic[Any, Any]) -> None:
    """Serves the console under /console/, kept out of the API's OpenAPI document (it is no API)."""
    # sanic-ext's templating takes an environment already set on the extension instead of making
    # its own: the console's (its templates, autoescaping, Chinese labels and filters) is that one.
    app.ext.environment = templates
    app.blueprint(Blueprint.group(*BLUEPRINTS, url_prefix="/console"))
    # Routes exist on a blueprint only once it is registered, so they are excluded after.
    for blueprint in BLUEPRINTS:
        openapi.exclude(bp=blueprint)
