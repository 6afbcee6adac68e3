"""The push worker refuses an unsafe SECRET_KEY before it opens anything."""

from __future__ import annotations

import pytest

from bot.worker import serve
from config.settings import PLACEHOLDER_SECRET, InsecureSecretKey, Settings


@pytest.mark.parametrize("key", [PLACEHOLDER_SECRET, " " * 16, "short-key"])
async def test_the_worker_refuses_an_unsafe_key(key: str) -> None:
    settings = Settings(
        database_url="postgres://tuoyu@127.0.0.1:9/none", redis_url="redis://127.0.0.1:9/0", secret_key=key
    )
    with pytest.raises(InsecureSecretKey, match="SECRET_KEY"):
        await serve(settings)
