"""Routes: public."""

from __future__ import annotations

from sanic import Blueprint

bp = Blueprint("public")
