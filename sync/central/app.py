"""The reference centre's HTTP application: the station API of `sync/openapi.yaml`.

Handlers parse their input by hand (auth first, then path, headers, body) so
that every refusal is the protocol's error body with the right status, in the
order the contract gives, and no input can reach a 500.  Validation messages
name the fields, never their values: the values are residents' data.

Beyond the schema the centre holds each station to its own numbers (the prefix
of an application number is the sending station's id, and one number is one
application), to a quota of bytes in partial uploads, and a client address to
a few failed authentications a window (see `limits.py`).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match

from sync.central.admin import admin_router
from sync.central.enrollments import EnrollmentBook, enrollment_router
from sync.central.faults import SERVER_TIME_KEY, FaultMiddleware, Faults
from sync.central.http_errors import CentralError, error_response
from sync.central.limits import AuthThrottle, CentralLimits, client_address, refuse_if_throttled
from sync.central.help_desk import help_desk_routes
from sync.central.store import (
    CentralStore,
    ConflictError,
    CorrectionRefused,
    NotThisStationError,
    NumberTakenError,
    QuotaExceeded,
    now_text,
)
from sync.protocol import (
    MAX_APPLICATION_BYTES,
    MAX_ATTACHMENT_BYTES,
    PROTOCOL_VERSION,
    SERVICE_NAME,
    STATUS_PAGE_MAX,
    ApplicationIn,
    RatingIn,
    content_hash,
    health_proof,
)
from sync.signing import KeyInput, load_private_key, public_key_hex

MAX_RATING_BYTES = 16 * 1024  # a rating is a few hundred bytes
SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{16,128}")
_RANGE = re.compile(r"bytes ([0-9]{1,12})-([0-9]{1,12})/([0-9]{1,12})")
_DIGITS = re.compile(r"[0-9]{1,18}")
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)


class CentralApp(FaultMiddleware):
    """The ASGI app `create_app` returns: the API inside the fault middleware."""

    def __init__(self, api: FastAPI, store: CentralStore, faults: Faults,
                 enrollments: EnrollmentBook | None = None) -> None:
        super().__init__(api, faults)
        self.api, self.store = api, store
        self.enrollments = enrollments  # one-time codes and enrolled stations (sync/central/enrollments.py)


class _Stations:
    """Station tokens, looked up by their hash so no token is compared byte by byte: those of
    central.json, and those stations got by enrolling (`enrolled`: token sha256 -> station id)."""

    def __init__(self, tokens: Mapping[str, str], throttle: AuthThrottle,
                 enrolled: Callable[[bytes], str | None] | None = None) -> None:
        self._throttle = throttle
        self._enrolled = enrolled
        if not tokens and enrolled is None:
            raise ValueError("at least one station token is needed")
        self._by_hash: dict[bytes, tuple[str, str]] = {}
        for station_id, token in tokens.items():
            if not station_id or not token or len(token) < 16:
                raise ValueError(f"station {station_id!r} needs a token of at least 16 characters")
            self._by_hash[hashlib.sha256(token.encode()).digest()] = (station_id, token)

    def identify(self, request: Request) -> tuple[str, str]:
        """(station id, token) of the request's bearer token; 401 if none matches, 429 while throttled."""
        refuse_if_throttled(self._throttle, request)
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        digest = hashlib.sha256(token.strip().encode("utf-8", "replace")).digest()
        found = self._by_hash.get(digest)
        if found is None and self._enrolled is not None and (enrolled := self._enrolled(digest)):
            found = (enrolled, token.strip())  # the token the kiosk holds: it keys the health proof
        if scheme.lower() != "bearer" or found is None:
            self._throttle.failed(client_address(request))
            raise CentralError(401, "unauthorized", "a valid station bearer token is required",
                               {"WWW-Authenticate": 'Bearer realm="waystation"'})
        return found


def _path_id(value: str, pattern: re.Pattern[str], what: str) -> str:
    if not pattern.fullmatch(value):
        raise CentralError(422, "invalid_request", f"{what} is not well formed")
    return value


