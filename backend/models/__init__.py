"""Every model of the platform, in one place (Tortoise app label "models")."""

from backend.models.accounts import Account, Child, SubscribeGrant
from backend.models.bookings import Booking, BookingDay, BookingEvent, IdempotencyKey
from backend.models.content import NursingRoom, Policy
from backend.models.district import CalendarYear, DistrictClosure
from backend.models.facilities import Closure, Facility, FacilityClass, Occupancy, StaffMember
from backend.models.regulation import AuditEntry, BanAlert, BanEntry, Inspection, InspectionDraw
from backend.models.safeguarding import AdmissionHealthCheck, PickupCode, PickupCodeTries, PickupPerson
from backend.models.waitlist import BookingReschedule, WaitlistEntry, WaitlistOffer
from backend.models.wechat import Follower, OutgoingMessage

__all__ = [
    "Account",
    "AdmissionHealthCheck",
    "AuditEntry",
    "BanAlert",
    "BanEntry",
    "Booking",
    "BookingDay",
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
    "PickupCode",
    "PickupCodeTries",
    "PickupPerson",
    "Policy",
    "StaffMember",
    "SubscribeGrant",
    "WaitlistEntry",
    "WaitlistOffer",
]
