"""Local purge of personal data once the centre holds it (data minimisation).

An application the centre accepted more than `retention_days` ago loses its
personal data here: the sealed payload (answers, identity) and the sealed
attachment bytes, and the centre's free-text status reason (sealed: it may speak
of the person's case), are set to NULL (with `secure_delete` on, the bytes are
overwritten in the file).  A tombstone stays — number, service, status and
times, the blind ID index for status look-ups by card, attachment names and
checksums — so residents can still look up their status and audit holds.
Applications not yet accepted (queued or set aside) are never purged, nor those whose faces a
helper has still to compare (kiosk/face_reviews.py).
"""

from __future__ import annotations

import datetime as _dt

from kiosk import audit
from kiosk.applications import utc_now
from kiosk.receipts import open_status_reason
from kiosk.store import Store


def cutoff(retention_days: int, now: _dt.datetime | None = None) -> str:
    now = now or _dt.datetime.now(_dt.UTC)
    return (now - _dt.timedelta(days=retention_days)).isoformat(timespec="milliseconds")


def purge(store: Store, retention_days: int, now: _dt.datetime | None = None, batch: int = 200) -> list[str]:
    """Purge applications accepted before now − retention; returns their numbers (audited)."""
    limit = cutoff(retention_days, now)
    purged: list[str] = []
    _purge_late_reasons(store, limit)
    while True:
        rows = store.conn.execute(
            "SELECT uuid, number FROM applications WHERE accepted_at IS NOT NULL AND accepted_at <= ?"
            " AND purged_at IS NULL AND uuid NOT IN (SELECT application_uuid FROM outbox)"
            # A face a helper has still to compare keeps its photos (kiosk/face_reviews.py closes the wait).
            " AND uuid NOT IN (SELECT application_uuid FROM face_reviews WHERE outcome IS NULL) ORDER BY seq LIMIT ?",
            (limit, batch)).fetchall()
        if not rows:
            return purged
        at = utc_now()
        with store.transaction() as conn:
            for uuid, number in rows:
                conn.execute("UPDATE applications SET payload = NULL, status_reason = NULL,"
                             " status_reason_sealed = NULL, purged_at = ? WHERE uuid = ?", (at, uuid))
                conn.execute("UPDATE attachments SET data = NULL WHERE application_uuid = ?", (uuid,))
                conn.execute("UPDATE face_reviews SET card_photo = NULL WHERE application_uuid = ?", (uuid,))
                audit.append(conn, "sync", "application.purged", number, f"retention_days={retention_days}")
        purged.extend(number for _, number in rows)


def _purge_late_reasons(store: Store, limit: str) -> None:
    """A reason the centre sent after the purge (a late `needs_correction`) stays for the resident
    to read for the same retention, counted from when the status changed; then it goes too."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE applications SET status_reason = NULL, status_reason_sealed = NULL WHERE purged_at IS NOT NULL"
            " AND (status_reason_sealed IS NOT NULL OR status_reason IS NOT NULL)"
            " AND julianday(status_changed_at) <= julianday(?)", (limit,))


def tombstone(store: Store, number: str) -> dict | None:
    """What stays of an application after the purge (for status look-ups, helpers and tests)."""
    row = store.conn.execute(
        "SELECT number, service_id, status, status_reason, created_at, received_at, accepted_at,"
        " status_changed_at, purged_at, payload IS NULL, uuid, status_reason_sealed FROM applications"
        " WHERE number = ?", (number,)).fetchone()
    if row is None:
        return None
    keys = ("number", "service_id", "status", "status_reason", "created_at", "received_at", "accepted_at",
            "status_changed_at", "purged_at", "payload_gone")
    stone = dict(zip(keys, row[:10]))
    stone["status_reason"] = open_status_reason(store, row[10], row[11], row[3])
    return stone
