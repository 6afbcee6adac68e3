"""Timestamps as the API shows them: ISO 8601 with the service's offset (Asia/Shanghai)."""

from __future__ import annotations

from datetime import datetime

from backend.calendar import SERVICE_TZ


def iso_local(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=SERVICE_TZ)
    return aware.astimezone(SERVICE_TZ).isoformat()
