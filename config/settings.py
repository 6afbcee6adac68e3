"""The one typed settings object, read from the environment.

Every environment variable of API.md "Operations" lives here with its default; no other module
reads the environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRET = "dev-only-insecure-secret-key-change-me"
MIN_SECRET_LENGTH = 32


class InsecureSecretKey(RuntimeError):
    """SECRET_KEY would not keep tokens, cursors and encrypted identifiers safe."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    database_url: str = Field(default="sqlite://var/tuoyu.sqlite3")
    redis_url: str | None = Field(default=None)
    redis_key_prefix: str = Field(default="tuoyu:")
    var_dir: Path = Field(default=Path("var"))
    # Bounds on every Redis command and connection: past them a request answers 503 at once rather
    # than hang with a Redis that is stopped or gone.
    redis_socket_timeout_s: float = Field(default=1.0, gt=0, le=60)
    redis_connect_timeout_s: float = Field(default=1.0, gt=0, le=60)
    secret_key: str = Field(default=PLACEHOLDER_SECRET)

    wechat_api_base: str = Field(default="https://api.weixin.qq.com")
    wechat_miniapp_id: str = Field(default="wx-miniapp-demo")
    wechat_miniapp_secret: str = Field(default="miniapp-demo-secret")
    wechat_oa_app_id: str = Field(default="wx-oa-demo")
    wechat_oa_secret: str = Field(default="oa-demo-secret")
    wechat_oa_token: str = Field(default="tuoyu-oa-token")
    wechat_oa_aes_key: str | None = Field(default=None)
    # WeChat's three message modes (明文 plain, 兼容 compat, 安全 safe); unset: safe when an AES key
    # is set, else plain. Safe mode refuses plaintext messages.
    wechat_oa_mode: Literal["plain", "compat", "safe"] | None = Field(default=None)
    wechat_template_booking: str = Field(default="booking-status-template")
    wechat_template_policy: str = Field(default="policy-news-template")
    wechat_timeout_seconds: float = Field(default=3.0, gt=0, le=30)
    wechat_thread_pool_size: int = Field(default=8, ge=1, le=64)

    # The push pipeline: tries per message, the first backoff (doubled each try, with jitter) and
    # the send rate shared by every worker (WeChat's limits).
    push_max_tries: int = Field(default=6, ge=1, le=20)
    push_backoff_base_s: float = Field(default=2.0, gt=0, le=600)
    push_rate_per_s: float = Field(default=50.0, gt=0, le=2000)
    oa_location_ttl_s: int = Field(default=1800, gt=0)

    district_population: int = Field(default=920_000, gt=0)
    mixed_class_ratio: int = Field(default=5, ge=1, le=10)

    token_ttl_seconds: int = Field(default=7 * 24 * 3600, gt=0)
    idempotency_ttl_hours: int = Field(default=48, ge=24)
    # Large enough for the nursing-room CSV import (2 MB, checked by the import itself).
    max_body_bytes: int = Field(default=2_200_000, gt=0)
    login_max_failures: int = Field(default=5, ge=1)
    login_lockout_seconds: int = Field(default=900, ge=1)
    # An address past its failure limit may try once per this many seconds (slowed, not locked out).
    login_address_delay_seconds: int = Field(default=3, ge=1, le=300)
    wx_login_bad_code_limit: int = Field(default=10, ge=1)
    booking_rate_per_minute: int = Field(default=30, ge=1)

    # Behind a proxy or load balancer (Sanic's settings of the same names): without them every
    # client is the proxy's one address to the login limits. See README "Behind a proxy".
    forwarded_secret: str | None = Field(default=None)
    real_ip_header: str | None = Field(default=None)
    proxies_count: int | None = Field(default=None, ge=0, le=10)

    # How long Sanic's manager waits for every worker to say it started before it shuts all down
    # (Sanic's WORKER_ACK_TIMEOUT, 30 s by default). A worker opens the database, Redis and its
    # scripts first; on a host whose cores are busy that can take longer than 30 s, and a serve that
    # gives up then is down for nothing. A worker that truly hangs is still caught, later.
    worker_ack_timeout_s: float = Field(default=120.0, gt=0, le=600)

    # PostgreSQL connections one `tuoyu serve` keeps in all: each of its N API workers gets a pool
    # of DATABASE_CONNECTIONS / N (at least 2), and so does its push worker. More connections than
    # the database has cores to run them only queue inside PostgreSQL, where a waiting request
    # still holds its locks; queued in the pool instead, it holds nothing.
    database_connections: int = Field(default=20, ge=2, le=1000)
    # One process's pool, set by `tuoyu serve` for each worker from the above; unset: all of them.
    database_pool_size: int | None = Field(default=None, ge=1, le=1000)

    # Set by `tuoyu serve` when several workers run, so /metrics sums every worker's samples.
    prometheus_multiproc_dir: str | None = Field(default=None)

    # `tuoyu serve --dev-login` sets it: wx-login takes {"code": "dev:NAME"} for a demo parent,
    # without WeChat. Only on the embedded defaults (the validator below refuses it elsewhere).
    dev_login: bool = Field(default=False, validation_alias="TUOYU_DEV_LOGIN")
    log_level: str = Field(default="INFO")
    log_json: bool = Field(default=False)

    @property
    def pool_size(self) -> int:
        return self.database_pool_size or self.database_connections

    def pool_size_per_worker(self, workers: int) -> int:
        """Each worker's part of DATABASE_CONNECTIONS when `tuoyu serve` runs this many."""
        return max(2, self.database_connections // max(1, workers))

    @field_validator("database_url")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if not value.startswith(("sqlite://", "postgres://", "postgresql://", "asyncpg://")):
            raise ValueError("DATABASE_URL must be sqlite://..., postgres://... or postgresql://...")
        return value

    @model_validator(mode="after")
    def _mode_has_its_key(self) -> Settings:
        if self.wechat_oa_mode in ("safe", "compat") and not self.wechat_oa_aes_key:
            raise ValueError(f"WECHAT_OA_MODE={self.wechat_oa_mode} needs WECHAT_OA_AES_KEY")
        return self

    @model_validator(mode="after")
    def _dev_login_only_on_the_embedded_defaults(self) -> Settings:
        problem = self.dev_login_problem()
        if self.dev_login and problem:
            raise ValueError(problem)
        return self

    def dev_login_problem(self) -> str | None:
        """Why --dev-login may not run here: only a machine on the embedded defaults may skip WeChat."""
        configured = sorted(name.upper() for name in {"database_url", "redis_url"} & self.model_fields_set)
        if configured:
            return (
                "--dev-login runs on the embedded defaults only (SQLite and Redis under var/); "
                f"unset {' and '.join(configured)} or serve without --dev-login"
            )
        return None

    @property
    def oa_mode(self) -> Literal["plain", "compat", "safe"]:
        if self.wechat_oa_mode is not None:
            return self.wechat_oa_mode
        return "safe" if self.wechat_oa_aes_key else "plain"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite://")

    @property
    def uses_embedded_redis(self) -> bool:
        return not self.redis_url

    @property
    def is_embedded_default(self) -> bool:
        return self.is_sqlite and self.uses_embedded_redis

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        rest = self.database_url[len("sqlite://") :]
        return Path(rest) if rest != ":memory:" else None

    def insecure_secret_problem(self) -> str | None:
        """Why the secret key is unsafe for this deployment, or None when it is fine."""
        key = self.secret_key
        if not key.strip():
            return "SECRET_KEY is blank; set a random secret of at least 32 characters"
        if self.is_embedded_default:
            return None
        if key.strip() == PLACEHOLDER_SECRET or "change-me" in key.lower():
            return "SECRET_KEY is the development placeholder; set a real secret outside the embedded default"
        if len(key.strip()) < MIN_SECRET_LENGTH:
            return f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters outside the embedded default"
        if len(set(key)) < 8:
            return "SECRET_KEY repeats too few characters to be a secret; set a random one"
        return None

    def check_secret(self) -> None:
        """Refuses to start on an unsafe SECRET_KEY (the app factory, the worker and the CLI call it)."""
        problem = self.insecure_secret_problem()
        if problem:
            raise InsecureSecretKey(problem)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
