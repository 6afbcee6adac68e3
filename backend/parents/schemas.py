"""What parents send: WeChat login, children and subscribe-message grants, each field bounded.

The web layer parses bodies into these models (a 422 naming each bad field); the services take
them as they are and add the rules that need the clock or the database.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

# Format and other invisible characters (Cf) would let a name look like another or reorder text
# (bidi overrides); the zero-width joiner stays allowed because emoji sequences need it.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_ALLOWED_FORMAT_CHARS = frozenset({"\u200d"})
_TEXT_LAYOUT_CHARS = frozenset({"\n", "\r", "\t"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _forbidden_chars(value: str, allowed: frozenset[str]) -> bool:
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES and ch not in allowed for ch in value)


def _single_line_text(value: str) -> str:
    if _forbidden_chars(value, _ALLOWED_FORMAT_CHARS):
        raise ValueError("must not contain control or invisible formatting characters")
    return value


def _multi_line_text(value: str) -> str:
    if _forbidden_chars(value, _ALLOWED_FORMAT_CHARS | _TEXT_LAYOUT_CHARS):
        raise ValueError("must not contain control or invisible formatting characters")
    return value


def _iso_date(value: Any) -> Any:
    # Pydantic on its own would also take a Unix timestamp or a datetime string; the API speaks
    # YYYY-MM-DD only, and anything else is a client mistake worth naming.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value  # a Python caller (the demo seed, a test) with a real date
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return value


ChildName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=50),
    AfterValidator(_single_line_text),
]
Allergies = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=500),
    AfterValidator(_multi_line_text),
]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
Gender = Literal["f", "m"]
# What wx.login hands out is short printable ASCII; anything else never came from WeChat, but for
# `dev:NAME` of `tuoyu serve --dev-login`, whose NAME may be Chinese.
LoginCode = Annotated[
    str, StringConstraints(min_length=1, max_length=128, pattern=r"^(?:[\x21-\x7e]+|dev:[^\s\x00-\x1f]+)$")
]
TemplateId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]


class WxLoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: LoginCode = Field(description="The code wx.login gave the mini program (used once).")


class MeUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone_code: LoginCode = Field(
        description="The code of the mini program's getPhoneNumber button (used once); the number is "
        "fetched from WeChat, stored encrypted and shown masked."
    )


class ChildCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ChildName
    birth_date: IsoDate
    gender: Gender
    allergies: Allergies = ""
    consent: Literal[True] | None = Field(
        default=None,
        description=(
            "The parent agrees to the processing of the child's data (PIPL: a child under 14's data "
            "is sensitive). Required with the first child."
        ),
    )


class ChildUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ChildName | None = None
    birth_date: IsoDate | None = None
    gender: Gender | None = None
    allergies: Allergies | None = None

    @field_validator("name", "birth_date", "gender", "allergies", mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        # Leaving a field out keeps it; an explicit null would blank a required field.
        if value is None:
            raise ValueError("may be left out but not null")
        return value


class SubscriptionGrantBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    template_ids: list[TemplateId] = Field(
        min_length=1,
        max_length=20,
        description="The templates the parent accepted in wx.requestSubscribeMessage.",
    )


# What the parents' routes answer (documented in the OpenAPI document; the services answer these).


class LoginUser(BaseModel):
    id: str
    role: str


class LoginAnswer(BaseModel):
    token: str
    expires_in: int = Field(description="Seconds the token stays valid unless logged out.")
    user: LoginUser


class MeAnswer(BaseModel):
    id: str
    role: str
    facility_id: str | None = Field(description="Facility admins and staff only.")
    display_name: str
    username: str | None = Field(description="Staff and regulators only.")
    phone: str | None = Field(description='Masked, like "138****1234".')
    child_data_consent_at: str | None
    grants: dict[str, int] | None = Field(
        description="Parents only: the subscribe-message permissions left per template id."
    )


class ChildAnswer(BaseModel):
    id: str
    name: str
    birth_date: date
    gender: Gender
    allergies: str
    age_months: int = Field(description="Whole months of age today, worked out on every read.")
    created_at: datetime
    updated_at: datetime


class GrantAnswer(BaseModel):
    template_id: str
    remaining: int = Field(description="One-time permissions not yet spent.")
    granted_total: int


class GrantsAnswer(BaseModel):
    grants: list[GrantAnswer]
