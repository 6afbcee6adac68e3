"""The app factory itself refuses an unsafe SECRET_KEY outside the embedded default (not only the
CLI), with a message saying what to set."""

from __future__ import annotations

import pytest
from sanic import Sanic

from config.settings import PLACEHOLDER_SECRET, InsecureSecretKey, Settings
from miniprogram_api.server import build_app

PRODUCTION_LIKE = {
    "database_url": "postgres://tuoyu@127.0.0.1:5432/tuoyu",
    "redis_url": "redis://127.0.0.1:6379/0",
}
GOOD_KEY = "k3Jx9vQ2-fT8wLm4_Zr7Yc1Nb6Hd0Pq5sUe"


@pytest.fixture(autouse=True)
def _many_apps() -> None:
    # Each call makes an app of the same name; Sanic allows that in test mode only.
    Sanic.test_mode = True


@pytest.mark.parametrize(
    ("key", "says"),
    [
        (PLACEHOLDER_SECRET, "placeholder"),
        ("", "blank"),
        (" " * 16, "blank"),
        ("\t \n", "blank"),
        ("a1b2c3d4e5f6g7h8", "32 characters"),
        ("x" * 31, "32 characters"),
        ("ab" * 20, "repeats"),
    ],
    ids=["placeholder", "empty", "sixteen-spaces", "whitespace", "sixteen", "thirty-one", "repetitive"],
)
def test_build_app_refuses_an_unsafe_key(key: str, says: str) -> None:
    settings = Settings(**PRODUCTION_LIKE, secret_key=key)
    with pytest.raises(InsecureSecretKey) as refused:
        build_app(settings)
    assert "SECRET_KEY" in str(refused.value)
    assert says in str(refused.value)


def test_build_app_takes_a_long_random_key() -> None:
    app = build_app(Settings(**PRODUCTION_LIKE, secret_key=GOOD_KEY))
    assert app.name == "tuoyu"


def test_the_embedded_default_runs_on_the_placeholder() -> None:
    settings = Settings(
        database_url="sqlite://var/tuoyu.sqlite3", redis_url=None, secret_key=PLACEHOLDER_SECRET
    )
    assert build_app(settings).name == "tuoyu"


def test_a_blank_key_is_refused_even_on_the_embedded_default() -> None:
    settings = Settings(database_url="sqlite://var/tuoyu.sqlite3", redis_url=None, secret_key="   ")
    with pytest.raises(InsecureSecretKey):
        build_app(settings)