async def _read_body(request: Request, limit: int) -> tuple[bytes, bool]:
    """The request body up to `limit` bytes (413 beyond); (bytes, client went away)."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise CentralError(413, "too_large", f"the body may have at most {limit} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise CentralError(413, "too_large", f"the body may have at most {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        return b"".join(chunks), True
    return b"".join(chunks), False


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _field_errors(error: ValidationError) -> list[dict[str, Any]]:
    # loc/type/msg only: pydantic's "input" would copy residents' data into the answer.
    return [{"loc": [str(p) for p in item["loc"]], "type": item["type"], "msg": item["msg"]}
            for item in error.errors()[:20]]


async def _json_body(request: Request, model: type[M], limit: int, what: str) -> tuple[M, str] | None:
    """A JSON body read strictly into `model`, with its content hash (the idempotency check);
    None when the client went away mid-body.  One reading for every idempotent PUT."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise CentralError(415, "unsupported_media_type", f"send the {what} as application/json")
    raw, gone = await _read_body(request, limit)
    if gone:
        return None
    try:
        document = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise CentralError(400, "malformed_json", "the body is not valid UTF-8 JSON") from None
    try:
        value = model.model_validate(document)
        return value, content_hash(value.model_dump(mode="json"))
    except ValidationError as exc:
        raise CentralError(422, f"invalid_{what}", f"the {what} does not follow the schema",
                           details=_field_errors(exc)) from None
    except (ValueError, RecursionError):
        raise CentralError(422, f"invalid_{what}", f"the {what} cannot be represented") from None


def _application_routes(router: APIRouter, store: CentralStore, stations: _Stations) -> None:
    @router.put("/applications/{uuid}")
    async def put_application(uuid: str, request: Request) -> Response:
        station_id, _ = stations.identify(request)
        _path_id(uuid, _UUID, "the application UUID")
        parsed = await _json_body(request, ApplicationIn, MAX_APPLICATION_BYTES, "application")
        if parsed is None:
            return Response(status_code=400)  # nobody is listening; nothing was stored
        application, digest = parsed
        try:
            view, created = store.put_application(station_id, uuid, application, digest)
        except ConflictError:
            raise CentralError(409, "idempotency_conflict",
                               "this UUID was already used for different content") from None
        except NumberTakenError:
            raise CentralError(409, "number_taken",
                               "another application of this station already has this number") from None
        except NotThisStationError:
            raise CentralError(422, "number_not_this_station",
                               "the application number does not start with this station's id") from None
        except CorrectionRefused as refused:
            raise CentralError(refused.status, refused.code, refused.message) from None
        return JSONResponse(view, status_code=201 if created else 200)

    @router.get("/applications/{uuid}")
    async def get_application(uuid: str, request: Request) -> Response:
        station_id, _ = stations.identify(request)
        view = store.application(station_id, _path_id(uuid, _UUID, "the application UUID"))
        if view is None:
            raise CentralError(404, "not_found", "no application with this UUID from this station")
        return JSONResponse(view)


def _rating_routes(router: APIRouter, store: CentralStore, stations: _Stations) -> None:
    @router.put("/ratings/{uuid}")
    async def put_rating(uuid: str, request: Request) -> Response:
        station_id, _ = stations.identify(request)
        _path_id(uuid, _UUID, "the rating UUID")
        parsed = await _json_body(request, RatingIn, MAX_RATING_BYTES, "rating")
        if parsed is None:
            return Response(status_code=400)  # nobody is listening; nothing was stored
        rating, digest = parsed
        try:
            view, created = store.put_rating(station_id, uuid, rating.model_dump_json(), digest)
        except ConflictError:
            raise CentralError(409, "idempotency_conflict", "this UUID was already used for different content") from None
        return JSONResponse(view, status_code=201 if created else 200)


def _attachment_headers(row: Any) -> dict[str, str]:
    headers = {"Upload-Offset": str(row.received), "Attachment-State": row.state}
    if row.size is not None:
        headers["Upload-Length"] = str(row.size)
    return headers


