"""The delivery states of an outgoing message (backend/push/delivery.py tells what each one means).

They live apart from the delivery rules so that the repository, which writes them, and the
services, which decide them, share one vocabulary without importing each other.
"""

from __future__ import annotations

QUEUED = "queued"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
DEAD = "dead"
SKIPPED_NO_GRANT = "skipped_no_grant"
# An optional notice held back so the parent's last grant is there for an essential one.
SKIPPED_RESERVED = "skipped_reserved"
# A notice no longer true before it went out (a reminder of a booking since cancelled).
WITHDRAWN = "withdrawn"
UNKNOWN = "unknown"

STATES = (QUEUED, SENDING, SENT, FAILED, DEAD, SKIPPED_NO_GRANT, SKIPPED_RESERVED, WITHDRAWN, UNKNOWN)
FINAL_STATES = frozenset({SENT, FAILED, DEAD, SKIPPED_NO_GRANT, SKIPPED_RESERVED, WITHDRAWN, UNKNOWN})
REPLAYABLE_STATES = frozenset({DEAD, FAILED, UNKNOWN})
