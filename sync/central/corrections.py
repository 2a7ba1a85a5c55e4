"""The reference centre's record of corrections: which application corrects which (openapi: `corrects`).

A station corrects an application the centre sent back (`needs_correction`), or one the centre
refused as invalid and so never kept.  The correction is a new application naming the old UUID.
When the centre holds the old one, the link is checked (the same station, the same service, not
corrected already) and the old one's receipt names its correction (`corrected_by`); an old UUID the
centre never held is recorded as given (it cannot be checked, and refusing it would leave the
resident's correction stuck).  An application is corrected at most once, held or not.
"""

from __future__ import annotations

import json
import sqlite3

from sync.protocol import ApplicationIn

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    new_uuid TEXT PRIMARY KEY,
    old_uuid TEXT NOT NULL UNIQUE,
    station_id TEXT NOT NULL,
    old_known INTEGER NOT NULL,   -- the centre held the old application when the correction came
    recorded_at TEXT NOT NULL
);
"""


class CorrectionRefused(Exception):
    """The link in `corrects` cannot be taken: `status` and `code` of the protocol's error."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def check(db: sqlite3.Connection, station_id: str, uuid: str, application: ApplicationIn) -> bool:
    """Whether the old application is held here; CorrectionRefused when the link cannot be taken."""
    old = application.corrects
    if old is None:
        return False
    if old == uuid:
        raise CorrectionRefused(422, "invalid_application", "an application cannot correct itself (corrects)")
    row = db.execute("SELECT station_id, body FROM applications WHERE uuid = ?", (old,)).fetchone()
    if row is not None:
        if row[0] != station_id:
            raise CorrectionRefused(422, "correction_not_this_station",
                                    "the application named in corrects is not this station's")
        if json.loads(row[1]).get("service_id") != application.service_id:
            raise CorrectionRefused(422, "correction_other_service",
                                    "a correction is of the same service as the application it corrects")
    if db.execute("SELECT 1 FROM corrections WHERE old_uuid = ?", (old,)).fetchone():
        raise CorrectionRefused(409, "already_corrected",
                                "the application named in corrects is corrected already by another one")
    return row is not None


def record(db: sqlite3.Connection, station_id: str, uuid: str, old_uuid: str, old_known: bool, at: str) -> None:
    db.execute("INSERT INTO corrections(new_uuid, old_uuid, station_id, old_known, recorded_at) VALUES (?,?,?,?,?)",
               (uuid, old_uuid, station_id, int(old_known), at))


def corrected_by(db: sqlite3.Connection, uuid: str) -> str | None:
    row = db.execute("SELECT new_uuid FROM corrections WHERE old_uuid = ?", (uuid,)).fetchone()
    return row[0] if row else None


def all_links(db: sqlite3.Connection, station_id: str | None = None) -> list[dict]:
    """Every correction recorded (for tests and the centre's own lists)."""
    rows = db.execute("SELECT new_uuid, old_uuid, station_id, old_known, recorded_at FROM corrections"
                      " ORDER BY rowid").fetchall()
    return [{"uuid": r[0], "corrects": r[1], "station_id": r[2], "old_known": bool(r[3]), "recorded_at": r[4]}
            for r in rows if station_id is None or r[2] == station_id]