def _attachment_routes(router: APIRouter, store: CentralStore, stations: _Stations) -> None:
    @router.api_route("/attachments/{sha256}", methods=["GET", "HEAD"])
    async def attachment_state(sha256: str, request: Request) -> Response:
        station_id, _ = stations.identify(request)
        row = store.attachment(station_id, _path_id(sha256, _SHA256, "the sha256"))
        if request.method == "HEAD":
            return Response(status_code=200, headers=_attachment_headers(row))
        return JSONResponse(row.as_json(), headers=_attachment_headers(row))

    @router.put("/attachments/{sha256}")
    async def put_attachment(sha256: str, request: Request) -> Response:
        station_id, _ = stations.identify(request)
        _path_id(sha256, _SHA256, "the sha256")
        header = request.headers.get("content-range")
        start, end, total = 0, None, None
        if header is not None:
            match = _RANGE.fullmatch(header.strip())
            if not match:
                raise CentralError(400, "bad_range", "Content-Range must be 'bytes START-END/TOTAL'")
            start, end, total = (int(group) for group in match.groups())
            if total > MAX_ATTACHMENT_BYTES:
                raise CentralError(413, "too_large", f"an attachment may have at most {MAX_ATTACHMENT_BYTES} bytes")
            if not start <= end < total:
                raise CentralError(400, "bad_range", "Content-Range must satisfy START <= END < TOTAL")
        row = store.attachment(station_id, sha256)
        if row.state == "verified":
            return JSONResponse(row.as_json(), headers=_attachment_headers(row))
        if total is not None:
            received = row.received if row.size == total else 0
            if start > received:
                raise CentralError(409, "offset_mismatch", f"the centre has {received} bytes; resume from there",
                                   {"Upload-Offset": str(received)})
        limit = (end - start + 1) if end is not None else MAX_ATTACHMENT_BYTES
        chunk, gone = await _read_body(request, limit)
        if total is None:  # the whole attachment in one body
            length = request.headers.get("content-length", "")
            total = len(chunk) if not gone else (int(length) if length.isdigit() else None)
            if total is None or total > MAX_ATTACHMENT_BYTES:
                return Response(status_code=400)  # a broken body of unknown size: nothing to keep
        elif not gone and len(chunk) != limit:
            raise CentralError(400, "bad_range", "the body length does not match Content-Range")
        # A whole-body PUT replaces whatever part the centre held (openapi: putAttachment).
        try:
            row, mismatch = _within_quota(lambda: store.append_attachment(station_id, sha256, total, start, chunk,
                                                                          replace=header is None))
        except CentralError:
            if gone:
                return Response(status_code=400)
            raise
        if gone:
            return Response(status_code=400)  # kept what arrived; the client resumes after HEAD/GET
        if mismatch:
            raise CentralError(422, "sha256_mismatch", "the bytes received do not have this sha256; send them again")
        return JSONResponse(row.as_json(), headers=_attachment_headers(row))


def _within_quota(call: Callable[[], T]) -> T:
    """`call()`, with the store's QuotaExceeded as the protocol's 507.  (The body has been read
    by then: refused unread, a large chunk could meet a reset before the kiosk sees the answer.)"""
    try:
        return call()
    except QuotaExceeded as exc:
        raise CentralError(507, "partial_quota_exceeded",
                           "this station holds too many bytes in unfinished uploads; try after Retry-After",
                           {"Retry-After": str(exc.retry_after)}) from None


