"""Fuzzing the body parser and every query model: whatever arrives, the answer is the model or a
ValidationFailed (422), never another exception (which the server would turn into a 500)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from backend.accounts.service import LoginBody
from backend.bookings.schemas import (
    AvailabilityQuery,
    BookingListQuery,
    BookingRequest,
    ClosureCreate,
    DayQuery,
    ManageBookingsQuery,
)
from backend.errors import ValidationFailed
from backend.facilities.public import NearbyFacilitiesQuery
from backend.nursing_rooms.admin import RoomListQuery
from backend.nursing_rooms.public import NearbyRoomsQuery
from backend.paging import PageQuery
from backend.parents.schemas import ChildCreate
from backend.policies.admin import PolicyListQuery
from backend.policies.service import PolicyQuery
from backend.push.service import OutboxQuery
from backend.regulation.audit_service import AuditQuery
from backend.regulation.inspections import InspectionListQuery, ResultIn
from backend.regulation.registration import FacilityListQuery
from backend.regulation.stats import StatsQuery
from miniprogram_api.blueprints.admin import BanAlertQuery
from miniprogram_api.validation import decode_body, decode_query

# Every model a route reads its query string into (miniprogram_api/blueprints, parse_query).
QUERY_MODELS: list[type[BaseModel]] = [
    AvailabilityQuery,
    AuditQuery,
    BanAlertQuery,
    BookingListQuery,
    DayQuery,
    FacilityListQuery,
    InspectionListQuery,
    ManageBookingsQuery,
    NearbyFacilitiesQuery,
    NearbyRoomsQuery,
    OutboxQuery,
    PageQuery,
    PolicyListQuery,
    PolicyQuery,
    RoomListQuery,
    StatsQuery,
]
BODY_MODELS: list[type[BaseModel]] = [LoginBody, ChildCreate, BookingRequest, ClosureCreate, ResultIn]

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)
# Words and values a query string of these models could carry, and junk.
names = st.sampled_from(
    ["lat", "lng", "radius_m", "date", "from", "to", "limit", "cursor", "care_type", "status", "q", "town"]
) | st.text(max_size=8)
values = st.sampled_from(
    ["1", "-1", "1e400", "nan", "2026-03-02", "9999-12-31", "0001-01-01", "full_day"]
) | st.text(max_size=30)


def _only_validation_failed(call: Any) -> None:
    try:
        call()
    except ValidationFailed as exc:
        assert exc.status == 422
        assert isinstance(exc.details, dict)


@pytest.mark.parametrize("model", BODY_MODELS, ids=lambda m: m.__name__)
@FUZZ
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_a_body(model: type[BaseModel], raw: bytes) -> None:
    _only_validation_failed(lambda: decode_body(raw, model))


@pytest.mark.parametrize("model", BODY_MODELS, ids=lambda m: m.__name__)
@FUZZ
@given(value=json_values, depth=st.integers(min_value=0, max_value=200))
def test_any_json_as_a_body(model: type[BaseModel], value: Any, depth: int) -> None:
    raw = ("[" * depth + json.dumps(value) + "]" * depth).encode()
    _only_validation_failed(lambda: decode_body(b'{"x": ' + raw + b"}", model))
    _only_validation_failed(lambda: decode_body(raw, model))


@pytest.mark.parametrize("model", QUERY_MODELS, ids=lambda m: m.__name__)
@FUZZ
@given(args=st.dictionaries(names, st.lists(values, min_size=1, max_size=3), max_size=6))
def test_any_query_string(model: type[BaseModel], args: dict[str, list[str]]) -> None:
    _only_validation_failed(lambda: decode_query(args, model))
