"""Typed errors a service raises; each carries its HTTP status and the stable code of API.md."""

from __future__ import annotations

from typing import Any, ClassVar


class ServiceError(Exception):
    status: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"
    default_message: ClassVar[str] = "The request cannot be done."

    def __init__(
        self,
        message: str | None = None,
        details: dict[str, Any] | None = None,
        *,
        retry_after: int | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.details = details or {}
        # Seconds after which trying again may work: sent as the Retry-After header (429, 503).
        self.retry_after = retry_after
        super().__init__(self.message)

    def as_body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"
    default_message = "Sign in first."


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"
    default_message = "Your role may not do this."


class NotFound(ServiceError):
    status = 404
    code = "not_found"
    default_message = "Not found."


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_failed"
    default_message = "Some fields are not valid."

    @classmethod
    def field(cls, field: str, problem: str) -> ValidationFailed:
        return cls(f"{field}: {problem}", {"fields": {field: problem}})


class BannedPerson(ServiceError):
    status = 422
    code = "banned_person"
    default_message = "This person is on the district's ban list and may not work in childcare."


class Conflict(ServiceError):
    status = 409
    code = "conflict"
    default_message = "The current state forbids this."


class NotAdmitted(ServiceError):
    # The morning check (晨检) found a fever or something abnormal: the child stays home.
    status = 409
    code = "not_admitted"
    default_message = "The morning health check did not admit the child."


class NoCapacity(ServiceError):
    status = 409
    code = "no_capacity"
    default_message = "No free place for every hour of this booking."


class NotBookable(ServiceError):
    status = 409
    code = "not_bookable"
    default_message = "This facility does not take this booking."


class InvalidCode(ServiceError):
    status = 400
    code = "invalid_code"
    default_message = "The WeChat login code is invalid or already used."


class RateLimited(ServiceError):
    status = 429
    code = "rate_limited"
    default_message = "Too many attempts; try again later."


class WechatUnavailable(ServiceError):
    status = 503
    code = "wechat_unavailable"
    default_message = "WeChat is not answering; try again shortly."


class ServiceUnavailable(ServiceError):
    status = 503
    code = "unavailable"
    default_message = "A backing service is not answering."


class HealthCheckRequired(ServiceError):
    status = 409
    code = "health_check_required"
    default_message = "入托前须有三个月内的入托体检（结果合格）。"


class PickupNotAuthorized(ServiceError):
    status = 409
    code = "pickup_not_authorized"
    default_message = "接送人未获授权。"


class OfferExpired(ServiceError):
    status = 409
    code = "offer_expired"
    default_message = "候补名额的保留时间已过，名额已让给下一位。"
