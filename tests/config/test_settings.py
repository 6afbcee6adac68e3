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
