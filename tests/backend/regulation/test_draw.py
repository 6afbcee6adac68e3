"""The random inspection draw (双随机): reproducible from its seed, never the same inspector twice in a
row at a facility, exact on replay even after the history moved on."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.context import Caller, Resources
from backend.errors import Conflict
from backend.models import Facility, Inspection, InspectionDraw
from backend.regulation.inspections import (
    DrawImpossible,
    DrawIn,
    compute_draw,
    draw_inspections,
    inspectors_per_inspection,
    replay_draw,
)
from tests.factories import make_account, make_facility

# Away from the district centre, where other tests look for the demo facilities nearby.
AWAY = {"lat": 36.0671, "lng": 120.3826}

FACILITY_POOL = [str(uuid.UUID(int=n + 1)) for n in range(12)]
INSPECTOR_POOL = [str(uuid.UUID(int=1000 + n)) for n in range(6)]


@st.composite
def draw_inputs(draw: st.DrawFn) -> tuple[str, list[str], list[str], int, dict[str, list[str]]]:
    candidates = draw(st.lists(st.sampled_from(FACILITY_POOL), min_size=1, max_size=12, unique=True))
    inspectors = draw(st.lists(st.sampled_from(INSPECTOR_POOL), min_size=1, max_size=6, unique=True))
    count = draw(st.integers(min_value=1, max_value=len(candidates)))
    # Histories name any inspectors, including ones not in this draw, and any facilities.
    previous = draw(
        st.dictionaries(
            st.sampled_from(FACILITY_POOL),
            st.lists(st.sampled_from(INSPECTOR_POOL), min_size=1, max_size=2, unique=True),
        )
    )
    seed = draw(st.text(alphabet="0123456789abcdef", min_size=1, max_size=32))
    return seed, candidates, inspectors, count, previous


@settings(max_examples=400, deadline=None)
@given(draw_inputs())
def test_draw_never_repeats_an_inspector_at_a_facility(
    inputs: tuple[str, list[str], list[str], int, dict[str, list[str]]],
) -> None:
    seed, candidates, inspectors, count, previous = inputs
    try:
        drawn = compute_draw(seed, candidates, inspectors, count, previous)
    except DrawImpossible as exc:
        # Impossible only when some drawn facility has too few inspectors it didn't see last time.
        facility_id = exc.details["facility_id"]
        eligible = set(inspectors) - set(previous.get(facility_id, []))
        assert len(eligible) < inspectors_per_inspection(len(inspectors))
        return
    assert len(drawn) == count
    assert len({item.facility_id for item in drawn}) == count
    assert {item.facility_id for item in drawn} <= set(candidates)
    for item in drawn:
        assert len(item.inspector_ids) == inspectors_per_inspection(len(inspectors))
        assert len(set(item.inspector_ids)) == len(item.inspector_ids)
        assert set(item.inspector_ids) <= set(inspectors)
        assert not set(item.inspector_ids) & set(previous.get(item.facility_id, []))


@settings(max_examples=200, deadline=None)
@given(draw_inputs(), st.randoms(use_true_random=False))
def test_draw_is_a_function_of_its_inputs(
    inputs: tuple[str, list[str], list[str], int, dict[str, list[str]]], shuffler: random.Random
) -> None:
    seed, candidates, inspectors, count, previous = inputs
    shuffled_candidates, shuffled_inspectors = candidates.copy(), inspectors.copy()
    shuffler.shuffle(shuffled_candidates)
    shuffler.shuffle(shuffled_inspectors)
    try:
        first = compute_draw(seed, candidates, inspectors, count, previous)
    except DrawImpossible:
        with pytest.raises(DrawImpossible):
            compute_draw(seed, shuffled_candidates, shuffled_inspectors, count, previous)
        return
    # The same inputs in any order give the same draw: candidates are sorted before the dice roll.
    assert compute_draw(seed, shuffled_candidates, shuffled_inspectors, count, previous) == first


def test_a_barred_inspector_is_replaced_by_the_next_eligible_one() -> None:
    facility = FACILITY_POOL[0]
    a, b, c = INSPECTOR_POOL[:3]
    for n in range(50):
        drawn = compute_draw(f"seed-{n}", [facility], [a, b, c], 1, {facility: [a]})
        assert set(drawn[0].inspector_ids) == {b, c}
    with pytest.raises(DrawImpossible) as caught:
        compute_draw("s", [facility], [a, b, c], 1, {facility: [a, b]})
    assert caught.value.details["facility_id"] == facility
    with pytest.raises(DrawImpossible):
        compute_draw("s", FACILITY_POOL[:2], [a], 3, {})


def test_work_is_spread_over_the_inspectors() -> None:
    drawn = compute_draw("spread", FACILITY_POOL, INSPECTOR_POOL[:4], 12, {})
    loads = [sum(inspector in item.inspector_ids for item in drawn) for inspector in INSPECTOR_POOL[:4]]
    assert loads == [6, 6, 6, 6]


async def _regulator_caller(res: Resources) -> Caller:
    account, _ = await make_account(res, "regulator")
    return Caller(account_id=str(account.id), role="regulator")


async def test_draws_in_sequence_never_repeat_and_replay_exactly(res: Resources) -> None:
    caller = await _regulator_caller(res)
    inspectors = [str((await make_account(res, "regulator"))[0].id) for _ in range(4)]
    for _ in range(3):
        await make_facility(res, **AWAY, town=f"抽查镇{uuid.uuid4().hex[:6]}")
    candidates = await Facility.filter(suspended=False).count()
    dice = random.Random(20260101)
    draw_ids: list[str] = []
    for round_number in range(8):
        chosen = dice.sample(inspectors, dice.randint(1, len(inspectors)))
        count = dice.randint(1, min(candidates, 5))
        # What each facility's latest inspection was before this draw.
        history = {
            str(i.facility_id): set(i.inspector_ids)  # type: ignore[attr-defined]
            for i in await Inspection.all().order_by("created_at", "id")
        }
        try:
            answer = await draw_inspections(
                res, caller, DrawIn(count=count, inspector_ids=chosen, seed=f"round-{round_number}")
            )
        except Conflict as exc:
            assert "facility_id" in exc.details
            continue
        draw_ids.append(answer.id)
        assert len(answer.items) == count
        for item in answer.items:
            assert not set(item.inspector_ids) & history.get(item.facility_id, set())
            assert len(item.inspector_ids) == (2 if len(chosen) >= 2 else 1)
    assert draw_ids
    # Later draws changed every facility's "previous inspection"; each replay is still exact.
    for draw_id in draw_ids:
        replay = await replay_draw(res, caller, draw_id)
        assert replay.matches is True, replay


async def test_a_given_seed_is_recorded_and_a_missing_one_generated(res: Resources) -> None:
    caller = await _regulator_caller(res)
    inspector, _ = await make_account(res, "regulator")
    await make_facility(res, **AWAY)
    answer = await draw_inspections(res, caller, DrawIn(count=1, inspector_ids=[str(inspector.id)]))
    assert len(answer.seed) == 32
    draw = await InspectionDraw.get(id=answer.id)
    assert draw.seed == answer.seed
    assert draw.candidate_facility_ids == sorted(draw.candidate_facility_ids)
    assert draw.inspector_ids == [str(inspector.id)]
