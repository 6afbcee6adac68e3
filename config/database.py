"""The Tortoise config shared by the app, the worker, the tests and the migration command."""

from __future__ import annotations

from typing import Any

from tortoise.backends.base.config_generator import generate_config

from config.settings import Settings, get_settings

MODELS_MODULE = "backend.models"
MIGRATIONS_MODULE = "backend.migrations"
APP_LABEL = "models"


def normalised_database_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgres://" + url[len("postgresql://") :]
    return url


async def release_without_reset_query(connection: object) -> None:
    """What asyncpg's pool runs as a connection goes back to it, after its own clean-up (which
    still rolls back a transaction left open). The default sends `SELECT pg_advisory_unlock_all();
    CLOSE ALL; UNLISTEN *; RESET ALL;`: a round trip for every release, two or more a request,
    undoing session state this code never makes (no advisory lock, cursor, listener or setting: a test
    holds it to that). So nothing is sent."""


def tortoise_config(settings: Settings) -> dict[str, Any]:
    url = normalised_database_url(settings.database_url)
    config: dict[str, Any] = generate_config(
        url,
        app_modules={APP_LABEL: [MODELS_MODULE]},
        connection_label="default",
    )
    connection = config["connections"]["default"]
    if settings.is_sqlite:
        connection["engine"] = "config.sqlite_engine"
    else:
        credentials = connection["credentials"]
        credentials.setdefault("minsize", 1)
        # A maxsize in the URL's query wins over the setting.
        credentials.setdefault("maxsize", settings.pool_size)
        credentials["reset"] = release_without_reset_query
    config["apps"][APP_LABEL]["migrations"] = MIGRATIONS_MODULE
    config["use_tz"] = True
    config["timezone"] = "Asia/Shanghai"
    return config


def __getattr__(name: str) -> Any:
    # The `tortoise` command line reads `config.database.TORTOISE_ORM` (pyproject's
    # [tool.tortoise]); computing it lazily keeps importing this module free of side effects.
    if name == "TORTOISE_ORM":
        return tortoise_config(get_settings())
    raise AttributeError(name)
