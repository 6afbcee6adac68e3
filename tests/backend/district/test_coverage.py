"""The calendar's coverage: what /admin/stats says and the daily warning in the log."""

from __future__ import annotations

import logging

import pytest

from backend.calendar import NATIONAL_YEARS
from backend.context import Resources
from backend.district import service as district
from tests.backend.bookings.helpers import frozen_at, shanghai

LAST = max(NATIONAL_YEARS)


async def test_far_from_the_end_there_is_no_warning(res: Resources, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="backend.district.service")
    with frozen_at(shanghai(LAST, 3, 1, 9)):
        assert await district.coverage(res) == {"calendar_covered_until": f"{LAST}-12-31", "warnings": []}
        assert await district.log_coverage_warning(res) is False
    assert not caplog.records


async def test_from_60_days_before_the_end_the_bureau_is_warned(
    res: Resources, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="backend.district.service")
    with frozen_at(shanghai(LAST, 11, 1, 9)):
        answer = await district.coverage(res)
        assert answer["calendar_covered_until"] == f"{LAST}-12-31"
        assert [w["code"] for w in answer["warnings"]] == ["calendar_ending"]
        assert f"{LAST}-12-31" in answer["warnings"][0]["message"]
        assert await district.log_coverage_warning(res) is True
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert f"{LAST}-12-31" in caplog.records[0].getMessage()
