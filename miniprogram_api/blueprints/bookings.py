"""Routes: bookings."""

from __future__ import annotations

from sanic import Blueprint

bp = Blueprint("bookings")