def _pull_routes(router: APIRouter, store: CentralStore, stations: _Stations) -> None:
    @router.get("/health")
    async def health(request: Request) -> Response:
        station_id, token = stations.identify(request)
        challenge = request.query_params.get("challenge", "")
        if not _CHALLENGE.fullmatch(challenge):
            raise CentralError(422, "invalid_request", "challenge must be 16-128 characters of A-Z a-z 0-9 _ -")
        nonce, server_time = secrets.token_urlsafe(24), request.scope.get(SERVER_TIME_KEY) or now_text()
        return JSONResponse({
            "service": SERVICE_NAME, "protocol": PROTOCOL_VERSION, "station_id": station_id,
            "server_time": server_time, "challenge": challenge, "nonce": nonce,
            "proof": health_proof(token, challenge, nonce, server_time, station_id)})

    @router.get("/catalog")
    async def catalog(request: Request) -> Response:
        stations.identify(request)
        since = request.query_params.get("since", "0")
        if not _DIGITS.fullmatch(since):
            raise CentralError(422, "invalid_request", "since must be a catalog version (0 or more)")
        envelope = store.latest_catalog()
        if envelope is None or envelope["version"] <= int(since):
            return Response(status_code=304)
        return JSONResponse(envelope, headers={"Catalog-Version": str(envelope["version"])})

    @router.get("/statuses")
    async def statuses(request: Request) -> Response:
        station_id, _ = stations.identify(request)
        cursor = request.query_params.get("cursor", "0")
        if not _DIGITS.fullmatch(cursor):
            raise CentralError(400, "bad_cursor", "cursor must be a value this centre returned")
        limit = request.query_params.get("limit", "100")
        if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= STATUS_PAGE_MAX):
            raise CentralError(422, "invalid_request", f"limit must be 1 to {STATUS_PAGE_MAX}")
        items, after, more = store.statuses(station_id, int(cursor), int(limit))
        return JSONResponse({"items": items, "cursor": str(after), "more": more})


def create_app(db_path: str | Path, tokens: Mapping[str, str],
               catalog_signing_key: Ed25519PrivateKey | KeyInput, faults: Faults | None = None, *,
               admin_token: str | None = None, limits: CentralLimits | None = None) -> CentralApp:
    """The reference centre as an ASGI app.

    `tokens` maps station id → bearer token; `catalog_signing_key` signs published
    catalogs; `faults` (shared, changeable while running) injects failures;
    `admin_token` enables the /admin endpoints (faults, catalog, statuses, stats) and is the helper
    desk's token (`GET /v1/help-requests`; without it that answers 401);
    `limits`: partial uploads' time to live and quota, failed authentications allowed."""
    limits = limits or CentralLimits()
    signing_key = load_private_key(catalog_signing_key)
    store = CentralStore(db_path, signing_key, limits)
    faults = faults if faults is not None else Faults()
    throttle = AuthThrottle(limits.auth_failures, limits.auth_window)
    enrollments = EnrollmentBook(db_path)
    stations = _Stations(tokens, throttle, enrollments.station_for)
    api = FastAPI(title="Waystation reference centre", openapi_url=None, docs_url=None, redoc_url=None)
    station_api = APIRouter(prefix="/v1")
    _application_routes(station_api, store, stations)
    _attachment_routes(station_api, store, stations)
    _rating_routes(station_api, store, stations)
    help_desk_routes(station_api, store, stations.identify, admin_token, throttle)
    _pull_routes(station_api, store, stations)
    api.include_router(station_api)
    api.include_router(enrollment_router(enrollments, throttle, public_key_hex(signing_key)))
    if admin_token:
        api.include_router(admin_router(store, faults, admin_token, throttle))

    @api.get("/openapi.yaml", include_in_schema=False)
    async def spec() -> Response:
        return Response(SPEC_PATH.read_bytes(), media_type="application/yaml")

    @api.exception_handler(CentralError)
    async def central_error(request: Request, exc: CentralError) -> Response:
        return error_response(exc.status, exc.code, exc.message, exc.headers, exc.details)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
        headers = dict(exc.headers or {})
        if exc.status_code == 405:  # Starlette lists one route's methods; a path may have several
            allowed = {method for route in api.router.routes
                       if route.matches(request.scope)[0] != Match.NONE for method in getattr(route, "methods", ())}
            headers["Allow"] = ", ".join(sorted(allowed))
        return error_response(exc.status_code, code, str(exc.detail), headers)

    @api.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(422, "invalid_request", "the request does not follow the schema")

    return CentralApp(api, store, faults, enrollments)
