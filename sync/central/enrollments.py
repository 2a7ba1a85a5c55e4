"""Enrollment at the reference centre: one-time codes the admin makes, redeemed by a station for its token.

The admin makes a code for a station id and name (`waystation central enroll-code`,
see `enroll_code.py`); IT types it on the station (`waystation enroll`), which sends
it to `POST /v1/enrollments` over verified TLS and gets the station's id, name and
a fresh bearer token back, with the public key that checks the centre's catalogs.

- Codes are kept as hashes (`sync.enrollment_code.code_hash`), with their expiry
  and the time they were used: a code works once, before it expires.  Redeeming
  marks the code used and records the station's token in one transaction, so two
  stations racing with one code cannot both get a token.
- Tokens are kept as sha256 hashes too (they are 256 random bits: the hash cannot
  be searched); a station that enrolls again (a replaced kiosk) gets a new token
  and its previous enrolled token stops working.  Tokens from central.json stay valid.
- Every refused code (unknown, used, expired) counts as a failed authentication of
  the client's address (`limits.AuthThrottle`), so codes cannot be guessed at speed;
  a code is looked up by its hash, never compared symbol by symbol.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sqlite3
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.requests import ClientDisconnect

from sync.central.http_errors import CentralError
from sync.central.limits import AuthThrottle, client_address, refuse_if_throttled
from sync.enrollment_code import code_hash
from sync.protocol import MAX_ENROLLMENT_BYTES, PROTOCOL_VERSION, EnrollmentIn

SCHEMA = """
CREATE TABLE IF NOT EXISTS enrollment_codes (
    code_hash TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    station_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at REAL NOT NULL,
    used_at TEXT,
    used_from TEXT
);
CREATE TABLE IF NOT EXISTS enrolled_stations (
    station_id TEXT PRIMARY KEY,
    station_name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL
);
"""

# Refusal -> (HTTP status, the protocol's error code); openapi.yaml: POST /v1/enrollments.
REFUSALS = {
    "unknown": (404, "enrollment_code_unknown"),
    "used": (409, "enrollment_code_used"),
    "expired": (410, "enrollment_code_expired"),
}


def _time_text(epoch: float) -> str:
    return _dt.datetime.fromtimestamp(epoch, _dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class CodeRefused(Exception):
    """A code the centre will not redeem: `reason` is unknown, used or expired; `message` is for people."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


@dataclass(frozen=True)
class IssuedCode:
    code: str  # shown once to the admin; never stored
    station_id: str
    station_name: str
    expires_at: str


@dataclass(frozen=True)
class Enrolled:
    station_id: str
    station_name: str
    token: str  # the new bearer token, for the answer only; stored hashed
    enrolled_at: str


