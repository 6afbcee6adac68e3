"""The migrations describe the models: a model changed without its migration (or two branches'
migrations merged into a state the models don't have) fails here, not on a user's `make run`."""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.migrations.autodetector import MigrationAutodetector

from backend.context import Resources
from config.database import APP_LABEL, tortoise_config


async def test_the_migrations_leave_nothing_of_the_models_out(res: Resources) -> None:
    apps_config = tortoise_config(res.settings)["apps"]
    detector = MigrationAutodetector(Tortoise.apps, apps_config)
    missing = await detector.changes()
    described = {
        writer.app_label: [type(operation).__name__ for operation in writer.operations] for writer in missing
    }
    assert described == {}, f"models changed without a migration in {APP_LABEL}: {described}"
