"""Migration operations Tortoise does not ship."""

from __future__ import annotations

from tortoise.migrations import operations as ops
from tortoise.migrations.schema_editor.base import BaseSchemaEditor
from tortoise.migrations.schema_generator.state import State


class RetypeField(ops.AlterField):
    """A field whose Python type changes while its column stays exactly as it is.

    A CharField becoming a CharEnumField of the same max_length is the same VARCHAR: only the
    models' state must learn the enum. Tortoise's AlterField would still alter the column for the
    enum's generated description: on SQLite by rebuilding the table (which a populated database
    refuses, its foreign keys pointing at the old table), on PostgreSQL by a column comment. Every
    row stays as it is because nothing is written.
    """

    async def database_forward(
        self,
        app_label: str,
        old_state: State,
        new_state: State,
        state_editor: BaseSchemaEditor | None = None,
    ) -> None:
        return None

    database_backward = database_forward
