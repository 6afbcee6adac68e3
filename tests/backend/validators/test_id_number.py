from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from backend.validators import (
    birth_date_of,
    id_number_check_char,
    is_valid_id_number,
    mask_id_number,
    normalise_id_number,
)

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the example in GB 11643-1999
        "371002201901010029",  # Huancui District, born 2019-01-01
        "371002202402290016",  # born on a leap day
    ],
)
def test_valid_numbers(number):
    assert is_valid_id_number(number, today=TODAY)


def test_standard_example_check_characters():
    assert id_number_check_char("11010519491231002") == "X"
    assert id_number_check_char("44052418800101001") == "4"


def test_lowercase_x_is_accepted_and_normalised():
    assert is_valid_id_number("11010519491231002x", today=TODAY)
    assert normalise_id_number(" 11010519491231002x ") == "11010519491231002X"


def test_full_width_digits_are_normalised():
    assert is_valid_id_number("１１０１０５１９４９１２３１００２Ｘ", today=TODAY)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "11010519491231002",  # 17 characters
        "110105194912310023X",  # 19
        "110105194912310021",  # wrong check character
        "1101051949123100X2",  # X only at the end
        "11010519491231002Y",
        "440524188001010014",  # right checksum, but born before 1900
    ],
)
def test_invalid_numbers(number):
    assert not is_valid_id_number(number, today=TODAY)


def _with_check(first17: str) -> str:
    return first17 + id_number_check_char(first17)


def test_birth_date_must_be_a_real_date():
    assert not is_valid_id_number(_with_check("37100220190230002"), today=TODAY)  # 30 February
    assert not is_valid_id_number(_with_check("37100220191301002"), today=TODAY)  # month 13
    assert is_valid_id_number(_with_check("37100220200229002"), today=TODAY)  # a leap day


def test_birth_date_must_not_be_in_the_future():
    tomorrow = TODAY + timedelta(days=1)
    assert is_valid_id_number(_with_check(f"371002{TODAY:%Y%m%d}002"), today=TODAY)
    assert not is_valid_id_number(_with_check(f"371002{tomorrow:%Y%m%d}002"), today=TODAY)


def test_today_defaults_to_the_service_clock():
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number(_with_check("37100221000101002"))


def test_birth_date_of():
    assert birth_date_of("11010519491231002X") == date(1949, 12, 31)
    assert birth_date_of(_with_check("37100220190230002")) is None
    assert birth_date_of("3710") is None


def test_mask():
    assert mask_id_number("371002201901010023") == "3710**********0023"
    assert mask_id_number("11010519491231002x") == "1101**********002X"
    assert mask_id_number("1234567") == "*******"


birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
first17 = st.builds(
    lambda area, born, sequence: f"{area:06d}{born:%Y%m%d}{sequence:03d}",
    st.integers(min_value=110000, max_value=829999),
    birth_dates,
    st.integers(min_value=0, max_value=999),
)


@given(first17)
def test_computed_check_char_always_validates(body):
    assert is_valid_id_number(body + id_number_check_char(body), today=TODAY)


@given(first17, st.integers(min_value=0, max_value=17), st.sampled_from("0123456789XYx- "))
def test_any_single_character_change_fails(body, position, replacement):
    number = body + id_number_check_char(body)
    assume(normalise_id_number(replacement) != number[position])
    changed = number[:position] + replacement + number[position + 1 :]
    assert not is_valid_id_number(changed, today=TODAY)
