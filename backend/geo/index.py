"""The Redis geo index of facilities and rooms, kept in step with the database."""

from __future__ import annotations

from backend.context import Resources


async def ensure_geo_index(res: Resources) -> None:
    """Rebuilds the index at start when it is missing."""
