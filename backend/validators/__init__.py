"""Validators for the national identifiers the platform takes in."""

from backend.validators.credit_code import (
    credit_code_check_char,
    is_valid_credit_code,
    normalise_credit_code,
)
from backend.validators.id_number import (
    birth_date_of,
    id_number_check_char,
    is_valid_id_number,
    mask_id_number,
    normalise_id_number,
)

__all__ = [
    "birth_date_of",
    "credit_code_check_char",
    "id_number_check_char",
    "is_valid_credit_code",
    "is_valid_id_number",
    "mask_id_number",
    "normalise_credit_code",
    "normalise_id_number",
]
