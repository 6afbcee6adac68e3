"""Resident identity card numbers (公民身份号码), GB 11643-1999.

18 characters: a 6-digit address code, the birth date as YYYYMMDD, a 3-digit sequence and a check
character (0-9 or X) over the first 17, an ISO 7064 MOD 11-2 checksum.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from backend.calendar import today_local

ID_NUMBER_LENGTH = 18
_CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_DIGITS = frozenset("0123456789")
# Nobody alive was born earlier; a smaller year is a typo that happens to parse as a date.
_EARLIEST_BIRTH_YEAR = 1900
_SHOWN_PREFIX = 4
_SHOWN_SUFFIX = 4


def normalise_id_number(n: str) -> str:
    # NFKC turns full-width digits and Ｘ from Chinese input methods into ASCII; the check X is upper case.
    return unicodedata.normalize("NFKC", n).strip().upper()


def id_number_check_char(first17: str) -> str:
    if len(first17) != ID_NUMBER_LENGTH - 1 or not _DIGITS.issuperset(first17):
        raise ValueError(f"expected {ID_NUMBER_LENGTH - 1} digits")
    weighted_sum = sum(int(digit) * weight for digit, weight in zip(first17, _CHECK_WEIGHTS, strict=True))
    return _CHECK_CHARS[weighted_sum % 11]


def birth_date_of(n: str) -> date | None:
    """The birth date an ID number carries, or None if those digits are not a real date."""
    normalised = normalise_id_number(n)
    digits = normalised[6:14]
    if len(digits) != 8 or not _DIGITS.issuperset(digits):
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def is_valid_id_number(n: str, today: date | None = None) -> bool:
    """Whether a number is well formed, has the right check character and a real, past birth date.

    `today` defaults to today on the service clock (Asia/Shanghai).
    """
    normalised = normalise_id_number(n)
    if len(normalised) != ID_NUMBER_LENGTH or not _DIGITS.issuperset(normalised[:-1]):
        return False
    if id_number_check_char(normalised[:-1]) != normalised[-1]:
        return False
    born = birth_date_of(normalised)
    if born is None or born.year < _EARLIEST_BIRTH_YEAR:
        return False
    return born <= (today if today is not None else today_local())


def mask_id_number(n: str) -> str:
    """The number as shown to people: first 4 and last 4 characters, the rest as stars."""
    normalised = normalise_id_number(n)
    if len(normalised) <= _SHOWN_PREFIX + _SHOWN_SUFFIX:
        # Too short to show any part without showing most of it.
        return "*" * len(normalised)
    hidden = len(normalised) - _SHOWN_PREFIX - _SHOWN_SUFFIX
    return normalised[:_SHOWN_PREFIX] + "*" * hidden + normalised[-_SHOWN_SUFFIX:]
