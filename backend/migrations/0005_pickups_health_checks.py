from tortoise import migrations
from tortoise.migrations import operations as ops
from backend.models._base import new_id
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_everyday_operations')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdmissionHealthCheck',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=new_id, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Child', source_field='child_id', db_constraint=True, to_field='id', related_name='admission_checks', on_delete=OnDelete.CASCADE)),
                ('checked_on', fields.DateField(db_index=True)),
                ('institution', fields.CharField(max_length=100)),
                ('result', fields.CharField(max_length=10)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'admission_health_checks', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PickupPerson',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=new_id, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Child', source_field='child_id', db_constraint=True, to_field='id', related_name='pickup_persons', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=50)),
                ('relation', fields.CharField(max_length=20)),
                ('phone_enc', fields.TextField(null=True, unique=False)),
                ('phone_last4', fields.CharField(null=True, max_length=4)),
                ('parent_of', fields.CharField(null=True, unique=True, max_length=36)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'pickup_persons', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PickupCode',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=new_id, unique=True, db_index=True)),
                ('booking', fields.ForeignKeyField('models.Booking', source_field='booking_id', db_constraint=True, to_field='id', related_name='pickup_codes', on_delete=OnDelete.CASCADE)),
                ('date', fields.DateField(db_index=True)),
                ('person_name', fields.CharField(max_length=50)),
                ('code_hash', fields.CharField(max_length=64)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'pickup_codes', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PickupCodeTries',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('booking', fields.ForeignKeyField('models.Booking', source_field='booking_id', db_constraint=True, to_field='id', related_name='pickup_code_tries', on_delete=OnDelete.CASCADE)),
                ('date', fields.DateField(db_index=True)),
                ('wrong', fields.SmallIntField(default=0)),
            ],
            options={'table': 'pickup_code_tries', 'app': 'models', 'unique_together': (('booking', 'date'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Facility',
            name='requires_admission_check',
            field=fields.BooleanField(default=True, db_default=True),
        ),
    ]
