"""Secrets at rest and in transit: encryption, keyed hashes, signatures and opaque tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken


def _derive(secret_key: str, purpose: str) -> bytes:
    # One SECRET_KEY, separate keys per purpose, so a leak of one use does not open another.
    return hmac.new(secret_key.encode(), purpose.encode(), hashlib.sha256).digest()


@lru_cache(maxsize=8)
def _fernet(secret_key: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(secret_key, "fernet-at-rest")))


def encrypt(secret_key: str, plaintext: str) -> str:
    return _fernet(secret_key).encrypt(plaintext.encode()).decode()


def decrypt(secret_key: str, token: str) -> str | None:
    try:
        return _fernet(secret_key).decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def keyed_hash(secret_key: str, value: str, purpose: str = "id-number") -> str:
    return hmac.new(_derive(secret_key, f"hash:{purpose}"), value.encode(), hashlib.sha256).hexdigest()


def sign(secret_key: str, payload: bytes, purpose: str) -> str:
    digest = hmac.new(_derive(secret_key, f"sign:{purpose}"), payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def verify_signature(secret_key: str, payload: bytes, purpose: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret_key, payload, purpose), signature)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    # Redis holds a digest, not the bearer token itself: a dump of Redis grants no sessions.
    return hashlib.sha256(token.encode()).hexdigest()


_password_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _password_hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _password_hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# An HTTP library's error names the URL it failed on, and WeChat takes its secrets in the query.
_SECRET_QUERY_VALUE = re.compile(r"(?i)\b(secret|js_code|access_token|session_key)=[^&\s'\"()]*")


def without_secrets(text: str) -> str:
    """The text with the values of WeChat's secret query parameters blanked out (logs, outbox)."""
    return _SECRET_QUERY_VALUE.sub(r"\1=***", text)
