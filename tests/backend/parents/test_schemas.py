"""Parent input models: bounds, cleaning and the characters a name may hold."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from backend.parents.schemas import ChildCreate, ChildUpdate, SubscriptionGrantBody, WxLoginBody


def fields_of(exc: ValidationError) -> set[str]:
    return {str(error["loc"][0]) for error in exc.errors()}


def test_a_child_is_cleaned() -> None:
    child = ChildCreate.model_validate(
        {"name": " 小明 ", "birth_date": "2024-02-29", "gender": "m", "allergies": " 花生\n "}
    )
    assert child.name == "小明"
    assert child.birth_date == date(2024, 2, 29)
    assert child.allergies == "花生"
    assert child.consent is None


def test_emoji_sequences_are_fine_in_names() -> None:
    # A family emoji is joined with zero-width joiners; those are not control characters.
    assert ChildCreate.model_validate({"name": "小明👨‍👩‍👧", "birth_date": "2024-01-01", "gender": "f"})


@pytest.mark.parametrize("name", ["a\u0000", "a\u200bb", "a\u2028b", "\u202eabc", "a\tb"])
def test_invisible_and_control_characters_are_refused_in_names(name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        ChildCreate.model_validate({"name": name, "birth_date": "2024-01-01", "gender": "f"})
    assert fields_of(caught.value) == {"name"}


def test_patch_keeps_what_is_left_out_and_refuses_nulls() -> None:
    assert ChildUpdate.model_validate({}).model_fields_set == set()
    assert ChildUpdate.model_validate({"gender": "f"}).model_fields_set == {"gender"}
    with pytest.raises(ValidationError) as caught:
        ChildUpdate.model_validate({"name": None, "allergies": None})
    assert fields_of(caught.value) == {"name", "allergies"}


@pytest.mark.parametrize("code", ["", "x" * 129, "a b", "码"])
def test_login_codes_are_bounded(code: str) -> None:
    with pytest.raises(ValidationError):
        WxLoginBody.model_validate({"code": code})


def test_template_ids_are_bounded() -> None:
    assert SubscriptionGrantBody.model_validate({"template_ids": ["a-B_9"]}).template_ids == ["a-B_9"]
    for ids in ([], ["x" * 65], ["ok"] * 21, ["a/b"]):
        with pytest.raises(ValidationError):
            SubscriptionGrantBody.model_validate({"template_ids": ids})
