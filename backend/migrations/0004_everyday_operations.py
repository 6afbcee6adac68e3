from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0003_days_of_care")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Inspection",
            name="follows_up",
            field=fields.ForeignKeyField(
                "models.Inspection",
                source_field="follows_up_id",
                null=True,
                db_constraint=True,
                to_field="id",
                related_name="follow_ups",
                on_delete=OnDelete.SET_NULL,
            ),
        ),
        ops.AddField(
            model_name="Inspection",
            name="due_on",
            field=fields.DateField(null=True),
        ),
    ]
