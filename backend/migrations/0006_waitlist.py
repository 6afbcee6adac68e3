from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from backend.models._base import new_id
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_pickups_health_checks')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BookingReschedule',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('booking', fields.ForeignKeyField('models.Booking', source_field='booking_id', db_constraint=True, to_field='id', related_name='reschedules', on_delete=OnDelete.CASCADE)),
                ('actor', fields.ForeignKeyField('models.Account', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='booking_reschedules', on_delete=OnDelete.SET_NULL)),
                ('actor_role', fields.CharField(max_length=20)),
                ('from_slots', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('to_slots', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'booking_reschedules', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WaitlistEntry',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=new_id, unique=True, db_index=True)),
                ('parent', fields.ForeignKeyField('models.Account', source_field='parent_id', db_constraint=True, to_field='id', related_name='waitlist_entries', on_delete=OnDelete.RESTRICT)),
                ('child', fields.ForeignKeyField('models.Child', source_field='child_id', db_constraint=True, to_field='id', related_name='waitlist_entries', on_delete=OnDelete.RESTRICT)),
                ('facility', fields.ForeignKeyField('models.Facility', source_field='facility_id', db_constraint=True, to_field='id', related_name='waitlist_entries', on_delete=OnDelete.RESTRICT)),
                ('care_type', fields.CharField(max_length=20)),
                ('start_date', fields.DateField()),
                ('end_date', fields.DateField()),
                ('session', fields.CharField(null=True, max_length=2)),
                ('start_time', fields.CharField(null=True, max_length=5)),
                ('end_time', fields.CharField(null=True, max_length=5)),
                ('note', fields.CharField(default='', max_length=500)),
                ('request_key', fields.CharField(db_index=True, max_length=64)),
                ('status', fields.CharField(db_index=True, max_length=20)),
                ('booking', fields.ForeignKeyField('models.Booking', source_field='booking_id', null=True, db_constraint=True, to_field='id', related_name='waitlist_entries', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'waitlist_entries', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WaitlistOffer',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('entry', fields.OneToOneField('models.WaitlistEntry', source_field='entry_id', db_constraint=True, to_field='id', related_name='offer', on_delete=OnDelete.CASCADE)),
                ('facility', fields.ForeignKeyField('models.Facility', source_field='facility_id', db_constraint=True, to_field='id', related_name='waitlist_offers', on_delete=OnDelete.CASCADE)),
                ('klass', fields.ForeignKeyField('models.FacilityClass', source_field='klass_id', db_constraint=True, to_field='id', related_name='waitlist_offers', on_delete=OnDelete.CASCADE)),
                ('class_kind', fields.CharField(max_length=20)),
                ('slots', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('price_fen', fields.IntField()),
                ('expires_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('state', fields.CharField(db_index=True, max_length=20)),
                ('reminded', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'waitlist_offers', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Facility',
            name='waitlist_hold_minutes',
            field=fields.SmallIntField(default=30),
        ),
    ]
