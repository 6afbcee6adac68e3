"""Safe mode (encrypt_type=aes) end to end, on a server configured with WeChat's own sample keys."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
import xmltodict
from wechatpy.crypto import WeChatCrypto

from backend.models import Follower
from tests.bot.helpers import PATH, new_openid, signature, signed_query, start_server_with, text_xml

# The sample of WeChat's message-encryption documentation (公众号消息加解密 sample code).
SAMPLE_TOKEN = "spamtest"
SAMPLE_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
SAMPLE_APP_ID = "wx2c2769f8efd9abc2"
SAMPLE_TIMESTAMP = "1409735669"
SAMPLE_NONCE = "1320562132"
SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa"
SAMPLE_BODY = (
    "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]>"
    "</FromUserName><CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]>"
    "</Content><MsgId>6054768590064713728</MsgId><Encrypt><![CDATA[hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655"
    "HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyW"
    "NlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tC"
    "Op3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEP"
    "o5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=]]></Encrypt></xml>"
)


# The tests share the module's safe-mode server: under pytest-xdist (`--dist loadgroup`) they run on one
# worker, which starts it once.
pytestmark = pytest.mark.xdist_group("test_safe_mode")


@pytest.fixture(scope="module")
def safe_server(stack) -> str:
    url, _ = start_server_with(
        stack,
        {
            "WECHAT_OA_TOKEN": SAMPLE_TOKEN,
            "WECHAT_OA_AES_KEY": SAMPLE_AES_KEY,
            "WECHAT_OA_APP_ID": SAMPLE_APP_ID,
        },
        "server-safe-mode.log",
    )
    return url


@pytest.fixture
async def safe_api(safe_server, res) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=safe_server, timeout=60) as client:
        yield client


def _crypto(app_id: str = SAMPLE_APP_ID) -> WeChatCrypto:
    return WeChatCrypto(SAMPLE_TOKEN, SAMPLE_AES_KEY, app_id)


def _decrypt_reply(body: str, nonce: str) -> dict:
    envelope = xmltodict.parse(body)["xml"]
    plain = _crypto().decrypt_message(
        body, envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"]
    )
    assert envelope["Nonce"] == nonce
    return xmltodict.parse(plain)["xml"]


def test_the_documented_sample_decrypts_to_its_known_plaintext():
    plain = _crypto().decrypt_message(SAMPLE_BODY, SAMPLE_MSG_SIGNATURE, SAMPLE_TIMESTAMP, SAMPLE_NONCE)
    message = xmltodict.parse(plain)["xml"]
    assert message["FromUserName"] == "oyORnuP8q7ou2gfYjqLzSIWZf0rs"
    assert message["Content"] == "abcdteT"
    assert message["MsgId"] == "6054768590064713728"


async def test_the_documented_sample_is_refused_as_stale(safe_api):
    # Correctly signed, but its timestamp is from 2014: a captured request is not accepted later.
    query = {
        "signature": signature(SAMPLE_TOKEN, SAMPLE_TIMESTAMP, SAMPLE_NONCE),
        "timestamp": SAMPLE_TIMESTAMP,
        "nonce": SAMPLE_NONCE,
        "encrypt_type": "aes",
        "msg_signature": SAMPLE_MSG_SIGNATURE,
    }
    response = await safe_api.post(PATH, params=query, content=SAMPLE_BODY.encode())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "5 分钟" in response.json()["error"]["message"]


def _encrypted_post(xml: str, app_id: str = SAMPLE_APP_ID) -> tuple[dict[str, str], bytes]:
    query = signed_query(SAMPLE_TOKEN, encrypt_type="aes")
    envelope = xmltodict.parse(_crypto(app_id).encrypt_message(xml, query["nonce"], query["timestamp"]))[
        "xml"
    ]
    query["msg_signature"] = envelope["MsgSignature"]
    encrypted = envelope["Encrypt"]
    body = f"<xml><ToUserName>gh_test</ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
    return query, body.encode()


async def test_an_encrypted_message_is_handled_and_the_reply_encrypted(safe_api):
    openid = new_openid()
    query, body = _encrypted_post(text_xml(openid, "订阅"))
    response = await safe_api.post(PATH, params=query, content=body)
    assert response.status_code == 200
    assert "<Encrypt>" in response.text and "订阅" not in response.text
    reply = _decrypt_reply(response.text, query["nonce"])
    assert reply["ToUserName"] == openid
    assert "已为您订阅" in reply["Content"]


async def test_safe_mode_refuses_bad_signatures_and_other_appids(safe_api):
    query, body = _encrypted_post(text_xml(new_openid(), "订阅"))
    tampered = {**query, "msg_signature": "0" * 40}
    assert (await safe_api.post(PATH, params=tampered, content=body)).status_code == 403
    unsigned = {k: v for k, v in query.items() if k != "msg_signature"}
    assert (await safe_api.post(PATH, params=unsigned, content=body)).status_code == 403
    other_query, other_body = _encrypted_post(text_xml(new_openid(), "订阅"), app_id="wx0000000000000000")
    assert (await safe_api.post(PATH, params=other_query, content=other_body)).status_code == 403


async def test_safe_mode_refuses_an_entity_inside_the_encrypted_message(safe_api):
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + text_xml(new_openid(), "&a;")
    query, body = _encrypted_post(bomb)
    assert (await safe_api.post(PATH, params=query, content=body)).status_code == 400


async def test_url_verification_with_the_sample_token(safe_api):
    response = await safe_api.get(PATH, params=signed_query(SAMPLE_TOKEN, echostr="hello"))
    assert response.text == "hello"


async def test_safe_mode_refuses_a_plaintext_message(safe_api):
    openid = new_openid()
    response = await safe_api.post(
        PATH, params=signed_query(SAMPLE_TOKEN), content=text_xml(openid, "订阅").encode()
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "安全模式" in response.json()["error"]["message"]
    assert not await Follower.filter(openid=openid).exists()


async def test_an_encrypted_message_is_answered_once_per_signed_url(safe_api):
    query, body = _encrypted_post(text_xml(new_openid(), "帮助"))
    assert (await safe_api.post(PATH, params=query, content=body)).status_code == 200
    replayed = await safe_api.post(PATH, params=query, content=body)
    assert replayed.status_code == 403
    assert "重放" in replayed.json()["error"]["message"]
