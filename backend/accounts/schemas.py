"""What the account routes answer: staff and regulator sign-in and accounts (service.account_view)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from backend.rules import Role


class SignedInUser(BaseModel):
    id: str
    role: Role
    facility_id: str | None = Field(description="facility admins and staff only")


class StaffLoginAnswer(BaseModel):
    token: str
    expires_in: int = Field(description="Seconds the token stays valid unless logged out.")
    user: SignedInUser


class AccountAnswer(BaseModel):
    id: str
    username: str | None
    role: Role
    role_label: str | None
    display_name: str
    facility_id: str | None = Field(description="facility admins and staff only")
    is_active: bool
    created_at: datetime
