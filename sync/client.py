"""The protocol client: one method a call of `openapi.yaml`, over one `requests.Session`.

Rules it keeps whatever the caller asks:
- every call has a timeout (connect, read);
- TLS is always verified: the only knob is `ca_bundle` (a PEM file of trusted
  CAs); there is no way to pass `verify=False`, and `http://` is refused;
- no hidden retries, no redirects followed (a redirect is a captive portal),
  no settings taken from the environment (proxies come from the config);
- every failure is a `SyncError` subclass (see `sync.errors`) whose `action`
  tells the outbox worker what to do.

Use one client per thread (a `requests.Session` is not shared between threads).
"""

from __future__ import annotations

import datetime as _dt
import hmac
import json
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self
from urllib.parse import quote

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk import __version__
from kiosk.errors import ConfigError
from sync.answers import RawAnswer, centre_error, error_for_exception, parse_answer
from sync.errors import (
    SyncAuthError,
    SyncCatalogRefused,
    SyncNotCentral,
    SyncRejected,
    SyncRetryLater,
)
from sync.protocol import (
    API_PREFIX,
    PROTOCOL_VERSION,
    HELP_REQUEST_RANK,
    ApplicationAnswer,
    RatingAnswer,
    AttachmentState,
    CatalogEnvelope,
    FaceReviewAnswer,
    HealthAnswer,
    HelpRequestAnswer,
    StatusPage,
    canonical_json,
    health_proof,
    parse_rfc3339,
)
from sync.signing import KeyInput, VerifiedCatalog, load_public_key, verify_catalog

DEFAULT_CHUNK = 4 << 20
MAX_MISMATCHES = 3  # sha256 mismatches in a row on one attachment before it is set aside
MAX_ANSWER_BYTES = 16 << 20  # a catalog with pictures fits; a runaway garbage stream does not


@dataclass(frozen=True)
class Preflight:
    """The centre proved it knows this station's token; its clock, seen from here."""

    station_id: str
    protocol: int
    server_time: _dt.datetime
    clock_skew: float  # seconds the centre's clock is ahead of this kiosk's (negative: behind)


