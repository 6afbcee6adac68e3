from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

# Every foreign key column leads an index (alone, or with the column its queries range over): what
# refers to a booking, a child, a facility or an account is found without reading the whole table,
# and deleting one of those (the retention purge) checks its referrers by index. Indexes only: no
# table is rebuilt.
class Migration(migrations.Migration):
    dependencies = [('models', '0007_enum_fields')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Account',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='AdmissionHealthCheck',
            index=Index(fields=['child_id']),
        ),
        ops.AddIndex(
            model_name='AuditEntry',
            index=Index(fields=['actor_id']),
        ),
        ops.AddIndex(
            model_name='BanAlert',
            index=Index(fields=['ban_entry_id']),
        ),
        ops.AddIndex(
            model_name='BanAlert',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='BanAlert',
            index=Index(fields=['staff_id']),
        ),
        ops.AddIndex(
            model_name='BanEntry',
            index=Index(fields=['created_by_id']),
        ),
        ops.AddIndex(
            model_name='Booking',
            index=Index(fields=['child_id', 'end_date']),
        ),
        ops.AddIndex(
            model_name='Booking',
            index=Index(fields=['facility_id', 'end_date']),
        ),
        ops.AddIndex(
            model_name='Booking',
            index=Index(fields=['klass_id', 'end_date']),
        ),
        ops.AddIndex(
            model_name='Booking',
            index=Index(fields=['parent_id', 'created_at']),
        ),
        ops.AddIndex(
            model_name='BookingDay',
            index=Index(fields=['checked_in_by_id']),
        ),
        ops.AddIndex(
            model_name='BookingDay',
            index=Index(fields=['checked_out_by_id']),
        ),
        ops.AddIndex(
            model_name='BookingEvent',
            index=Index(fields=['booking_id']),
        ),
        ops.AddIndex(
            model_name='BookingEvent',
            index=Index(fields=['actor_id']),
        ),
        ops.AddIndex(
            model_name='BookingReschedule',
            index=Index(fields=['booking_id']),
        ),
        ops.AddIndex(
            model_name='BookingReschedule',
            index=Index(fields=['actor_id']),
        ),
        ops.AddIndex(
            model_name='Child',
            index=Index(fields=['parent_id']),
        ),
        ops.AddIndex(
            model_name='Closure',
            index=Index(fields=['district_closure_id']),
        ),
        ops.AddIndex(
            model_name='DistrictClosure',
            index=Index(fields=['created_by_id']),
        ),
        ops.AddIndex(
            model_name='FacilityClass',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='IdempotencyKey',
            index=Index(fields=['booking_id']),
        ),
        ops.AddIndex(
            model_name='Inspection',
            index=Index(fields=['draw_id']),
        ),
        ops.AddIndex(
            model_name='Inspection',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='Inspection',
            index=Index(fields=['follows_up_id']),
        ),
        ops.AddIndex(
            model_name='InspectionDraw',
            index=Index(fields=['created_by_id']),
        ),
        ops.AddIndex(
            model_name='OutgoingMessage',
            index=Index(fields=['account_id']),
        ),
        ops.AddIndex(
            model_name='PickupCode',
            index=Index(fields=['booking_id']),
        ),
        ops.AddIndex(
            model_name='PickupPerson',
            index=Index(fields=['child_id']),
        ),
        ops.AddIndex(
            model_name='StaffMember',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='WaitlistEntry',
            index=Index(fields=['parent_id']),
        ),
        ops.AddIndex(
            model_name='WaitlistEntry',
            index=Index(fields=['child_id']),
        ),
        ops.AddIndex(
            model_name='WaitlistEntry',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='WaitlistEntry',
            index=Index(fields=['booking_id']),
        ),
        ops.AddIndex(
            model_name='WaitlistOffer',
            index=Index(fields=['facility_id']),
        ),
        ops.AddIndex(
            model_name='WaitlistOffer',
            index=Index(fields=['klass_id']),
        ),
    ]
