"""Reading what came back: an answer, or the `SyncError` that tells the worker what to do.

Everything here parses outside input (anything on the network path can
answer), so it trusts nothing: a body counts as the centre's only when it
has the centre's shape.  A 400 from a proxy must not quarantine a good record,
so "invalid" needs the centre's own error body; 5xx and 429 mean "later"
whoever sent them; HTML, redirects and 511 mean a captive portal.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import requests
import urllib3.exceptions
from pydantic import BaseModel, ValidationError

from kiosk.errors import SyncError
from sync.errors import (
    SyncAuthError,
    SyncConflict,
    SyncNotCentral,
    SyncRejected,
    SyncRetryLater,
)
from sync.protocol import ErrorBody

MAX_RETRY_AFTER = 24 * 3600.0
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class RawAnswer:
    """One HTTP answer as received (headers case-insensitive)."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lowered:
                return value
        return None


def retry_after_seconds(value: str | None, now: _dt.datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or HTTP-date), or None."""
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return min(float(int(text)), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    now = now or _dt.datetime.now(_dt.UTC)
    try:
        delta = (when - now).total_seconds()
    except OverflowError:
        return None
    return min(max(delta, 0.0), MAX_RETRY_AFTER)


def _is_json(answer: RawAnswer) -> bool:
    kind = (answer.header("content-type") or "").split(";")[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def looks_like_html(answer: RawAnswer) -> bool:
    kind = (answer.header("content-type") or "").lower()
    head = answer.body[:512].lstrip().lower()
    return "html" in kind or head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<?xml"))


def _portal(answer: RawAnswer) -> SyncNotCentral:
    return SyncNotCentral("sync.captive_portal", detail=f"HTTP {answer.status} {answer.header('location') or ''}".strip())


def _garbage(answer: RawAnswer, why: str) -> SyncNotCentral:
    kind = answer.header("content-type") or "no content type"
    return SyncNotCentral("sync.garbage", detail=f"HTTP {answer.status}, {kind}, {len(answer.body)} bytes: {why}")


def centre_error(answer: RawAnswer) -> ErrorBody | None:
    """The centre's error body, if this answer carries one."""
    if not _is_json(answer):
        return None
    try:
        return ErrorBody.model_validate_json(answer.body)
    except ValidationError:
        return None


# Statuses outside the contract's table (openapi: info.description) and what each means here.
LATER_STATUSES = (408, 423, 425)  # timeout, locked, too early: the record is fine, try later
REFUSED_STATUSES = (400, 413, 415, 422)  # with the centre's error body: this record is invalid


def error_for_status(answer: RawAnswer) -> SyncError:
    """The SyncError for a non-2xx answer.

    Only 400/413/415/422 with the centre's error body set a record aside; every other
    4xx the table does not name (412, 451, ...) means something on the path answered:
    not the centre, try later.  410 means the centre retired this protocol: stop."""
    status = answer.status
    if 300 <= status < 400 or status == 511:
        return _portal(answer)
    body = centre_error(answer)
    server_code = body.code if body else ""
    detail = f"HTTP {status} {server_code}".strip()
    if status == 429 or status >= 500 or status in LATER_STATUSES:
        wait = retry_after_seconds(answer.header("retry-after"))
        if wait is not None and status in (429, 503):
            return SyncRetryLater("sync.busy", detail, retry_after=wait, seconds=int(wait))
        return SyncRetryLater("sync.server_error", detail, retry_after=wait, status=status)
    if body is None:
        return _portal(answer) if looks_like_html(answer) else _garbage(answer, "not the centre's error body")
    if status in (401, 403):
        return SyncAuthError("sync.auth", detail)
    if status == 410:
        return SyncAuthError("sync.gone", detail)
    if status == 409:
        return SyncConflict("sync.conflict", detail, server_code=server_code)
    if status not in REFUSED_STATUSES:  # 404, 405, 412, 451 ...: a proxy, a filter, a wrong address
        return SyncNotCentral("sync.not_central", detail)
    if server_code == "sha256_mismatch":
        return SyncRejected("sync.attachment_mismatch", detail, server_code=server_code)
    return SyncRejected("sync.rejected", f"{detail}: {body.message[:200]}", server_code=server_code)


def parse_answer(answer: RawAnswer, model: type[M]) -> M:
    """A 2xx answer read as `model`, or SyncNotCentral when it is not the centre's."""
    if not 200 <= answer.status < 300:
        raise error_for_status(answer)
    if not _is_json(answer):
        raise _portal(answer) if looks_like_html(answer) else _garbage(answer, "not JSON")
    try:
        return model.model_validate_json(answer.body)
    except ValidationError as exc:  # also what pydantic raises for bytes that are not JSON
        where = ", ".join(".".join(str(p) for p in e["loc"]) or "body" for e in exc.errors()[:3])
        raise _garbage(answer, f"unexpected shape at {where}") from None


_TLS_HINTS = ("certificate verify failed", "certificate_verify_failed", "hostname", "self-signed",
              "self signed", "unknown ca", "wrong_version_number", "wrong version number")


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps (requests nests urllib3 errors in args)."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [exc]
    while todo and len(seen) < 12:
        item = todo.pop()
        if item in seen:
            continue
        seen.append(item)
        todo.extend(arg for arg in getattr(item, "args", ()) if isinstance(arg, BaseException))
        for attr in ("reason", "__cause__", "__context__"):
            inner = getattr(item, attr, None)
            if isinstance(inner, BaseException):
                todo.append(inner)
    return seen


def error_for_exception(exc: requests.RequestException) -> SyncError:
    """The SyncError for a request that got no complete answer."""
    chain = _chain(exc)
    text = " ".join(str(item) for item in chain).lower()
    detail = type(exc).__name__
    if isinstance(exc, requests.exceptions.SSLError):
        if any(hint in text for hint in _TLS_HINTS):
            return SyncNotCentral("sync.tls", detail=str(exc)[:300])
        return SyncRetryLater("sync.connection_lost", detail)
    if isinstance(exc, requests.exceptions.ConnectTimeout) or any(
            isinstance(item, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.NameResolutionError,
                              ConnectionRefusedError)) for item in chain):
        return SyncRetryLater("sync.offline", detail)
    if isinstance(exc, requests.exceptions.Timeout) or any(
            isinstance(item, (urllib3.exceptions.ReadTimeoutError, TimeoutError)) for item in chain):
        return SyncRetryLater("sync.timeout", detail)
    if isinstance(exc, requests.exceptions.TooManyRedirects):
        return SyncNotCentral("sync.captive_portal", detail)
    return SyncRetryLater("sync.connection_lost", detail)
