"""Every model of the platform, in one place (Tortoise app label "models")."""

from backend.models.accounts import Account, Child, SubscribeGrant
from backend.models.bookings import Booking, BookingEvent, IdempotencyKey
from backend.models.content import NursingRoom, Policy
from backend.models.district import CalendarYear, DistrictClosure
from backend.models.facilities import Closure, Facility, FacilityClass, Occupancy, StaffMember
from backend.models.regulation import AuditEntry, BanAlert, BanEntry, Inspection, InspectionDraw
from backend.models.waitlist import BookingReschedule, WaitlistEntry, WaitlistOffer
from backend.models.wechat import Follower, OutgoingMessage

__all__ = [
    "Account",
    "AuditEntry",
    "BanAlert",
    "BanEntry",
    "Booking",
    "BookingEvent",
    "BookingReschedule",
    "CalendarYear",
    "Child",
    "Closure",
    "DistrictClosure",
    "Facility",
    "FacilityClass",
    "Follower",
    "IdempotencyKey",
    "Inspection",
    "InspectionDraw",
    "NursingRoom",
    "Occupancy",
    "OutgoingMessage",
    "Policy",
    "StaffMember",
    "SubscribeGrant",
    "WaitlistEntry",
    "WaitlistOffer",
]
