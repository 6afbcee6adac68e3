import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from backend.validators import credit_code_check_char, is_valid_credit_code, normalise_credit_code
from backend.validators.credit_code import CREDIT_CODE_ALPHABET

# Codes published by the companies themselves (business licences, annual reports).
REAL_CODES = [
    "91350100M000100Y43",
    "91110000600037341L",
    "914403001922038216",  # Huawei Technologies
    "91440300708461136T",  # Shenzhen Tencent Computer Systems
    "91330100799655058B",  # Alibaba (China)
    "911100001000044477",
    "91110000710925462X",
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_validate(code):
    assert is_valid_credit_code(code)
    assert credit_code_check_char(code[:17]) == code[17]


def test_check_value_31_maps_to_zero():
    # A weighted sum divisible by 31 gives 31 - 0 = 31, which the standard writes as "0".
    assert credit_code_check_char("0" * 17) == "0"
    assert is_valid_credit_code("0" * 18)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19
        "91350100M000100Y44",  # wrong check character
        "91350100I000100Y43",  # I is not in the alphabet
        "91350100O000100Y43",  # nor O
        "91350100S000100Y43",  # nor S
        "91350100M000100Y4-",
    ],
)
def test_bad_codes_fail(code):
    assert not is_valid_credit_code(code)


def test_lowercase_spaces_and_full_width_characters_are_normalised():
    assert normalise_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"
    assert is_valid_credit_code("91350100m000100y43")
    assert is_valid_credit_code("９１３５０１００Ｍ０００１００Ｙ４３")


def test_check_char_refuses_impossible_input():
    with pytest.raises(ValueError):
        credit_code_check_char("9135")
    with pytest.raises(ValueError):
        credit_code_check_char("91350100I000100Y4")


first17 = st.text(alphabet=CREDIT_CODE_ALPHABET, min_size=17, max_size=17)


@given(first17)
def test_computed_check_char_always_validates(body):
    assert is_valid_credit_code(body + credit_code_check_char(body))


@given(
    first17,
    st.integers(min_value=0, max_value=17),
    st.sampled_from(CREDIT_CODE_ALPHABET + "IOSVZ-abc "),
)
def test_any_single_character_change_fails(body, position, replacement):
    code = body + credit_code_check_char(body)
    assume(normalise_credit_code(replacement) != code[position])
    changed = code[:position] + replacement + code[position + 1 :]
    assert not is_valid_credit_code(changed)
