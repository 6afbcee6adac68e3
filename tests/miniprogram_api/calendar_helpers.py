"""Calendar arrangements a test puts (the `bureau` fixture of tests/conftest.py takes them back)."""

from __future__ import annotations

from datetime import date
from typing import Any

from backend.calendar import national_arrangement


def national_body(year: int, *, extra_holiday: date | None = None) -> dict[str, Any]:
    """The package's arrangement of the year as a PUT body, with one more holiday if asked."""
    arrangement = national_arrangement(year)
    assert arrangement is not None
    holidays = [{"date": d.isoformat(), "name": n} for d, n in sorted(arrangement.holidays.items())]
    if extra_holiday is not None:
        holidays.append({"date": extra_holiday.isoformat(), "name": "区定假日"})
    workdays = [{"date": d.isoformat(), "name": n} for d, n in sorted(arrangement.workdays.items())]
    return {"holidays": holidays, "workdays": workdays}