class EnrollmentBook:
    """Enrollment codes and enrolled stations' token hashes, in the centre's SQLite file.

    Its own connection (the admin command uses the same file from another process
    while the centre runs); enrolled tokens are also held in memory, by hash, for
    `station_for`, which every station request asks."""

    def __init__(self, db_path: str | Path, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        if str(db_path) != ":memory:":
            os.close(os.open(db_path, os.O_CREAT | os.O_WRONLY, 0o600))  # owner-only before SQLite opens it
        self._db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None, timeout=15)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)
        self._stations = {bytes.fromhex(token_hash): station_id for station_id, token_hash
                          in self._db.execute("SELECT station_id, token_hash FROM enrolled_stations")}

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def create_code(self, station_id: str, station_name: str, valid_for: float, code: str) -> IssuedCode:
        """Keep `code` (canonical form, made by `enrollment_code.new_code`) for `valid_for` seconds."""
        now = self._clock()
        with self._lock:
            self._db.execute(
                "INSERT INTO enrollment_codes(code_hash, station_id, station_name, created_at, expires_at)"
                " VALUES (?,?,?,?,?)", (code_hash(code), station_id, station_name, _time_text(now), now + valid_for))
        return IssuedCode(code, station_id, station_name, _time_text(now + valid_for))

    def redeem(self, code: str, address: str) -> Enrolled:
        """Use `code` once: a new token for its station (the station's earlier enrolled token revoked).

        CodeRefused when the code is unknown, already used, or expired."""
        token = secrets.token_urlsafe(32)
        digest = hashlib.sha256(token.encode("ascii")).digest()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                station_id, station_name, at = self._redeem(code_hash(code), address, digest.hex())
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._stations = {key: value for key, value in self._stations.items() if value != station_id}
            self._stations[digest] = station_id
        return Enrolled(station_id, station_name, token, at)

    def _redeem(self, hashed: str, address: str, token_hash: str) -> tuple[str, str, str]:
        row = self._db.execute("SELECT station_id, station_name, expires_at, used_at FROM enrollment_codes"
                               " WHERE code_hash = ?", (hashed,)).fetchone()
        if row is None:
            raise CodeRefused("unknown", "this centre has no such enrollment code; check it, or ask for a new one")
        station_id, station_name, expires_at, used_at = row
        if used_at is not None:
            raise CodeRefused("used", f"this enrollment code was already used (at {used_at}); each code works "
                                      "once: ask for a new one")
        now = self._clock()
        if now >= expires_at:
            raise CodeRefused("expired", f"this enrollment code expired at {_time_text(expires_at)}; "
                                         "ask for a new one")
        at = _time_text(now)
        self._db.execute("UPDATE enrollment_codes SET used_at = ?, used_from = ? WHERE code_hash = ?",
                         (at, address, hashed))
        self._db.execute("INSERT OR REPLACE INTO enrolled_stations(station_id, station_name, token_hash, enrolled_at)"
                         " VALUES (?,?,?,?)", (station_id, station_name, token_hash, at))
        return station_id, station_name, at

    def station_for(self, token_digest: bytes) -> str | None:
        """The enrolled station whose token has this sha256 digest, if any."""
        return self._stations.get(token_digest)

    def codes(self) -> list[dict[str, object]]:
        """Every code's record, without the code (for the admin and tests)."""
        with self._lock:
            rows = self._db.execute("SELECT station_id, station_name, created_at, expires_at, used_at, used_from"
                                    " FROM enrollment_codes ORDER BY created_at").fetchall()
        return [{"station_id": r[0], "station_name": r[1], "created_at": r[2], "expires_at": _time_text(r[3]),
                 "used_at": r[4], "used_from": r[5]} for r in rows]


async def _enrollment_body(request: Request) -> EnrollmentIn | None:
    """The request read strictly as EnrollmentIn (415, 413, 400, 422 as the contract says); None if the
    client went away mid-body."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise CentralError(415, "unsupported_media_type", "send the enrollment request as application/json")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_ENROLLMENT_BYTES:
        raise CentralError(413, "too_large", f"the body may have at most {MAX_ENROLLMENT_BYTES} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_ENROLLMENT_BYTES:
                raise CentralError(413, "too_large", f"the body may have at most {MAX_ENROLLMENT_BYTES} bytes")
            chunks.append(chunk)
    except ClientDisconnect:
        return None
    try:
        document = json.loads(b"".join(chunks))
    except (ValueError, RecursionError):
        raise CentralError(400, "malformed_json", "the body is not valid UTF-8 JSON") from None
    try:
        return EnrollmentIn.model_validate(document)
    except ValidationError:
        raise CentralError(422, "invalid_request",
                           'send {"code": "XXXX-XXXX-XXXX-XXXX"} (the code in its canonical form)') from None


def enrollment_router(book: EnrollmentBook, throttle: AuthThrottle, catalog_public_key_hex: str) -> APIRouter:
    """`POST /v1/enrollments`: no station token (the code is the credential); refusals count in `throttle`."""
    router = APIRouter(prefix="/v1")

    @router.post("/enrollments")
    async def enroll(request: Request) -> Response:
        refuse_if_throttled(throttle, request)
        body = await _enrollment_body(request)
        if body is None:
            return Response(status_code=400)  # nobody is listening; the code was not used
        try:
            enrolled = book.redeem(body.code, client_address(request))
        except CodeRefused as refusal:
            throttle.failed(client_address(request))
            status, code = REFUSALS[refusal.reason]
            raise CentralError(status, code, refusal.message) from None
        return JSONResponse({"station_id": enrolled.station_id, "station_name": enrolled.station_name,
                             "token": enrolled.token, "catalog_public_key": catalog_public_key_hex,
                             "protocol": PROTOCOL_VERSION, "enrolled_at": enrolled.enrolled_at},
                            status_code=201, headers={"Cache-Control": "no-store"})

    return router
