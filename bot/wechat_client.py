"""The one WeChat client of the platform: the mini program and the official account through wechatpy.

wechatpy is synchronous, so every call runs in a bounded thread pool. Three things it does not do
the way we need, handled here:
- it hardcodes https://api.weixin.qq.com (in its clients, its API classes and its token fetch):
  our requests session rewrites that host to WECHAT_API_BASE, so EVERY call, token fetches
  included, goes where the settings say (a fake in tests, a proxy in staging);
- it keeps the access token in process memory and its own retry on token errors never stops:
  the token lives in Redis, one process at a time refreshes it under a Redis lock (a new token
  invalidates the old one, so two refreshers would knock each other out), and a token error
  (40001/42001/40014) is retried exactly once after a refresh;
- its `code_to_session` fetches an access token first: we call `sns/jscode2session` ourselves,
  without a token, so a token outage cannot break login.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

import redis
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.retry import Retry
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from backend.infra.redis import create_sync_redis
from backend.security import without_secrets
from backend.wechat_gateway import WechatError, WechatSession, WechatUnreachable
from config.settings import Settings

log = logging.getLogger(__name__)

WECHAT_HOSTS = ("https://api.weixin.qq.com", "http://api.weixin.qq.com")
# invalid credential, invalid access token, expired access token: refresh, then retry once.
TOKEN_ERRCODES = frozenset({40001, 40014, 42001})
# A token is dropped this long before WeChat says it expires, so a call never carries one that
# expires in flight.
TOKEN_EXPIRY_MARGIN_S = 300
LOCAL_TOKEN_CACHE_S = 30.0
T = TypeVar("T")


class WechatHttpSession(requests.Session):
    """A requests session that sends every wechatpy call to our base URL, always with a timeout."""

    def __init__(self, api_base: str, timeout_s: float, pool_size: int) -> None:
        super().__init__()
        self.api_base = api_base.rstrip("/")
        self.timeout_s = timeout_s
        # Only a connection that could not be opened is tried again (the request never left);
        # anything after the request went out is the caller's to judge.
        retries = Retry(total=1, connect=1, read=0, status=0, other=0, redirect=0, raise_on_status=False)
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=pool_size, max_retries=retries)
        self.mount("http://", adapter)
        self.mount("https://", adapter)

    def rewrite(self, url: str) -> str:
        for host in WECHAT_HOSTS:
            if url == host or url.startswith(host + "/"):
                return self.api_base + url[len(host) :]
        return url

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        if isinstance(method, bytes):
            method = method.decode()
        if isinstance(url, bytes):
            url = url.decode()
        # wechatpy passes timeout=None explicitly when none was configured, and its token fetch
        # passes none at all; either way a hung WeChat must not hold a pool thread forever.
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout_s
        return super().request(method, self.rewrite(url), *args, **kwargs)


class WechatAnswerLost(WechatUnreachable):
    """The request went out but its answer did not come back (a read timeout, a dropped
    connection): WeChat may have acted on it. A message send in this state must not be repeated."""

    outcome_unknown = True


def _never_left(exc: requests.RequestException) -> bool:
    """Whether the request certainly never reached WeChat (so repeating it is safe)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError) and exc.args:
        reason = getattr(exc.args[0], "reason", None)
        return isinstance(reason, NewConnectionError | ConnectTimeoutError)
    return False


def _unreachable_from(exc: BaseException) -> WechatUnreachable:
    # The description reaches logs and the bureau's outbox view: no secret of the URL may be in it.
    description = without_secrets(f"{type(exc).__name__}: {exc}")
    if isinstance(exc, requests.RequestException) and not _never_left(exc):
        return WechatAnswerLost(description)
    return WechatUnreachable(description)


def _check_answer(answer: Any) -> dict[str, Any]:
    """WeChat's JSON answer, or the typed error it stands for."""
    if not isinstance(answer, dict):
        raise WechatUnreachable("WeChat answered something that is not JSON")
    errcode = int(answer.get("errcode") or 0)
    if errcode != 0:
        raise WechatError(errcode, str(answer.get("errmsg", "")))
    return answer


def _get_json(http: WechatHttpSession, path: str, params: dict[str, str]) -> dict[str, Any]:
    try:
        response = http.get(f"{http.api_base}{path}", params=params)
    except requests.RequestException as exc:
        raise _unreachable_from(exc) from exc
    if response.status_code >= 400:
        raise WechatUnreachable(f"WeChat answered HTTP {response.status_code} on {path}")
    try:
        answer = response.json()
    except ValueError as exc:
        raise WechatUnreachable(f"WeChat answered something that is not JSON on {path}") from exc
    return _check_answer(answer)


