"""Routes: admin_outbox."""

from __future__ import annotations

from sanic import Blueprint

bp = Blueprint("admin_outbox")