class CentralClient:
    """Talks to one central service on behalf of one station."""

    def __init__(self, base_url: str, token: str, *, ca_bundle: str | Path | None = None,
                 catalog_public_key: Ed25519PublicKey | KeyInput | None = None,
                 connect_timeout: float = 5.0, read_timeout: float = 30.0,
                 proxies: Mapping[str, str] | None = None, chunk_size: int = DEFAULT_CHUNK,
                 station_id: str | None = None) -> None:
        if not isinstance(base_url, str) or not base_url.lower().startswith("https://"):
            raise ConfigError("config.invalid", key="central.url", problem="must be an https:// address")
        if not token or not (token.isascii() and token.isprintable()) or " " in token:
            raise ConfigError("config.invalid", key="central.token",
                              problem="missing, or not printable ASCII without spaces")
        # Refused on purpose: a kiosk that stops checking certificates sends residents'
        # data to whoever answers.  A private CA goes in `ca_bundle` instead.
        if ca_bundle is False or ca_bundle == "":
            raise ConfigError("config.invalid", key="central.ca_bundle",
                              problem="TLS verification cannot be turned off; give a CA bundle instead")
        if ca_bundle is not None and not Path(ca_bundle).is_file():
            raise ConfigError("config.invalid", key="central.ca_bundle", problem=f"no such file: {ca_bundle}")
        if not (connect_timeout > 0 and read_timeout > 0):
            raise ConfigError("config.invalid", key="central.timeout", problem="must be more than 0 seconds")
        self.base_url = base_url.rstrip("/")
        self.station_id = station_id  # this kiosk's own id: the health answer must name it
        self._token = token
        self._verify: bool | str = str(ca_bundle) if ca_bundle is not None else True
        self.timeout = (float(connect_timeout), float(read_timeout))
        self.chunk_size = max(int(chunk_size), 1024)
        self._catalog_key = load_public_key(catalog_public_key) if catalog_public_key is not None else None
        session = requests.Session()
        session.trust_env = False  # no netrc, no env proxies or CA overrides: the config says it all
        session.verify = self._verify
        session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json",
                                "User-Agent": f"waystation/{__version__}"})
        if proxies:
            session.proxies.update(dict(proxies))
        self._session = session

    # ---- plumbing ------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
              data: bytes | None = None, headers: Mapping[str, str] | None = None) -> RawAnswer:
        url = self.base_url + API_PREFIX + path
        try:
            response = self._session.request(
                method, url, params=params, data=data, headers=dict(headers or {}),
                timeout=self.timeout, verify=self._verify, allow_redirects=False, stream=True)
            try:
                body = self._read(response)
            finally:
                response.close()
        except requests.RequestException as exc:
            raise error_for_exception(exc) from exc
        return RawAnswer(response.status_code, response.headers, body)

    def _read(self, response: requests.Response) -> bytes:
        # The read timeout bounds each wait for bytes; a server dripping a byte at a time
        # could still hold the worker for ever, so the whole answer has a deadline too.
        deadline = time.monotonic() + 2 * self.timeout[1]
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(65536):
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise SyncNotCentral("sync.garbage", detail=f"answer larger than {MAX_ANSWER_BYTES} bytes")
            if time.monotonic() > deadline:
                raise SyncRetryLater("sync.timeout", detail="the answer took too long to arrive")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- calls ---------------------------------------------------------------------------

    def preflight(self) -> Preflight:
        """Is the real centre reachable?  Sends a fresh challenge; the centre must answer
        with an HMAC of it under this station's token (a portal or proxy cannot)."""
        challenge = secrets.token_urlsafe(24)
        sent = time.time()
        answer = self._call("GET", "/health", params={"challenge": challenge})
        received = time.time()
        health = parse_answer(answer, HealthAnswer)
        expected = health_proof(self._token, challenge, health.nonce, health.server_time, health.station_id)
        if health.challenge != challenge or not hmac.compare_digest(health.proof, expected):
            raise SyncNotCentral("sync.not_central", detail="health proof does not match this station's token")
        if self.station_id is not None and health.station_id != self.station_id:
            # A proven answer for another station: this kiosk holds that station's token.
            raise SyncAuthError("sync.wrong_station", detail=f"the centre knows this token as {health.station_id}",
                                station=self.station_id, centre_station=health.station_id[:64])
        if health.protocol != PROTOCOL_VERSION:
            raise SyncAuthError("sync.protocol_version", detail=f"kiosk speaks {PROTOCOL_VERSION}",
                                version=health.protocol)
        try:
            server_time = parse_rfc3339(health.server_time)
        except ValueError:  # the answer model already checked it; never a crash all the same
            raise SyncNotCentral("sync.garbage", detail="server_time is not an RFC 3339 time") from None
        midpoint = _dt.datetime.fromtimestamp((sent + received) / 2, _dt.UTC)
        return Preflight(health.station_id, health.protocol, server_time,
                         (server_time - midpoint).total_seconds())

    def put_application(self, uuid: str, body: Mapping[str, Any]) -> ApplicationAnswer:
        """Send one application under its client UUID (the idempotency key).

        Sending the same content again returns the first receipt (`replayed` true),
        so retrying after any fault is safe.  `missing_attachments` lists what the
        centre still needs, with the bytes it already has of each."""
        try:
            data = canonical_json(dict(body))
        except (TypeError, ValueError) as exc:  # a poison record: set it aside, keep the queue moving
            raise SyncRejected("sync.rejected", detail=f"cannot be sent as JSON: {exc}"[:200],
                               server_code="not_json") from None
        answer = self._call("PUT", f"/applications/{quote(uuid, safe='')}", data=data,
                            headers={"Content-Type": "application/json"})
        try:
            result = parse_answer(answer, ApplicationAnswer)
        except SyncRejected as error:
            if "field" not in error.params and (field := _field_at_fault(answer)):
                error.params["field"] = field  # a location, never a value (openapi: Error.details)
            raise
        if result.uuid != uuid.lower():
            raise SyncNotCentral("sync.garbage", detail="answer is about another application")
        return result

    def put_rating(self, uuid: str, body: Mapping[str, Any]) -> RatingAnswer:
        """Send one 好差评 rating under its client UUID (idempotent, as applications): a replay of the same
        content returns the first receipt, so retrying after any fault is safe."""
        answer = self._call("PUT", f"/ratings/{quote(uuid, safe='')}", data=canonical_json(dict(body)),
                            headers={"Content-Type": "application/json"})
        result = parse_answer(answer, RatingAnswer)
        if result.uuid != uuid.lower():
            raise SyncNotCentral("sync.garbage", detail="answer is about another rating")
        return result

    def put_help_request(self, uuid: str, body: Mapping[str, Any]) -> HelpRequestAnswer:
        """Send a help request in the state it has reached (idempotent on its UUID, only ever forward at
        the centre).  The answer's state is the centre's now: never behind the one sent, or it is not the
        centre's answer."""
        answer = self._call("PUT", f"/help-requests/{quote(uuid, safe='')}", data=canonical_json(dict(body)),
                            headers={"Content-Type": "application/json"})
        result = parse_answer(answer, HelpRequestAnswer)
        if result.uuid != uuid.lower():
            raise SyncNotCentral("sync.garbage", detail="answer is about another help request")
        if HELP_REQUEST_RANK[result.state] < HELP_REQUEST_RANK.get(str(body.get("state")), 0):
            raise SyncNotCentral("sync.garbage", detail="answer holds the help request behind the state sent")
        return result

    def put_face_review(self, application_uuid: str, body: Mapping[str, Any]) -> FaceReviewAnswer:
        """Send a helper's decision on an application's faces (once per application, idempotent).

        `404 not_found` (the centre does not hold the application) is refused for this review only:
        SyncRejected, so the worker tries it again after its longest wait and nothing else waits."""
        answer = self._call("PUT", f"/applications/{quote(application_uuid, safe='')}/face-review",
                            data=canonical_json(dict(body)), headers={"Content-Type": "application/json"})
        if answer.status == 404 and (error := centre_error(answer)) and error.code == "not_found":
            raise SyncRejected("sync.rejected", detail="the centre does not hold this application",
                               server_code="not_found")
        result = parse_answer(answer, FaceReviewAnswer)
        if result.uuid != application_uuid.lower() or result.outcome != body.get("outcome"):
            raise SyncNotCentral("sync.garbage", detail="answer is about another face review")
        return result

    def get_application(self, uuid: str) -> ApplicationAnswer | None:
        """The centre's current view of an application, or None if it has never seen it."""
        answer = self._call("GET", f"/applications/{quote(uuid, safe='')}")
        if answer.status == 404 and (error := centre_error(answer)) and error.code == "not_found":
            return None
        return parse_answer(answer, ApplicationAnswer)

    def attachment_state(self, sha256: str) -> AttachmentState:
        """What the centre holds of an attachment: absent, partial (with bytes received) or verified."""
        answer = self._call("GET", f"/attachments/{quote(sha256, safe='')}")
        return parse_answer(answer, AttachmentState)

    def put_attachment(self, sha256: str, data: bytes, *, offset: int | None = None) -> AttachmentState:
        """Upload an attachment, resuming where the centre stopped; returns it verified.

        `offset` is what the centre last reported (`missing_attachments`); without it
        the client asks first.  The centre recomputes the sha256: on `422 sha256_mismatch`
        it has discarded what it held, so the whole attachment goes again from 0 (the
        bytes here are sealed and sound; the damage was on the way or at the centre).
        Only after MAX_MISMATCHES in a row does this raise
        SyncRejected("sync.attachment_damaged"): then a helper must look."""
        total = len(data)
        if offset is None or not 0 <= offset < max(total, 1):
            state = self.attachment_state(sha256)
            if state.state == "verified":
                return state
            offset = state.received if state.size in (None, total) and state.received < total else 0
        mismatches = corrections = 0
        while True:
            try:
                return self._send_from(sha256, data, offset)
            except _OffsetMismatch as mismatch:
                corrections += 1
                if corrections > 4:  # a few offset corrections at most; then let the worker retry later
                    raise SyncNotCentral("sync.garbage", detail="the centre keeps moving the upload offset") from None
                offset = mismatch.offset if 0 <= mismatch.offset < max(total, 1) else 0
            except SyncRejected as exc:
                if exc.code != "sync.attachment_mismatch":
                    raise
                mismatches += 1
                if mismatches >= MAX_MISMATCHES:
                    raise SyncRejected("sync.attachment_damaged", detail=f"{mismatches} uploads in a row arrived "
                                       "damaged", server_code="sha256_mismatch", tries=mismatches) from None
                offset = 0  # the centre discarded its bytes: send them again from 0 (openapi)

    def _send_from(self, sha256: str, data: bytes, start: int) -> AttachmentState:
        total, position = len(data), start
        path = f"/attachments/{quote(sha256, safe='')}"
        while True:
            end = min(position + self.chunk_size, total)
            headers = {"Content-Type": "application/octet-stream"}
            if not (position == 0 and end == total):
                headers["Content-Range"] = f"bytes {position}-{end - 1}/{total}"
            answer = self._call("PUT", path, data=data[position:end], headers=headers)
            if answer.status == 409 and (error := centre_error(answer)) and error.code == "offset_mismatch":
                raise _OffsetMismatch(_int_or(answer.header("upload-offset"), 0))
            state = parse_answer(answer, AttachmentState)
            if state.state == "verified":
                return state
            if state.received <= position or state.received >= total:
                raise SyncNotCentral("sync.garbage", detail="upload answer shows no progress")
            position = state.received

    def pull_catalog(self, since: int = 0) -> VerifiedCatalog | None:
        """The newest catalog if newer than `since`, signature verified; None if nothing newer.

        A tampered, unsigned, wrongly signed or older catalog raises SyncCatalogRefused:
        the caller keeps its last good catalog."""
        if self._catalog_key is None:
            raise ConfigError("config.invalid", key="central.catalog_public_key", problem="missing")
        answer = self._call("GET", "/catalog", params={"since": int(since)})
        if answer.status == 304:
            return None
        if 200 <= answer.status < 300:
            _refuse_unsigned(answer)
        envelope = parse_answer(answer, CatalogEnvelope)
        verified = verify_catalog(envelope, self._catalog_key)
        if verified.version <= since:
            raise SyncCatalogRefused("sync.catalog_rollback", detail=f"have {since}", version=verified.version)
        return verified

    def pull_statuses(self, cursor: str | None = None, limit: int = 100) -> StatusPage:
        """Status changes after `cursor` (None: from the start), oldest first.

        Store the returned `cursor` only after the items are saved; call again while `more`."""
        params: dict[str, Any] = {"limit": int(limit)}
        if cursor:
            params["cursor"] = cursor
        return parse_answer(self._call("GET", "/statuses", params=params), StatusPage)


