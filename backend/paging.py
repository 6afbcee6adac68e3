"""Signed cursors: clients page on, but cannot forge a position."""

from __future__ import annotations

import base64
import json
from typing import Any

from backend.errors import ValidationFailed
from backend.security import sign, verify_signature

DEFAULT_LIMIT = 20
MAX_LIMIT = 50


def encode_cursor(secret_key: str, position: dict[str, Any]) -> str:
    payload = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    body = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{body}.{sign(secret_key, payload, 'cursor')}"


def decode_cursor(secret_key: str, cursor: str | None) -> dict[str, Any] | None:
    if not cursor:
        return None
    try:
        body, signature = cursor.rsplit(".", 1)
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise ValidationFailed.field("cursor", "not a cursor this service gave out") from exc
    if not verify_signature(secret_key, payload, "cursor", signature):
        raise ValidationFailed.field("cursor", "not a cursor this service gave out")
    position: dict[str, Any] = json.loads(payload)
    return position
