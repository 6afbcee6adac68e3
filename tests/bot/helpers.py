"""Signed WeChat XML for the bot's tests, built the way WeChat's servers build it."""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from typing import Any

import httpx

from config.settings import Settings

PATH = "/wechat/official"
OA_ID = "gh_tuoyu_test"


def signature(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def signed_query(token: str, **extra: str) -> dict[str, str]:
    timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
    return {"signature": signature(token, timestamp, nonce), "timestamp": timestamp, "nonce": nonce, **extra}


def new_openid() -> str:
    return "o" + uuid.uuid4().hex[:27]


def new_msgid() -> str:
    return str(random.randint(10**17, 10**18 - 1))


def _xml(openid: str, msg_type: str, body: str, create_time: int | None = None) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{OA_ID}]]></ToUserName>"
        f"<FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{create_time or int(time.time())}</CreateTime>"
        f"<MsgType><![CDATA[{msg_type}]]></MsgType>{body}</xml>"
    )


def text_xml(openid: str, content: str, msgid: str | None = None) -> str:
    return _xml(
        openid, "text", f"<Content><![CDATA[{content}]]></Content><MsgId>{msgid or new_msgid()}</MsgId>"
    )


def location_xml(openid: str, lat: float, lng: float, msgid: str | None = None) -> str:
    return _xml(
        openid,
        "location",
        f"<Location_X>{lat}</Location_X><Location_Y>{lng}</Location_Y><Scale>15</Scale>"
        f"<Label><![CDATA[威海市环翠区]]></Label><MsgId>{msgid or new_msgid()}</MsgId>",
    )


def image_xml(openid: str) -> str:
    return _xml(
        openid,
        "image",
        f"<PicUrl><![CDATA[http://mmbiz.example/pic]]></PicUrl><MediaId><![CDATA[media]]></MediaId>"
        f"<MsgId>{new_msgid()}</MsgId>",
    )


def event_xml(openid: str, event: str, extra: str = "", create_time: int | None = None) -> str:
    return _xml(openid, "event", f"<Event><![CDATA[{event}]]></Event>{extra}", create_time)


def subscribe_xml(openid: str, scene: str | None = None, create_time: int | None = None) -> str:
    extra = (
        f"<EventKey><![CDATA[qrscene_{scene}]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"
        if scene
        else ""
    )
    return event_xml(openid, "subscribe", extra, create_time)


def location_event_xml(openid: str, lat: float, lng: float) -> str:
    return event_xml(
        openid,
        "LOCATION",
        f"<Latitude>{lat}</Latitude><Longitude>{lng}</Longitude><Precision>30.0</Precision>",
    )


def click_xml(openid: str, key: str) -> str:
    return event_xml(openid, "CLICK", f"<EventKey><![CDATA[{key}]]></EventKey>")


async def post(api: httpx.AsyncClient, settings: Settings, xml: str | bytes, **query: str) -> httpx.Response:
    body = xml.encode() if isinstance(xml, str) else xml
    return await api.post(PATH, params=signed_query(settings.wechat_oa_token, **query), content=body)


def reply_content(xml: str) -> str:
    import xmltodict

    document: Any = xmltodict.parse(xml)
    return str(document["xml"]["Content"])


def spawn_with(stack: Any, args: list[str], env: dict[str, str], log_name: str) -> Any:
    """Like stack.spawn, with environment overrides of our own (the stack's env stays untouched)."""
    import subprocess
    import sys

    log = open(stack.var_dir / log_name, "ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "miniprogram_api.cli", *args],
        cwd=stack.var_dir.parent,
        env={**stack.env, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack.processes.append(process)
    return process


def start_server_with(stack: Any, env: dict[str, str], log_name: str) -> tuple[str, Any]:
    from tests.conftest import free_port

    port = free_port()
    process = spawn_with(stack, ["serve", "--port", str(port), "--no-worker"], env, log_name)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: see {stack.var_dir}/{log_name}")
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return url, process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server did not become ready: see {stack.var_dir}/{log_name}")
