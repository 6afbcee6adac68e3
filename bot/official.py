"""The official-account message server: URL verification, and messages in plain and safe mode.

Every request is signed by WeChat with the account's token; a bad signature (or, in safe mode, a
bad msg_signature or a message for another appid) answers 403, and so does a signed URL older or
newer than 5 minutes or one whose (timestamp, nonce) was seen before: a captured URL cannot be
replayed. WECHAT_OA_MODE says which of WeChat's modes the account runs: `plain`, `compat` (both
accepted) or `safe` (encrypted only: a plaintext POST, which carries no body signature, is 403).
The XML is parsed without entities: a body declaring a DTD or an entity is refused before it
reaches the parser (400), and xmltodict runs with entity declarations disabled besides. Replies
are plain text (encrypted in safe mode); an unknown message type, or a handler with nothing to
say, answers `success`.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from typing import Any
from xml.parsers.expat import ExpatError

import xmltodict
from sanic import Blueprint, Request
from sanic.exceptions import PayloadTooLarge
from sanic.response import HTTPResponse, text
from sanic_ext import openapi
from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.replies import TextReply
from wechatpy.utils import check_signature

from backend.context import Resources
from backend.errors import Forbidden, ServiceError
from bot.conversation import respond
from config.settings import Settings

log = logging.getLogger(__name__)

bp = Blueprint("wechat_official")

# WeChat's messages are a few hundred bytes; anything near this is not from WeChat.
MAX_BODY_BYTES = 64 * 1024
# WeChat caps a text reply at 2048 bytes; a longer one is not shown at all.
MAX_REPLY_BYTES = 2048
SUCCESS = "success"
_DTD = re.compile(r"<!\s*(doctype|entity)", re.IGNORECASE)
# What a follower writes arrives in CDATA sections, where "<!DOCTYPE" is only text.
_CDATA = re.compile(r"<!\[CDATA\[.*?\]\]>", re.DOTALL)
TAG = "wechat"
# How far a signed timestamp may be from our clock, either way; WeChat's own servers are on time.
SIGNATURE_MAX_AGE_S = 300


class MalformedMessage(ServiceError):
    status = 400
    code = "malformed_message"
    default_message = "The body is not a WeChat XML message."


def _res(request: Request) -> Resources:
    res: Resources = request.app.ctx.res
    return res


def _query(request: Request, name: str) -> str:
    value = request.args.get(name)
    return value if isinstance(value, str) else ""


async def _verify_signature(res: Resources, request: Request) -> None:
    """The URL is signed with our token, fresh (within 5 minutes) and not seen before."""
    signature, timestamp, nonce = (_query(request, n) for n in ("signature", "timestamp", "nonce"))
    if not (signature and timestamp and nonce) or len(nonce) > 64:
        raise Forbidden("The request is not signed by WeChat.")
    try:
        check_signature(res.settings.wechat_oa_token, signature, timestamp, nonce)
    except InvalidSignatureException as exc:
        raise Forbidden("The signature does not match.") from exc
    if not timestamp.isdigit() or len(timestamp) > 12:
        raise Forbidden("The signed timestamp is not a time.")
    if abs(time.time() - int(timestamp)) > SIGNATURE_MAX_AGE_S:
        raise Forbidden("The signed request is more than 5 minutes old (or ahead); it is not accepted.")
    # Remembered until the timestamp leaves the window (with a margin), after which it is stale anyway.
    seen = await res.redis.set(
        res.key("oa", "nonce", timestamp, nonce), 1, nx=True, ex=2 * SIGNATURE_MAX_AGE_S + 60
    )
    if not seen:
        raise Forbidden("This signed request was already received; a replay is not accepted.")


@functools.lru_cache(maxsize=4)
def _crypto(token: str, aes_key: str, app_id: str) -> WeChatCrypto:
    return WeChatCrypto(token, aes_key, app_id)


def crypto_for(settings: Settings) -> WeChatCrypto:
    if not settings.wechat_oa_aes_key:
        raise Forbidden("Safe mode is not configured (WECHAT_OA_AES_KEY).")
    return _crypto(settings.wechat_oa_token, settings.wechat_oa_aes_key, settings.wechat_oa_app_id)


def safe_xml_text(raw: bytes | str) -> str:
    """The body as text, refusing anything but UTF-8 XML without a DTD or entity declaration."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MalformedMessage("The body is not UTF-8.") from exc
    # Any real declaration lies outside CDATA; one hidden from this check by a comment that looks
    # like CDATA still meets the parser, which refuses entity declarations.
    if _DTD.search(_CDATA.sub("", raw)):
        raise MalformedMessage("Document type and entity declarations are not accepted.")
    return raw


