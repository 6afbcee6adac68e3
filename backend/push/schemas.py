"""What the outbox routes answer (service.outgoing_message_view)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class OutgoingMessageAnswer(BaseModel):
    id: str
    kind: str = Field(
        description="subscribe (a booking notice to a parent), template (policy news) or customer_service"
    )
    event: str
    state: str = Field(
        description="queued, sending, sent, failed, dead, skipped_no_grant, skipped_reserved, withdrawn "
        "or unknown (sent by a worker that stopped mid-send: WeChat may have it)"
    )
    attempts: int
    last_errcode: int | None
    last_error: str | None
    recipient: str = Field(description="the recipient's openid, masked")
    template_id: str | None
    booking_id: str | None
    policy_id: str | None
    created_at: datetime | None
    sent_at: datetime | None
