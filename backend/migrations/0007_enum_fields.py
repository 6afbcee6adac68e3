from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.rules import AbsenceReason, AdmissionCheckResult, BookingStatus, CareType, ClassKind, DayStatus, FacilityNature, FilingStatus, InspectionResult, InspectionStatus, Role, Session, StaffRole, VenueType
from tortoise import fields

from backend.db.migration_ops import RetypeField

# The enum fields of backend/rules.py in the models (each column keeps its type, length and rows).
class Migration(migrations.Migration):
    dependencies = [('models', '0006_waitlist')]

    initial = False

    operations = [
        RetypeField(
            model_name='Account',
            name='role',
            field=fields.CharEnumField(db_index=True, description='parent: parent\nfacility_admin: facility_admin\nfacility_staff: facility_staff\nregulator: regulator', enum_type=Role, max_length=20),
        ),
        RetypeField(
            model_name='AdmissionHealthCheck',
            name='result',
            field=fields.CharEnumField(description='fit: fit\nunfit: unfit', enum_type=AdmissionCheckResult, max_length=10),
        ),
        RetypeField(
            model_name='Booking',
            name='care_type',
            field=fields.CharEnumField(db_index=True, description='full_day: full_day\nhalf_day: half_day\nhourly: hourly\ntemporary: temporary', enum_type=CareType, max_length=20),
        ),
        RetypeField(
            model_name='Booking',
            name='class_kind',
            field=fields.CharEnumField(description='infant: infant\ntoddler: toddler\npreschool: preschool\nmixed: mixed\nfamily: family', enum_type=ClassKind, max_length=20),
        ),
        RetypeField(
            model_name='Booking',
            name='session',
            field=fields.CharEnumField(null=True, description='am: am\npm: pm', enum_type=Session, max_length=2),
        ),
        RetypeField(
            model_name='Booking',
            name='status',
            field=fields.CharEnumField(db_index=True, description='pending: pending\nconfirmed: confirmed\nrejected: rejected\ncancelled: cancelled\nchecked_in: checked_in\nchecked_out: checked_out\nno_show: no_show', enum_type=BookingStatus, max_length=20),
        ),
        RetypeField(
            model_name='BookingDay',
            name='absence_reason',
            field=fields.CharEnumField(null=True, description='sick: sick\npersonal: personal\nother: other\nclosed: closed', enum_type=AbsenceReason, max_length=20),
        ),
        RetypeField(
            model_name='BookingDay',
            name='status',
            field=fields.CharEnumField(default=DayStatus.expected, description='expected: expected\npresent: present\nleft: left\nabsent: absent\nno_show: no_show\nclosed: closed', enum_type=DayStatus, max_length=20),
        ),
        RetypeField(
            model_name='BookingEvent',
            name='from_status',
            field=fields.CharEnumField(null=True, description='pending: pending\nconfirmed: confirmed\nrejected: rejected\ncancelled: cancelled\nchecked_in: checked_in\nchecked_out: checked_out\nno_show: no_show', enum_type=BookingStatus, max_length=20),
        ),
        RetypeField(
            model_name='BookingEvent',
            name='to_status',
            field=fields.CharEnumField(description='pending: pending\nconfirmed: confirmed\nrejected: rejected\ncancelled: cancelled\nchecked_in: checked_in\nchecked_out: checked_out\nno_show: no_show', enum_type=BookingStatus, max_length=20),
        ),
        RetypeField(
            model_name='Facility',
            name='filing_status',
            field=fields.CharEnumField(default=FilingStatus.unfiled, db_index=True, description='unfiled: unfiled\nfiled: filed\nrevoked: revoked', enum_type=FilingStatus, max_length=10),
        ),
        RetypeField(
            model_name='Facility',
            name='nature',
            field=fields.CharEnumField(description='public: public\nprivate_nonprofit: private_nonprofit\nprivate_for_profit: private_for_profit\nemployer: employer\nkindergarten: kindergarten\nfamily: family', enum_type=FacilityNature, max_length=30),
        ),
        RetypeField(
            model_name='FacilityClass',
            name='kind',
            field=fields.CharEnumField(description='infant: infant\ntoddler: toddler\npreschool: preschool\nmixed: mixed\nfamily: family', enum_type=ClassKind, max_length=20),
        ),
        RetypeField(
            model_name='Inspection',
            name='result',
            field=fields.CharEnumField(null=True, description='passed: pass\nrectify: rectify\nfail: fail', enum_type=InspectionResult, max_length=10),
        ),
        RetypeField(
            model_name='Inspection',
            name='status',
            field=fields.CharEnumField(default=InspectionStatus.scheduled, description='scheduled: scheduled\ndone: done', enum_type=InspectionStatus, max_length=20),
        ),
        RetypeField(
            model_name='NursingRoom',
            name='venue_type',
            field=fields.CharEnumField(description='station: station\nhospital: hospital\nmall: mall\nservice_hall: service_hall\nemployer: employer\nscenic: scenic\nother: other', enum_type=VenueType, max_length=30),
        ),
        RetypeField(
            model_name='StaffMember',
            name='role',
            field=fields.CharEnumField(description='director: director\ncaregiver: caregiver\nhealth: health\ncook: cook\nsecurity: security\nother: other', enum_type=StaffRole, max_length=30),
        ),
        RetypeField(
            model_name='WaitlistEntry',
            name='care_type',
            field=fields.CharEnumField(description='full_day: full_day\nhalf_day: half_day\nhourly: hourly\ntemporary: temporary', enum_type=CareType, max_length=20),
        ),
        RetypeField(
            model_name='WaitlistEntry',
            name='session',
            field=fields.CharEnumField(null=True, description='am: am\npm: pm', enum_type=Session, max_length=2),
        ),
        RetypeField(
            model_name='WaitlistOffer',
            name='class_kind',
            field=fields.CharEnumField(description='infant: infant\ntoddler: toddler\npreschool: preschool\nmixed: mixed\nfamily: family', enum_type=ClassKind, max_length=20),
        ),
    ]
