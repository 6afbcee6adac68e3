"""The official account's message mode follows WeChat's three modes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from config.settings import Settings

AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def test_the_mode_is_safe_when_an_aes_key_is_set() -> None:
    assert Settings(wechat_oa_aes_key=AES_KEY).oa_mode == "safe"


def test_the_mode_is_plain_without_an_aes_key() -> None:
    assert Settings(wechat_oa_aes_key=None).oa_mode == "plain"


def test_compat_is_chosen_explicitly() -> None:
    assert Settings(wechat_oa_aes_key=AES_KEY, wechat_oa_mode="compat").oa_mode == "compat"


@pytest.mark.parametrize("mode", ["safe", "compat"])
def test_an_encrypting_mode_needs_the_key(mode: str) -> None:
    with pytest.raises(ValidationError, match="WECHAT_OA_AES_KEY"):
        Settings(wechat_oa_aes_key=None, wechat_oa_mode=mode)


def test_an_unknown_mode_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(wechat_oa_mode="secret")


PG_URL = "postgres://postgres@127.0.0.1:5432/tuoyu"


def test_each_worker_gets_an_equal_part_of_the_database_connections() -> None:
    settings = Settings(database_url=PG_URL, database_connections=20)
    assert [settings.pool_size_per_worker(n) for n in (1, 2, 3, 16)] == [20, 10, 6, 2]


def test_the_pool_of_a_process_is_its_part_or_else_all_connections() -> None:
    from config.database import tortoise_config

    whole = tortoise_config(Settings(database_url=PG_URL, database_connections=12))
    part = tortoise_config(Settings(database_url=PG_URL, database_connections=12, database_pool_size=6))
    assert whole["connections"]["default"]["credentials"]["maxsize"] == 12
    assert part["connections"]["default"]["credentials"]["maxsize"] == 6


def test_a_maxsize_in_the_database_url_wins() -> None:
    from config.database import tortoise_config

    config = tortoise_config(Settings(database_url=f"{PG_URL}?maxsize=3", database_pool_size=6))
    assert int(config["connections"]["default"]["credentials"]["maxsize"]) == 3
