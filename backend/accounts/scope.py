"""Who may act where: the caller's own facility, and the bureau's work.

Routes check the role already; services check again, because a service is also called from places
no route guards (the CLI, jobs, other services), and the answer must be the same everywhere.
"""

from __future__ import annotations

from backend.context import Caller
from backend.errors import Forbidden
from backend.rules import Role

FACILITY_ROLES: frozenset[str] = frozenset({Role.facility_admin, Role.facility_staff})


def own_facility(caller: Caller, *, admin_only: bool = False, refusal: str | None = None) -> str:
    """The id of the caller's facility; Forbidden for anyone else, and for staff when `admin_only`."""
    roles = {Role.facility_admin} if admin_only else FACILITY_ROLES
    if caller.role not in roles or not caller.facility_id:
        if refusal is None:
            refusal = (
                "Only the facility's administrator may do this."
                if admin_only
                else "This needs a facility account."
            )
        raise Forbidden(refusal)
    return caller.facility_id


def require_regulator(caller: Caller, refusal: str = "Only the district bureau may do this.") -> None:
    if caller.role != Role.regulator:
        raise Forbidden(refusal)
