"""The reference centre's own SQLite store: applications, attachments, statuses, catalogs.

One connection behind a lock (the server is one process; every call is a short
transaction).  The uniqueness that the protocol promises is the database's:
`applications.uuid` is the primary key, so an application exists at most once
whatever the retries; `(station_id, number)` is unique too, so two applications
can never answer to one receipt number; and a status change is a row in
`status_log`, whose autoincrement id is the cursor stations pull with.

Partial (resumable) attachment uploads are kept `partial_ttl` seconds after their
last byte, then dropped (the kiosk starts that attachment again from byte 0), and
the bytes one station holds in partials are capped by `partial_quota`.  The file
is created owner-only (0600): it holds every resident's application.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.central import corrections
from sync.central.corrections import CorrectionRefused  # noqa: F401 (raised by put_application)
from sync.central.limits import CentralLimits
from sync.protocol import (
    HELP_REQUEST_RANK,
    HELP_REQUEST_STATES,
    REVIEW_STATUSES,
    STATUSES_WITH_REASON,
    ApplicationIn,
    FaceReviewIn,
    HelpRequestIn,
)
from sync.signing import sign_catalog

SCHEMA = """
CREATE TABLE IF NOT EXISTS applications (
    uuid TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    central_id TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    completed_at TEXT,
    status TEXT NOT NULL DEFAULT 'incomplete',
    reason TEXT
);
CREATE TABLE IF NOT EXISTS application_attachments (
    uuid TEXT NOT NULL REFERENCES applications(uuid),
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (uuid, sha256)
);
CREATE INDEX IF NOT EXISTS application_attachments_sha ON application_attachments(sha256);
CREATE TABLE IF NOT EXISTS attachments (
    station_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('partial', 'verified')),
    verified_at TEXT,
    touched_at REAL,
    PRIMARY KEY (station_id, sha256)
);
CREATE TABLE IF NOT EXISTS status_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    station_id TEXT NOT NULL,
    uuid TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogs (
    version INTEGER PRIMARY KEY,
    envelope TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (
    uuid TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS help_requests (
    uuid TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    screen TEXT NOT NULL,
    service_id TEXT,
    state TEXT NOT NULL,
    acknowledged_at TEXT,
    resolved_at TEXT,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS help_requests_state ON help_requests(state, opened_at);
CREATE TABLE IF NOT EXISTS help_request_states (
    uuid TEXT NOT NULL REFERENCES help_requests(uuid),
    state TEXT NOT NULL,
    at TEXT,
    received_at TEXT NOT NULL,
    PRIMARY KEY (uuid, state)
);
CREATE TABLE IF NOT EXISTS face_reviews (
    uuid TEXT PRIMARY KEY REFERENCES applications(uuid),
    station_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    outcome TEXT NOT NULL,
    helper_number TEXT,
    decided_at TEXT NOT NULL,
    received_at TEXT NOT NULL
);
"""
# After the column migration below (a database made before `touched_at` existed).
INDEXES = """
CREATE INDEX IF NOT EXISTS attachments_partial ON attachments(touched_at) WHERE state = 'partial';
CREATE UNIQUE INDEX IF NOT EXISTS applications_station_number ON applications(station_id, number);
"""


def now_text() -> str:
    """The centre's clock, RFC 3339 UTC with milliseconds."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ConflictError(Exception):
    """Same UUID, different content (or another station's UUID)."""


class NotFoundError(Exception):
    pass


class NoFaceReviewError(Exception):
    """The application's face check was not left to a helper: there is nothing to review."""


class NotThisStationError(Exception):
    """The number's station prefix is not the sending station's id."""


class NumberTakenError(Exception):
    """Another application (another UUID) of this station already has this number."""


class QuotaExceeded(Exception):
    """The station holds too many bytes in partial uploads; `retry_after` seconds until one expires."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class AttachmentRow:
    sha256: str
    state: str  # absent | partial | verified
    received: int
    size: int | None

    def as_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "state": self.state, "received": self.received, "size": self.size}


class CentralStore:
    """Everything the reference centre keeps, in one SQLite file."""

    def __init__(self, db_path: str | Path, signing_key: Ed25519PrivateKey, limits: CentralLimits | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self._lock = threading.RLock()
        self.limits = limits or CentralLimits()
        self._clock = clock  # wall time: partials outlive a restart of the centre
        _create_owner_only(db_path)
        self._db = sqlite3.connect(str(db_path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL survives a crash of this process (what tests inject); the
        # reference server does not promise survival of a power cut.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._db.executescript(corrections.SCHEMA)
        self._migrate()
        self._signing_key = signing_key
        self.bytes_received = 0  # attachment bytes written, all requests: shows resumption works
        self.partials_expired = 0  # partial uploads dropped after partial_ttl

    def _migrate(self) -> None:
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(attachments)")}
        if "touched_at" not in columns:
            self._db.execute("ALTER TABLE attachments ADD COLUMN touched_at REAL")
        # Partials from before the column: their time to live starts now.
        self._db.execute("UPDATE attachments SET touched_at = ? WHERE touched_at IS NULL AND state = 'partial'",
                         (self._clock(),))
        try:
            self._db.executescript(INDEXES)
        except sqlite3.IntegrityError:
            raise ValueError("the centre's database holds two applications with the same station and number;"
                             " keep one of each before starting this version") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _tx(self):
        return _Transaction(self._db, self._lock)

    # ---- applications --------------------------------------------------------------------

    def put_application(self, station_id: str, uuid: str, application: ApplicationIn,
                        content_hash: str) -> tuple[dict[str, Any], bool]:
        """Store once; return (current view, created).

        Raises ConflictError (this UUID, other content or station), NotThisStationError
        (the number starts with another station's id), NumberTakenError (another UUID
        of this station already has this number) and CorrectionRefused (the application
        named in `corrects` is another station's, of another service, or corrected already),
        in that order."""
        with self._tx() as db:
            self._expire(db)
            row = db.execute("SELECT station_id, content_hash FROM applications WHERE uuid = ?", (uuid,)).fetchone()
            if row is not None:
                if row[0] != station_id or row[1] != content_hash:
                    raise ConflictError(uuid)
                return self._view(db, uuid, replayed=True), False
            if application.number.split("-", 1)[0] != station_id:
                raise NotThisStationError(application.number)
            if db.execute("SELECT 1 FROM applications WHERE station_id = ? AND number = ?",
                          (station_id, application.number)).fetchone():
                raise NumberTakenError(application.number)
            old_known = corrections.check(db, station_id, uuid, application)
            seq = self._next(db, "central_id")
            received_at = now_text()
            db.execute(
                "INSERT INTO applications(uuid, station_id, central_id, number, content_hash, body, received_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (uuid, station_id, f"C{seq:09d}", application.number, content_hash,
                 application.model_dump_json(), received_at))
            if application.corrects is not None:
                corrections.record(db, station_id, uuid, application.corrects, old_known, received_at)
            # The same bytes may fill two slots of a form: stored once, needed once.
            db.executemany("INSERT OR IGNORE INTO application_attachments(uuid, sha256, size) VALUES (?,?,?)",
                           [(uuid, ref.sha256, ref.size) for ref in application.attachments])
            self._complete_if_ready(db, station_id, uuid)
            return self._view(db, uuid, replayed=False), True

    # ---- ratings (好差评) -------------------------------------------------------------------

    def put_rating(self, station_id: str, uuid: str, body: str, content_hash: str) -> tuple[dict[str, Any], bool]:
        """Store a rating once; return (receipt, created).  ConflictError: this UUID, other content or station."""
        with self._tx() as db:
            row = db.execute("SELECT station_id, content_hash, received_at FROM ratings WHERE uuid = ?",
                             (uuid,)).fetchone()
            if row is not None:
                if row[0] != station_id or row[1] != content_hash:
                    raise ConflictError(uuid)
                return {"uuid": uuid, "received_at": row[2], "replayed": True}, False
            received_at = now_text()
            db.execute("INSERT INTO ratings(uuid, station_id, content_hash, body, received_at) VALUES (?,?,?,?,?)",
                       (uuid, station_id, content_hash, body, received_at))
            return {"uuid": uuid, "received_at": received_at, "replayed": False}, True

    def ratings(self, station_id: str | None = None) -> list[dict[str, Any]]:
        """Every rating received (for tests and the centre's own figures)."""
        with self._tx() as db:
            rows = db.execute("SELECT uuid, station_id, body, received_at FROM ratings ORDER BY rowid").fetchall()
        return [{"uuid": r[0], "station_id": r[1], **json.loads(r[2]), "received_at": r[3]} for r in rows
                if station_id is None or r[1] == station_id]

    # ---- help requests ---------------------------------------------------------------------

    def put_help_request(self, station_id: str, uuid: str, request: HelpRequestIn) -> tuple[dict[str, Any], bool]:
        """Keep a help request, moved only forward; return (receipt, created).

        A state behind the one held changes nothing (a late "open" never undoes "resolved").  A time
        already held is kept; a different value for it, or another screen, service, opening time or
        station under this UUID, is ConflictError.  `help_request_states` gets one row per state
        reached, whatever the retries."""
        times = {"open": request.opened_at, "acknowledged": request.acknowledged_at, "resolved": request.resolved_at}
        with self._tx() as db:
            now = now_text()
            row = db.execute("SELECT station_id, opened_at, screen, service_id, state, acknowledged_at, resolved_at"
                             " FROM help_requests WHERE uuid = ?", (uuid,)).fetchone()
            created = row is None
            if created:
                db.execute("INSERT INTO help_requests(uuid, station_id, opened_at, screen, service_id, state,"
                           " received_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                           (uuid, station_id, request.opened_at, request.screen, request.service_id, "open", now, now))
                row = (station_id, request.opened_at, request.screen, request.service_id, "open", None, None)
            held_station, opened_at, screen, service_id, state, acknowledged_at, resolved_at = row
            if (held_station, opened_at, screen, service_id) != (station_id, request.opened_at, request.screen,
                                                                 request.service_id):
                raise ConflictError(uuid)
            for held, given in ((acknowledged_at, request.acknowledged_at), (resolved_at, request.resolved_at)):
                if held is not None and given is not None and held != given:
                    raise ConflictError(uuid)
            merged = {"acknowledged_at": acknowledged_at or request.acknowledged_at,
                      "resolved_at": resolved_at or request.resolved_at}
            forward = HELP_REQUEST_RANK[request.state] > HELP_REQUEST_RANK[state]
            new_state = request.state if forward else state
            changed = forward or merged != {"acknowledged_at": acknowledged_at, "resolved_at": resolved_at}
            if changed:
                db.execute("UPDATE help_requests SET state = ?, acknowledged_at = ?, resolved_at = ?, updated_at = ?"
                           " WHERE uuid = ?", (new_state, merged["acknowledged_at"], merged["resolved_at"], now, uuid))
            # Every state this request has passed through, once: from the times it carries.
            for reached in HELP_REQUEST_STATES[:HELP_REQUEST_RANK[new_state] + 1]:
                at = times[reached] if reached == "open" else merged[f"{reached}_at"]
                if reached == "open" or at is not None or reached == new_state:
                    db.execute("INSERT OR IGNORE INTO help_request_states(uuid, state, at, received_at)"
                               " VALUES (?,?,?,?)", (uuid, reached, at, now))
            received_at, updated_at = db.execute("SELECT received_at, updated_at FROM help_requests WHERE uuid = ?",
                                                 (uuid,)).fetchone()
            return {"uuid": uuid, "state": new_state, "received_at": received_at, "updated_at": updated_at,
                    "replayed": not created and not changed}, created

    def help_requests(self, state: str | None = None, station_id: str | None = None,
                      limit: int = 100) -> tuple[list[dict[str, Any]], bool]:
        """Help requests (oldest first) in `state` (all when None), of one station or all: (items, more)."""
        where, args = [], []
        if state is not None:
            where.append("state = ?")
            args.append(state)
        if station_id is not None:
            where.append("station_id = ?")
            args.append(station_id)
        sql = ("SELECT uuid, station_id, opened_at, screen, service_id, state, acknowledged_at, resolved_at,"
               " received_at, updated_at FROM help_requests" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY opened_at, rowid LIMIT ?")
        with self._tx() as db:
            rows = db.execute(sql, (*args, limit + 1)).fetchall()
        keys = ("uuid", "station_id", "opened_at", "screen", "service_id", "state", "acknowledged_at", "resolved_at",
                "received_at", "updated_at")
        return [dict(zip(keys, row)) for row in rows[:limit]], len(rows) > limit

    def help_request_states(self, uuid: str) -> list[tuple[str, str | None]]:
        """(state, kiosk time) of every state a request reached, in order (tests: once each)."""
        with self._tx() as db:
            rows = db.execute("SELECT state, at FROM help_request_states WHERE uuid = ?", (uuid,)).fetchall()
        return sorted(rows, key=lambda row: HELP_REQUEST_RANK[row[0]])

    # ---- face reviews ----------------------------------------------------------------------

    def put_face_review(self, station_id: str, uuid: str, review: FaceReviewIn,
                        content_hash: str) -> tuple[dict[str, Any], bool]:
        """Keep a helper's face review of an application of this station once; return (receipt, created).

        NotFoundError: no such application from this station.  NoFaceReviewError: its face check was
        not left to a helper.  ConflictError: a different review is already held."""
        with self._tx() as db:
            row = db.execute("SELECT station_id, body FROM applications WHERE uuid = ?", (uuid,)).fetchone()
            if row is None or row[0] != station_id:
                raise NotFoundError(uuid)
            if _face_check(json.loads(row[1])) != "helper_to_confirm":
                raise NoFaceReviewError(uuid)
            held = db.execute("SELECT content_hash, outcome, received_at FROM face_reviews WHERE uuid = ?",
                              (uuid,)).fetchone()
            if held is not None:
                if held[0] != content_hash:
                    raise ConflictError(uuid)
                return {"uuid": uuid, "outcome": held[1], "received_at": held[2], "replayed": True}, False
            received_at = now_text()
            db.execute("INSERT INTO face_reviews(uuid, station_id, content_hash, outcome, helper_number, decided_at,"
                       " received_at) VALUES (?,?,?,?,?,?,?)", (uuid, station_id, content_hash, review.outcome,
                                                                review.helper_number, review.decided_at, received_at))
            return {"uuid": uuid, "outcome": review.outcome, "received_at": received_at, "replayed": False}, True

    def face_review(self, station_id: str, uuid: str) -> dict[str, Any] | None:
        """The face review held for an application of this station, or None."""
        with self._tx() as db:
            row = db.execute("SELECT outcome, helper_number, decided_at, received_at FROM face_reviews"
                             " WHERE uuid = ? AND station_id = ?", (uuid, station_id)).fetchone()
        return dict(zip(("outcome", "helper_number", "decided_at", "received_at"), row)) if row else None

    def application(self, station_id: str, uuid: str) -> dict[str, Any] | None:
        with self._tx() as db:
            self._expire(db)
            row = db.execute("SELECT station_id FROM applications WHERE uuid = ?", (uuid,)).fetchone()
            if row is None or row[0] != station_id:
                return None
            return self._view(db, uuid, replayed=False)

    def corrections(self, station_id: str | None = None) -> list[dict[str, Any]]:
        """Every correction link received: {uuid, corrects, station_id, old_known, recorded_at}."""
        with self._tx() as db:
            return corrections.all_links(db, station_id)

    def application_body(self, station_id: str, uuid: str) -> dict[str, Any] | None:
        """The application as received and stored (form, attachments, the verified identity), or None."""
        with self._tx() as db:
            row = db.execute("SELECT station_id, body FROM applications WHERE uuid = ?", (uuid,)).fetchone()
            if row is None or row[0] != station_id:
                return None
            return json.loads(row[1])

    def _view(self, db: sqlite3.Connection, uuid: str, replayed: bool) -> dict[str, Any]:
        central_id, number, received_at, complete, status, reason, station = db.execute(
            "SELECT central_id, number, received_at, complete, status, reason, station_id"
            " FROM applications WHERE uuid = ?", (uuid,)).fetchone()
        missing = db.execute(
            "SELECT r.sha256, COALESCE(length(a.data), 0) FROM application_attachments r"
            " LEFT JOIN attachments a ON a.station_id = ? AND a.sha256 = r.sha256"
            " WHERE r.uuid = ? AND (a.state IS NULL OR a.state != 'verified') ORDER BY r.rowid",
            (station, uuid)).fetchall()
        return {"uuid": uuid, "central_id": central_id, "number": number, "received_at": received_at,
                "status": status, "reason": reason, "complete": bool(complete),
                "missing_attachments": [{"sha256": sha, "received": got} for sha, got in missing],
                "replayed": replayed, "corrected_by": corrections.corrected_by(db, uuid)}

    def _complete_if_ready(self, db: sqlite3.Connection, station_id: str, uuid: str) -> None:
        waiting = db.execute(
            "SELECT count(*) FROM application_attachments r LEFT JOIN attachments a"
            " ON a.station_id = ? AND a.sha256 = r.sha256 AND a.state = 'verified'"
            " WHERE r.uuid = ? AND a.sha256 IS NULL", (station_id, uuid)).fetchone()[0]
        if waiting == 0:
            at = now_text()
            db.execute("UPDATE applications SET complete = 1, completed_at = ?, status = 'received'"
                       " WHERE uuid = ? AND complete = 0", (at, uuid))
            self._log(db, station_id, uuid, "received", None, at)

    @staticmethod
    def _log(db: sqlite3.Connection, station_id: str, uuid: str, status: str, reason: str | None,
             at: str) -> None:
        db.execute("INSERT INTO status_log(station_id, uuid, status, reason, changed_at) VALUES (?,?,?,?,?)",
                   (station_id, uuid, status, reason, at))

    @staticmethod
    def _next(db: sqlite3.Connection, name: str) -> int:
        db.execute("INSERT INTO counters(name, value) VALUES (?, 1)"
                   " ON CONFLICT(name) DO UPDATE SET value = value + 1", (name,))
        return db.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()[0]

    # ---- attachments ---------------------------------------------------------------------

    def _expire(self, db: sqlite3.Connection) -> None:
        """Drop partial uploads untouched for `partial_ttl` seconds (any station's)."""
        horizon = self._clock() - self.limits.partial_ttl
        gone = db.execute("DELETE FROM attachments WHERE state = 'partial' AND touched_at <= ?", (horizon,)).rowcount
        self.partials_expired += max(gone, 0)

    def _quota_wait(self, db: sqlite3.Connection, station_id: str, sha256: str, holding: int) -> int | None:
        """Seconds until room frees up if holding `holding` bytes of `sha256` as a partial puts
        the station over its quota; None when it fits.  One partial is always allowed, so a
        station sending in order always makes progress."""
        others, oldest = db.execute(
            "SELECT COALESCE(sum(length(data)), 0), min(touched_at) FROM attachments"
            " WHERE station_id = ? AND state = 'partial' AND sha256 != ?", (station_id, sha256)).fetchone()
        if others == 0 or others + holding <= self.limits.partial_quota:
            return None
        # At most an hour: the station may free room sooner by finishing an upload.
        return max(1, math.ceil(min(oldest + self.limits.partial_ttl - self._clock(), 3600)))

    def attachment(self, station_id: str, sha256: str) -> AttachmentRow:
        with self._tx() as db:
            self._expire(db)
            row = db.execute("SELECT state, length(data), size FROM attachments WHERE station_id = ? AND sha256 = ?",
                             (station_id, sha256)).fetchone()
        if row is None:
            return AttachmentRow(sha256, "absent", 0, None)
        return AttachmentRow(sha256, row[0], row[1], row[2])

    def append_attachment(self, station_id: str, sha256: str, total: int, start: int,
                          chunk: bytes, *, replace: bool = False) -> tuple[AttachmentRow, bool]:
        """Add `chunk`, which starts at byte `start` of a `total`-byte attachment.

        The caller has checked `start <= received`; bytes the centre already has are
        skipped.  When the last byte arrives the sha256 is recomputed: a match marks
        the attachment verified (and completes the applications waiting for it), a
        mismatch discards it.  `replace` (a whole-body upload) drops what was held first.
        Returns (state, mismatch).  Raises QuotaExceeded (keeping nothing new) when the
        bytes would stay partial and put the station over its quota."""
        wait = None
        with self._tx() as db:
            self._expire(db)
            row = db.execute("SELECT data, size, state FROM attachments WHERE station_id = ? AND sha256 = ?",
                             (station_id, sha256)).fetchone()
            if row is not None and row[2] == "verified":
                return AttachmentRow(sha256, "verified", row[1], row[1]), False
            held = bytes(row[0]) if row is not None and row[1] == total and not replace else b""
            data = held + chunk[len(held) - start:] if start <= len(held) else held
            data = data[:total]
            if len(held) < len(data) < total:
                wait = self._quota_wait(db, station_id, sha256, len(data))
            if wait is None:
                return self._keep(db, station_id, sha256, total, held, data)
        raise QuotaExceeded(wait)

    def _keep(self, db: sqlite3.Connection, station_id: str, sha256: str, total: int, held: bytes,
              data: bytes) -> tuple[AttachmentRow, bool]:
        """Write `data` (the first bytes of a `total`-byte attachment), verifying it when whole."""
        self.bytes_received += len(data) - len(held)
        if len(data) == total:
            if hashlib.sha256(data).hexdigest() != sha256:
                db.execute("DELETE FROM attachments WHERE station_id = ? AND sha256 = ?", (station_id, sha256))
                return AttachmentRow(sha256, "absent", 0, None), True
            db.execute("INSERT OR REPLACE INTO attachments(station_id, sha256, size, data, state, verified_at)"
                       " VALUES (?,?,?,?, 'verified', ?)", (station_id, sha256, total, data, now_text()))
            waiting = db.execute(
                "SELECT r.uuid FROM application_attachments r JOIN applications a ON a.uuid = r.uuid"
                " WHERE r.sha256 = ? AND a.station_id = ? AND a.complete = 0", (sha256, station_id)).fetchall()
            for (uuid,) in waiting:
                self._complete_if_ready(db, station_id, uuid)
            return AttachmentRow(sha256, "verified", total, total), False
        db.execute("INSERT OR REPLACE INTO attachments(station_id, sha256, size, data, state, touched_at)"
                   " VALUES (?,?,?,?, 'partial', ?)", (station_id, sha256, total, data, self._clock()))
        return AttachmentRow(sha256, "partial", len(data), total), False

    def attachment_bytes(self, station_id: str, sha256: str) -> bytes | None:
        """A verified attachment's bytes (for tests and audits)."""
        with self._tx() as db:
            row = db.execute("SELECT data FROM attachments WHERE station_id = ? AND sha256 = ? AND state = 'verified'",
                             (station_id, sha256)).fetchone()
        return bytes(row[0]) if row else None

    # ---- statuses ------------------------------------------------------------------------

    def set_status(self, uuid: str, status: str, reason: str | None = None) -> None:
        """A reviewer's decision (admin endpoint, tests).  Only complete applications have one."""
        if status not in REVIEW_STATUSES or status == "received":
            raise ValueError(f"status must be one of {REVIEW_STATUSES[1:]}")
        if status in STATUSES_WITH_REASON and not (reason or "").strip():
            raise ValueError(f"status {status} needs a reason")
        with self._tx() as db:
            row = db.execute("SELECT station_id, complete FROM applications WHERE uuid = ?", (uuid,)).fetchone()
            if row is None:
                raise NotFoundError(uuid)
            if not row[1]:
                raise ConflictError("the application is still waiting for attachments")
            at = now_text()
            db.execute("UPDATE applications SET status = ?, reason = ? WHERE uuid = ?", (status, reason, uuid))
            self._log(db, row[0], uuid, status, reason, at)

    def statuses(self, station_id: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        """Status changes of one station after cursor `after`: (items, new cursor, more)."""
        with self._tx() as db:
            rows = db.execute(
                "SELECT l.seq, l.uuid, a.central_id, a.number, l.status, l.reason, l.changed_at"
                " FROM status_log l JOIN applications a ON a.uuid = l.uuid"
                " WHERE l.station_id = ? AND l.seq > ? ORDER BY l.seq LIMIT ?",
                (station_id, after, limit + 1)).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        items = [{"uuid": r[1], "central_id": r[2], "number": r[3], "status": r[4], "reason": r[5],
                  "changed_at": r[6]} for r in rows]
        return items, (rows[-1][0] if rows else after), more

    # ---- catalog -------------------------------------------------------------------------

    def publish_catalog(self, catalog: dict[str, Any]) -> int:
        """Sign and publish `catalog` as the next version; returns the version."""
        with self._tx() as db:
            version = (db.execute("SELECT max(version) FROM catalogs").fetchone()[0] or 0) + 1
            envelope = sign_catalog(self._signing_key, version, now_text(), catalog)
            db.execute("INSERT INTO catalogs(version, envelope) VALUES (?, ?)", (version, json.dumps(envelope)))
            return version

    def latest_catalog(self) -> dict[str, Any] | None:
        with self._tx() as db:
            row = db.execute("SELECT envelope FROM catalogs ORDER BY version DESC LIMIT 1").fetchone()
        return json.loads(row[0]) if row else None

    # ---- figures -------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Counts for tests and chaos runs (duplicates show as applications > numbers)."""
        with self._tx() as db:
            one = lambda sql: db.execute(sql).fetchone()[0]
            return {
                "applications": one("SELECT count(*) FROM applications"),
                "distinct_numbers": one("SELECT count(DISTINCT station_id || ' ' || number) FROM applications"),
                "complete": one("SELECT count(*) FROM applications WHERE complete = 1"),
                "attachments_verified": one("SELECT count(*) FROM attachments WHERE state = 'verified'"),
                "attachments_partial": one("SELECT count(*) FROM attachments WHERE state = 'partial'"),
                "attachment_partial_bytes": one("SELECT COALESCE(sum(length(data)), 0) FROM attachments"
                                                " WHERE state = 'partial'"),
                "partials_expired": self.partials_expired,
                "attachment_bytes_received": self.bytes_received,
            }


def _face_check(body: dict[str, Any]) -> str:
    """An application's face check: its verified identity's, else (older kiosks) its form's record."""
    verified = body.get("verified") or {}
    if verified.get("face_check"):
        return verified["face_check"]
    identity = (body.get("form") or {}).get("identity") or {}
    return identity.get("face", "") if isinstance(identity, dict) else ""


def _create_owner_only(path: str | Path) -> None:
    """Create the database file 0600 before SQLite opens it (its -wal and -shm files take
    the database's mode); an existing file is left as it is."""
    if str(path) == ":memory:" or str(path).startswith("file:"):
        return
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


class _Transaction:
    """`with store._tx() as db:` one immediate transaction under the store's lock."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self._db, self._lock = db, lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        return self._db

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        finally:
            self._lock.release()