def parse_envelope(xml_text: str) -> dict[str, Any]:
    try:
        document = xmltodict.parse(xml_text, disable_entities=True)
    except (ExpatError, ValueError) as exc:
        raise MalformedMessage("The body is not well-formed XML.") from exc
    root = document.get("xml") if isinstance(document, dict) else None
    if not isinstance(root, dict):
        raise MalformedMessage("The body has no <xml> root.")
    return root


def _message_of(xml_text: str) -> Any:
    root = parse_envelope(xml_text)
    for field in ("MsgType", "FromUserName", "ToUserName"):
        if not isinstance(root.get(field), str) or not root[field]:
            raise MalformedMessage(f"The message has no {field}.")
    try:
        return parse_message(xml_text)
    except (ExpatError, ValueError, KeyError, AttributeError, TypeError) as exc:
        raise MalformedMessage("The message cannot be read.") from exc


def _decrypt(settings: Settings, request: Request, xml_text: str) -> str:
    msg_signature = _query(request, "msg_signature")
    if not msg_signature:
        raise Forbidden("Safe mode needs msg_signature.")
    envelope = parse_envelope(xml_text)
    if not isinstance(envelope.get("Encrypt"), str):
        raise MalformedMessage("A safe-mode message has no Encrypt.")
    crypto = crypto_for(settings)
    try:
        plain: str = crypto.decrypt_message(
            envelope, msg_signature, _query(request, "timestamp"), _query(request, "nonce")
        )
    except InvalidSignatureException as exc:
        raise Forbidden("The message signature does not match.") from exc
    except InvalidAppIdException as exc:
        raise Forbidden("The message is for another official account.") from exc
    except Exception as exc:  # bad base64, padding or length: not a message we can read
        raise MalformedMessage("The encrypted message cannot be decrypted.") from exc
    return safe_xml_text(plain)


def _fit(reply: str) -> str:
    encoded = reply.encode("utf-8")
    if len(encoded) <= MAX_REPLY_BYTES:
        return reply
    return encoded[: MAX_REPLY_BYTES - 3].decode("utf-8", errors="ignore") + "…"


async def _warm_up(res: Resources) -> None:
    # The first policy question would otherwise load jieba's dictionary and build the search
    # index inside WeChat's 5 seconds; do it once the worker is up instead.
    from backend.policies.service import search_policies

    try:
        await search_policies(res, "托育补贴", 1)
    except Exception:
        log.warning("warming up the policy search failed; the first question will do it", exc_info=True)


@bp.after_server_start
async def warm_up_policy_search(app: Any) -> None:
    res: Resources | None = getattr(app.ctx, "res", None)
    if res is not None:
        app.add_task(_warm_up(res))


@bp.get("/wechat/official")
@openapi.definition(summary="WeChat server URL verification: echoes echostr when signed", tag=TAG)
@openapi.parameter("signature", str, location="query", required=True)
@openapi.parameter("timestamp", str, location="query", required=True)
@openapi.parameter("nonce", str, location="query", required=True)
@openapi.parameter("echostr", str, location="query", required=True)
async def verify_url(request: Request) -> HTTPResponse:
    await _verify_signature(_res(request), request)
    return text(_query(request, "echostr"))


@bp.post("/wechat/official")
@openapi.definition(
    summary="Messages and events from WeChat (plain or safe mode); answers a reply or success", tag=TAG
)
@openapi.parameter("signature", str, location="query", required=True)
@openapi.parameter("timestamp", str, location="query", required=True)
@openapi.parameter("nonce", str, location="query", required=True)
@openapi.parameter("encrypt_type", str, location="query")
@openapi.parameter("msg_signature", str, location="query")
async def receive_message(request: Request) -> HTTPResponse:
    res = _res(request)
    settings = res.settings
    await _verify_signature(res, request)
    body = request.body or b""
    if len(body) > MAX_BODY_BYTES:
        raise PayloadTooLarge("The message is too large.")
    xml_text = safe_xml_text(body)
    safe_mode = _query(request, "encrypt_type").lower() == "aes"
    if not safe_mode and settings.oa_mode == "safe":
        # A plaintext message has no body signature: accepting one would let anyone holding a
        # signed URL write any message. Safe mode takes encrypted messages only.
        raise Forbidden("This account runs in safe mode: only encrypted messages are accepted.")
    if safe_mode and settings.oa_mode == "plain":
        raise Forbidden("This account runs in plain mode: encrypted messages are not expected.")
    if safe_mode:
        xml_text = _decrypt(settings, request, xml_text)
    message = _message_of(xml_text)
    reply = await respond(res, message)
    if not reply:
        return text(SUCCESS)
    xml = TextReply(message=message, content=_fit(reply)).render()
    if safe_mode:
        xml = crypto_for(settings).encrypt_message(xml, _query(request, "nonce"), str(int(time.time())))
    return text(xml, content_type="application/xml; charset=utf-8")
