from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

# The service's clock zone (backend.calendar.SERVICE_TZ), spelled out so the migration stays
# what it was when the code moves on.
_TZ = ZoneInfo("Asia/Shanghai")


def _day_status(booking_status: str, day: date, today: date) -> str:
    # What the booking's status says about each of its days, the best a migration can know.
    if booking_status == "checked_out":
        return "left"
    if booking_status == "no_show":
        return "no_show"
    if booking_status == "checked_in":
        if day < today:
            return "left"
        return "present" if day == today else "expected"
    return "expected"


async def _days_for_existing_bookings(apps, schema_editor) -> None:
    """One day row per day each existing booking holds, its price split evenly over them."""
    conn = schema_editor.client
    postgres = conn.capabilities.dialect == "postgres"
    today = datetime.now(_TZ).date()
    # Bookings that have days already are left alone, so running it twice changes nothing.
    rows = await conn.execute_query_dict(
        "SELECT id, slots, status, price_fen FROM bookings "
        "WHERE id NOT IN (SELECT booking_id FROM booking_days)"
    )
    for row in rows:
        raw = row["slots"]
        slots = json.loads(raw) if isinstance(raw, str) else (raw or {})
        days = sorted(date.fromisoformat(str(d)) for d in slots)
        if not days:
            continue
        share, rest = divmod(int(row["price_fen"]), len(days))
        for index, day in enumerate(days):
            price = share + (rest if index == 0 else 0)
            status = _day_status(str(row["status"]), day, today)
            if postgres:
                sql = (
                    "INSERT INTO booking_days (booking_id, date, status, price_fen, updated_at) "
                    "VALUES ($1, $2, $3, $4, now())"
                )
                await conn.execute_query(sql, [row["id"], day, status, price])
            else:
                sql = (
                    "INSERT INTO booking_days (booking_id, date, status, price_fen, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)"
                )
                now = datetime.now(_TZ).isoformat()
                await conn.execute_query(sql, [str(row["id"]), day.isoformat(), status, price, now])


class Migration(migrations.Migration):
    dependencies = [('models', '0002_district_calendar')]

    initial = False

    operations = [
        ops.CreateModel(
            name='BookingDay',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('booking', fields.ForeignKeyField('models.Booking', source_field='booking_id', db_constraint=True, to_field='id', related_name='days', on_delete=OnDelete.CASCADE)),
                ('date', fields.DateField(db_index=True)),
                ('status', fields.CharField(default='expected', max_length=20)),
                ('price_fen', fields.IntField(default=0)),
                ('check_in_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('check_out_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('checked_in_by', fields.ForeignKeyField('models.Account', source_field='checked_in_by_id', null=True, db_constraint=True, to_field='id', related_name='day_check_ins', on_delete=OnDelete.SET_NULL)),
                ('checked_out_by', fields.ForeignKeyField('models.Account', source_field='checked_out_by_id', null=True, db_constraint=True, to_field='id', related_name='day_check_outs', on_delete=OnDelete.SET_NULL)),
                ('health_check', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('picked_up_by', fields.CharField(null=True, max_length=100)),
                ('absence_reason', fields.CharField(null=True, max_length=20)),
                ('absence_note', fields.CharField(null=True, max_length=500)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'booking_days', 'app': 'models', 'unique_together': (('booking', 'date'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.RunPython(_days_for_existing_bookings, ops.RunPython.noop),
    ]