class TokenKeeper:
    """The access token of one WeChat app, kept in Redis and refreshed by one process at a time."""

    def __init__(
        self,
        app_name: str,
        appid: str,
        secret: str,
        http: WechatHttpSession,
        sync_redis: redis.Redis,
        key_prefix: str,
        lock_wait_s: float,
    ) -> None:
        self.app_name = app_name
        self.appid = appid
        self.secret = secret
        self.http = http
        self.redis = sync_redis
        self.token_key = f"{key_prefix}wechat:token:{appid}"
        self.lock_key = f"{key_prefix}wechat:token-lock:{appid}"
        self.lock_wait_s = lock_wait_s
        # The token the current thread's call carries, so a refusal names exactly which one failed.
        self.pinned = threading.local()
        self._cached: tuple[str, float] = ("", 0.0)

    def current(self) -> str:
        # Redis holds the token; this process remembers it for a few seconds to spare a round trip
        # a call. A token another process replaced meanwhile is refused once (40001) and then
        # taken from Redis by refresh(), without fetching a new one.
        cached_token, cached_until = self._cached
        if cached_token and time.monotonic() < cached_until:
            return cached_token
        try:
            token = self.redis.get(self.token_key)
        except redis.RedisError as exc:
            raise _unreachable_from(exc) from exc
        if token:
            self._remember(str(token))
            return str(token)
        return self.refresh(stale=None)

    def _remember(self, token: str) -> None:
        self._cached = (token, time.monotonic() + LOCAL_TOKEN_CACHE_S)

    def refresh(self, stale: str | None) -> str:
        """A fresh token: the one another process just fetched, or a new one fetched under the lock.

        `stale` is the token WeChat refused (None when there was none); a stored token different
        from it was refreshed meanwhile by someone else and is used as it is, so a burst of token
        errors across workers fetches one token, not one each.
        """
        try:
            lock = self.redis.lock(
                self.lock_key, timeout=self.lock_wait_s + 5, blocking_timeout=self.lock_wait_s
            )
            if not lock.acquire():
                raise WechatUnreachable(f"timed out waiting for the {self.app_name} token refresh")
            try:
                token = self.redis.get(self.token_key)
                if token and token != stale:
                    self._remember(str(token))
                    return str(token)
                answer = _get_json(
                    self.http,
                    "/cgi-bin/token",
                    {"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
                )
                new_token = str(answer.get("access_token") or "")
                if not new_token:
                    raise WechatUnreachable("WeChat answered a token request without a token")
                expires_in = int(answer.get("expires_in") or 7200)
                ttl = max(60, expires_in - TOKEN_EXPIRY_MARGIN_S)
                self.redis.set(self.token_key, new_token, ex=ttl)
                self._remember(new_token)
                log.info("fetched a new %s access token (valid %ss)", self.app_name, ttl)
                return new_token
            finally:
                try:
                    lock.release()
                except redis.exceptions.LockError:
                    log.warning("the %s token lock expired before release", self.app_name)
        except redis.RedisError as exc:
            raise _unreachable_from(exc) from exc


class _RedisTokenClient(WeChatClient):  # type: ignore[misc]
    """wechatpy's client with its token taken from our TokenKeeper instead of process memory."""

    def __init__(self, keeper: TokenKeeper, http: WechatHttpSession, timeout_s: float) -> None:
        super().__init__(keeper.appid, keeper.secret, timeout=timeout_s, auto_retry=False)
        self._keeper = keeper
        self._http = http

    @property
    def access_token(self) -> str:
        # Before __init__ ran (wechatpy's __new__ inspects every attribute), there is no keeper:
        # the AttributeError tells inspect to skip it instead of fetching a token.
        pinned: str | None = getattr(self._keeper.pinned, "token", None)
        return pinned if pinned else self._keeper.current()

    def fetch_access_token(self) -> dict[str, Any]:
        return {"access_token": self._keeper.refresh(stale=None)}


class WechatClient:
    """The platform's WechatGateway: the mini program (login, subscribe messages) and the official
    account (template messages, customer-service text, the menu)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        pool_size = settings.wechat_thread_pool_size
        self._pool = ThreadPoolExecutor(max_workers=pool_size, thread_name_prefix="wechat")
        self._http = WechatHttpSession(settings.wechat_api_base, settings.wechat_timeout_seconds, pool_size)
        self._redis: redis.Redis = create_sync_redis(settings, max_connections=pool_size + 2)
        lock_wait = settings.wechat_timeout_seconds * 2
        prefix = settings.redis_key_prefix
        self.miniapp_tokens = TokenKeeper(
            "mini program",
            settings.wechat_miniapp_id,
            settings.wechat_miniapp_secret,
            self._http,
            self._redis,
            prefix,
            lock_wait,
        )
        self.oa_tokens = TokenKeeper(
            "official account",
            settings.wechat_oa_app_id,
            settings.wechat_oa_secret,
            self._http,
            self._redis,
            prefix,
            lock_wait,
        )
        timeout = settings.wechat_timeout_seconds
        self.miniapp = _RedisTokenClient(self.miniapp_tokens, self._http, timeout)
        self.official = _RedisTokenClient(self.oa_tokens, self._http, timeout)
        self._closed = threading.Event()

    # -- running calls -------------------------------------------------------------------------

    async def _in_pool(self, call: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, call)

    @staticmethod
    def _invoke(call: Callable[[], Any]) -> dict[str, Any]:
        try:
            answer = call()
        except WeChatClientException as exc:
            if exc.errcode is None:
                status = getattr(exc.response, "status_code", "?")
                raise WechatUnreachable(f"WeChat answered HTTP {status}") from exc
            raise WechatError(int(exc.errcode), str(exc.errmsg or "")) from exc
        except requests.RequestException as exc:
            raise _unreachable_from(exc) from exc
        return _check_answer(answer)

    @staticmethod
    def _token(fetch: Callable[[], str]) -> str:
        # A token fetch that failed in any way means the call itself never went out.
        try:
            return fetch()
        except WechatAnswerLost as exc:
            raise WechatUnreachable(str(exc)) from exc

    def _with_token(self, keeper: TokenKeeper, call: Callable[[], Any]) -> dict[str, Any]:
        """Runs a token-carrying call; on a token error, refreshes once and tries once more."""
        used = self._token(keeper.current)
        keeper.pinned.token = used
        try:
            return self._invoke(call)
        except WechatError as exc:
            if exc.errcode not in TOKEN_ERRCODES:
                raise
            log.info("%s token refused (%s); refreshing and retrying once", keeper.app_name, exc.errcode)
            keeper.pinned.token = self._token(partial(keeper.refresh, stale=used))
            return self._invoke(call)
        finally:
            keeper.pinned.token = None

    # -- the WechatGateway protocol ------------------------------------------------------------

    async def code_to_session(self, code: str) -> WechatSession:
        settings = self.settings
        params = {
            "appid": settings.wechat_miniapp_id,
            "secret": settings.wechat_miniapp_secret,
            "js_code": code,
            "grant_type": "authorization_code",
        }
        answer = await self._in_pool(partial(_get_json, self._http, "/sns/jscode2session", params))
        openid, session_key = answer.get("openid"), answer.get("session_key")
        if not openid or not session_key:
            raise WechatUnreachable("WeChat answered code2session without an openid")
        unionid = answer.get("unionid")
        return WechatSession(openid=str(openid), session_key=str(session_key), unionid=unionid or None)

    async def phone_number(self, code: str) -> str:
        call = partial(self.miniapp.post, "wxa/business/getuserphonenumber", data={"code": code})
        answer = await self._in_pool(partial(self._with_token, self.miniapp_tokens, call))
        info = answer.get("phone_info") or {}
        phone = str(info.get("purePhoneNumber") or info.get("phoneNumber") or "")
        if not phone:
            raise WechatUnreachable("WeChat answered getuserphonenumber without a number")
        return phone

    async def send_subscribe_message(
        self, openid: str, template_id: str, data: dict[str, Any], page: str | None = None
    ) -> str | None:
        call = partial(self.miniapp.wxa.send_subscribe_message, openid, template_id, data, page=page)
        answer = await self._in_pool(partial(self._with_token, self.miniapp_tokens, call))
        msgid = answer.get("msgid")
        return str(msgid) if msgid is not None else None

    async def send_template_message(
        self, openid: str, template_id: str, data: dict[str, Any], url: str | None = None
    ) -> str | None:
        call = partial(self.official.message.send_template, openid, template_id, data, url=url)
        answer = await self._in_pool(partial(self._with_token, self.oa_tokens, call))
        msgid = answer.get("msgid")
        return str(msgid) if msgid is not None else None

    async def send_text(self, openid: str, text: str) -> None:
        call = partial(self.official.message.send_text, openid, text)
        await self._in_pool(partial(self._with_token, self.oa_tokens, call))

    # -- beyond the protocol -------------------------------------------------------------------

    async def create_menu(self, menu: dict[str, Any]) -> None:
        call = partial(self.official.menu.create, menu)
        await self._in_pool(partial(self._with_token, self.oa_tokens, call))

    async def close(self) -> None:
        if self._closed.is_set():
            return
        self._closed.set()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._http.close()
        self._redis.close()
