"""Routes: admin_content."""

from __future__ import annotations

from sanic import Blueprint

bp = Blueprint("admin_content")
