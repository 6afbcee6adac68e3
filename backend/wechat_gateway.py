"""What the domain needs from WeChat, as a protocol: the WeChat client wrapper in `bot` implements
it with wechatpy, and the entry point hands it to the services, so `backend` stays SDK-free."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class WechatSession:
    openid: str
    session_key: str
    unionid: str | None = None


class WechatError(Exception):
    """WeChat answered with an error code (errcode != 0)."""

    def __init__(self, errcode: int, errmsg: str = "") -> None:
        super().__init__(f"WeChat error {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg


class WechatUnreachable(Exception):
    """WeChat did not answer in time, or answered with an HTTP error."""


class WechatGateway(Protocol):
    async def code_to_session(self, code: str) -> WechatSession: ...

    async def phone_number(self, code: str) -> str:
        """The phone number a getPhoneNumber code of the mini program stands for (used once)."""
        ...

    async def send_subscribe_message(
        self, openid: str, template_id: str, data: dict[str, Any], page: str | None = None
    ) -> str | None: ...

    async def send_template_message(
        self, openid: str, template_id: str, data: dict[str, Any], url: str | None = None
    ) -> str | None: ...

    async def send_text(self, openid: str, text: str) -> None: ...
