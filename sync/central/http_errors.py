"""Refusals in the protocol's words: an HTTP status, a machine `code`, a human `message`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi.responses import JSONResponse


class CentralError(Exception):
    """Raised by a handler; turned into the protocol's error body by the app."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None,
                 details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers, self.details = dict(headers or {}), details


def error_response(status: int, code: str, message: str, headers: Mapping[str, str] | None = None,
                   details: list[dict[str, Any]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        body["details"] = details
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))