class _OffsetMismatch(Exception):
    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


_FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,40}")


def _field_at_fault(answer: RawAnswer) -> str:
    """The first field the centre's error names (`details[0].loc`), if it is a plain path.

    Only names (a letter first) and list indices pass: whatever else a centre puts
    there could be a resident's value, and this goes to the audit log in clear."""
    body = centre_error(answer)
    if body is None or not body.details:
        return ""
    loc = body.details[0].get("loc")
    if not isinstance(loc, list) or not 0 < len(loc) <= 8:
        return ""
    parts = []
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool) and 0 <= part < 1000:
            parts.append(str(part))
        elif isinstance(part, str) and (_FIELD_NAME.fullmatch(part) or (part.isdigit() and len(part) <= 3)):
            parts.append(part)
        else:
            return ""
    return ".".join(parts)


def _int_or(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _refuse_unsigned(answer: RawAnswer) -> None:
    """A catalog-shaped answer without a signature is refused as unsigned, not as garbage."""
    try:
        document = json.loads(answer.body)
    except (ValueError, RecursionError, MemoryError):  # a body nested to exhaust the parser is garbage too
        return
    if isinstance(document, dict) and "payload" in document and not document.get("signature"):
        raise SyncCatalogRefused("sync.catalog_signature", detail="the catalog is not signed")
