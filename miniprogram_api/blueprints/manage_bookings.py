"""Routes: manage_bookings."""

from __future__ import annotations

from sanic import Blueprint

bp = Blueprint("manage_bookings")
