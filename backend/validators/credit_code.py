"""Unified social credit codes (统一社会信用代码), GB 32100-2015.

18 characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z); the last
is a check character over the first 17, weighted by powers of 3 modulo 31.
"""

from __future__ import annotations

import unicodedata

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_LENGTH = 18
_CHECK_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE_OF = {char: value for value, char in enumerate(CREDIT_CODE_ALPHABET)}
_MODULUS = len(CREDIT_CODE_ALPHABET)


def normalise_credit_code(code: str) -> str:
    # NFKC turns the full-width characters Chinese input methods produce into ASCII.
    return unicodedata.normalize("NFKC", code).strip().upper()


def credit_code_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a code; ValueError if they can't be one."""
    if len(first17) != CREDIT_CODE_LENGTH - 1:
        raise ValueError(f"expected {CREDIT_CODE_LENGTH - 1} characters, got {len(first17)}")
    try:
        weighted_sum = sum(
            _VALUE_OF[char] * weight for char, weight in zip(first17, _CHECK_WEIGHTS, strict=True)
        )
    except KeyError as exc:
        raise ValueError(f"character {exc.args[0]!r} is not in the credit code alphabet") from None
    check_value = (_MODULUS - weighted_sum % _MODULUS) % _MODULUS
    return CREDIT_CODE_ALPHABET[check_value]


def is_valid_credit_code(code: str) -> bool:
    """Whether a code, after normalise_credit_code, is well formed with the right check character."""
    normalised = normalise_credit_code(code)
    if len(normalised) != CREDIT_CODE_LENGTH or any(char not in _VALUE_OF for char in normalised):
        return False
    return credit_code_check_char(normalised[:-1]) == normalised[-1]
