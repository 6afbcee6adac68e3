"""A small fake of WeChat's HTTP API on loopback, so the real wechatpy code runs in tests.

Tests script failures per endpoint (`fail_next`), and read what was sent (`sent`).
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class FakeWechatState:
    # code -> (openid, unionid|None); a code works once, as in WeChat.
    codes: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    used_codes: set[str] = field(default_factory=set)
    # getPhoneNumber codes of the mini program, each with the number it stands for (used once).
    phone_codes: dict[str, str] = field(default_factory=dict)
    tokens_issued: int = 0
    valid_tokens: set[str] = field(default_factory=set)
    # appid -> its one valid token (a new token invalidates that app's old one, not other apps').
    app_tokens: dict[str, str] = field(default_factory=dict)
    # path -> queue of scripted answers: an int HTTP status (>=100) or a WeChat errcode (<100 or
    # like 45009), or ("sleep", seconds)
    failures: dict[str, deque[Any]] = field(default_factory=lambda: defaultdict(deque))
    sent: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    menu: dict[str, Any] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    down: bool = False
    delay_s: float = 0.0


class FakeWechat:
    def __init__(self) -> None:
        self.state = FakeWechatState()
        state = self.state

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # The headers and the body go out in two writes; without TCP_NODELAY, Nagle's algorithm
            # holds the body until the client's delayed ACK (40 ms a call on Linux).
            disable_nagle_algorithm = True

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                parsed = urlparse(self.path)
                path = parsed.path.rstrip("/")
                query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body: dict[str, Any] = {}
                if raw:
                    try:
                        body = json.loads(raw)
                    except ValueError:
                        body = {}
                with state.lock:
                    state.requests.append((method, path))
                    scripted = state.failures[path].popleft() if state.failures[path] else None
                    down, delay = state.down, state.delay_s
                if down:
                    self._answer(503, {"errcode": -1, "errmsg": "system busy"})
                    return
                if delay:
                    time.sleep(delay)
                if isinstance(scripted, tuple) and scripted[0] == "sleep":
                    time.sleep(scripted[1])
                    scripted = None
                if isinstance(scripted, int) and scripted >= 500 and scripted < 600:
                    self._answer(scripted, {"errcode": -1, "errmsg": "scripted http error"})
                    return
                if isinstance(scripted, int):
                    self._answer(200, {"errcode": scripted, "errmsg": f"scripted {scripted}"})
                    return
                self._answer(200, self._route(path, query, body))

            def _route(self, path: str, query: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
                if path.endswith("/sns/jscode2session"):
                    code = query.get("js_code", "")
                    with state.lock:
                        if code in state.used_codes or code not in state.codes:
                            return {"errcode": 40029, "errmsg": "invalid code"}
                        state.used_codes.add(code)
                        openid, unionid = state.codes[code]
                    answer = {"openid": openid, "session_key": "c2Vzc2lvbi1rZXktZm9yLXRlc3Q="}
                    if unionid:
                        answer["unionid"] = unionid
                    return answer
                if path.endswith("/cgi-bin/token") or path.endswith("/cgi-bin/stable_token"):
                    appid = query.get("appid") or str(body.get("appid") or "")
                    with state.lock:
                        state.tokens_issued += 1
                        token = f"token-{state.tokens_issued}"
                        # A new token invalidates the app's old one, as WeChat does.
                        state.app_tokens[appid] = token
                        state.valid_tokens = set(state.app_tokens.values())
                    return {"access_token": token, "expires_in": 7200}
                token = query.get("access_token", "")
                with state.lock:
                    if token not in state.valid_tokens:
                        return {"errcode": 40001, "errmsg": "invalid credential"}
                if path.endswith("/wxa/business/getuserphonenumber"):
                    with state.lock:
                        phone = state.phone_codes.pop(str(body.get("code") or ""), None)
                    if phone is None:
                        return {"errcode": 40029, "errmsg": "invalid code"}
                    return {
                        "errcode": 0,
                        "errmsg": "ok",
                        "phone_info": {"phoneNumber": phone, "purePhoneNumber": phone, "countryCode": "86"},
                    }
                if path.endswith("/menu/create"):
                    with state.lock:
                        state.menu = body
                    return {"errcode": 0, "errmsg": "ok"}
                if (
                    path.endswith("/message/subscribe/send")
                    or path.endswith("/message/template/send")
                    or path.endswith("/message/custom/send")
                ):
                    with state.lock:
                        state.sent.append({"path": path, **body})
                        msgid = len(state.sent)
                    return {"errcode": 0, "errmsg": "ok", "msgid": msgid}
                return {"errcode": 0, "errmsg": "ok"}

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeWechat:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def add_code(self, code: str, openid: str, unionid: str | None = None) -> None:
        with self.state.lock:
            self.state.codes[code] = (openid, unionid)

    def add_phone_code(self, code: str, phone: str) -> None:
        with self.state.lock:
            self.state.phone_codes[code] = phone

    def fail_next(self, path_suffix: str, *answers: Any) -> None:
        """Scripts the next answers of a path: fail_next("/cgi-bin/message/subscribe/send", 500, 45009)."""
        with self.state.lock:
            self.state.failures[path_suffix].extend(answers)

    def invalidate_tokens(self) -> None:
        """Every access token stops working (as when WeChat expires them early)."""
        with self.state.lock:
            self.state.app_tokens.clear()
            self.state.valid_tokens = set()

    def requests_to(self, path_suffix: str) -> int:
        with self.state.lock:
            return sum(1 for _, path in self.state.requests if path.endswith(path_suffix))

    def clear_failures(self) -> None:
        with self.state.lock:
            self.state.failures.clear()

    def sent_to(self, openid: str) -> list[dict[str, Any]]:
        with self.state.lock:
            return [m for m in self.state.sent if m.get("touser") == openid]
