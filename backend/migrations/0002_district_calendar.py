from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from backend.models._base import new_id
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CalendarYear',
            fields=[
                ('year', fields.SmallIntField(generated=False, primary_key=True, unique=True, db_index=True)),
                ('holidays', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('workdays', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'calendar_years', 'app': 'models', 'pk_attr': 'year'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DistrictClosure',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=new_id, unique=True, db_index=True)),
                ('from_date', fields.DateField()),
                ('to_date', fields.DateField()),
                ('towns', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('reason', fields.CharField(default='', max_length=200)),
                ('created_by', fields.ForeignKeyField('models.Account', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'district_closures', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Closure',
            name='district_closure',
            field=fields.ForeignKeyField('models.DistrictClosure', source_field='district_closure_id', null=True, db_constraint=True, to_field='id', related_name='closures', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='Booking',
            name='cancellable_until',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
