"""Correct and resend: an application the centre set aside becomes a new, linked application.

Two kinds of application wait for a correction: one the centre refused as invalid (set aside in the
outbox: the centre never kept it) and one the centre reviewed and sent back (`needs_correction`).
With the resident present, a helper opens it (`open_for_correction`, audited); the service's form
opens filled in with its answers and documents, the resident proves who they are again (it must be
the same person: the same verified ID number), checks, consents and submits.  The result is a NEW
application (new UUID, new number, new receipt) that names the old one in `corrects`, so the centre
sees the link.  In the same transaction as that submit (`supersede`), the old one is marked
`corrected` (with the new one's UUID), leaves the outbox for good and, if the centre never had it,
loses its personal data at once (the correction holds it now), keeping its tombstone; the helper's
number goes into the audit log.  No Qt here.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from kiosk import audit, proxy
from kiosk.applications import utc_now
from kiosk.errors import SessionError
from kiosk.guided import GUIDED, PROXY, SIGNATURE_ATTACHMENT, helper_actor
from kiosk.outbox import QUARANTINED
from kiosk.store import Store

CORRECTED = "corrected"  # the local status of an application a correction replaced
REVIEW_ASKED = ("needs_correction",)  # the centre's statuses that ask for a correction
NOT_PREFILLED = ("face_photo", SIGNATURE_ATTACHMENT)  # taken again in the new visit, never copied over


@dataclass(frozen=True)
class CorrectionSource:
    """What a correction starts from (personal data: held in the session, dropped when it ends)."""

    old_uuid: str
    old_number: str
    service_id: str
    mode: str = GUIDED  # GUIDED, or PROXY when the old application was one
    answers: dict[str, str] = field(default_factory=dict, repr=False)
    photos: dict[str, bytes] = field(default_factory=dict, repr=False)
    id_number: str = field(default="", repr=False)  # who the old one verified: the same person must come


_STATE_SQL = ("SELECT a.number, a.status, a.corrected_by, o.state, a.service_id, a.payload, a.accepted_at"
              " FROM applications a LEFT JOIN outbox o ON o.application_uuid = a.uuid WHERE a.uuid = ?")


def _correctable(status: str, corrected_by: str | None, outbox_state: str | None) -> bool:
    return corrected_by is None and status != CORRECTED and (outbox_state == QUARANTINED or status in REVIEW_ASKED)


def correctable(store: Store, uuid: str) -> bool:
    """Whether the application `uuid` waits for a correction (set aside, or sent back by the centre)."""
    row = store.conn.execute(_STATE_SQL, (uuid,)).fetchone()
    return row is not None and _correctable(row[1], row[2], row[3])


def open_for_correction(store: Store, uuid: str, helper_number: str) -> CorrectionSource:
    """Read the application to correct (audited: a helper opened a resident's record, for a correction).

    SessionError("correction.not_correctable") when it does not wait for a correction (any more)."""
    row = store.conn.execute(_STATE_SQL, (uuid,)).fetchone()
    if row is None or not _correctable(row[1], row[2], row[3]):
        raise SessionError("correction.not_correctable")
    number, service_id, sealed = row[0], row[4], row[5]
    payload = json.loads(store.sealer.open(sealed, f"application:{uuid}")) if sealed is not None else {}
    answers = {key: str(value) for key, value in payload.get("answers", {}).items()}
    mode = GUIDED
    if payload.get("proxy"):
        mode = PROXY
        wired = payload["proxy"]
        answers.update({proxy.PRINCIPAL_NAME: wired["principal"]["name"],
                        proxy.PRINCIPAL_ID: wired["principal"]["id_number"],
                        proxy.RELATIONSHIP: wired["relationship"]})
    photos = {}
    if sealed is not None:
        for name, digest, data in store.conn.execute(
                "SELECT name, sha256, data FROM attachments WHERE application_uuid = ? AND data IS NOT NULL"
                " ORDER BY id",
                (uuid,)):
            if name not in NOT_PREFILLED:
                photos[name] = store.sealer.open(data, f"attachment:{uuid}:{digest}")
    with store.transaction() as conn:
        audit.append(conn, helper_actor(helper_number), "application.opened", number, "reason=correction")
    return CorrectionSource(uuid, number, service_id, mode, answers, photos,
                            payload.get("verified", {}).get("id_number", ""))


def supersede(conn: sqlite3.Connection, old_uuid: str, new_uuid: str, new_number: str, actor: str) -> None:
    """Inside the correction's submit transaction: mark the old application corrected by the new one.

    Raises SessionError("correction.not_correctable") (and the whole submit rolls back) when the old
    one no longer waits for a correction: it was retried and sent, discarded, or corrected already."""
    row = conn.execute(_STATE_SQL, (old_uuid,)).fetchone()
    if row is None or not _correctable(row[1], row[2], row[3]):
        raise SessionError("correction.not_correctable")
    at = utc_now()
    conn.execute("UPDATE applications SET status = ?, corrected_by = ?, status_changed_at = ? WHERE uuid = ?",
                 (CORRECTED, new_uuid, at, old_uuid))
    conn.execute("DELETE FROM outbox WHERE application_uuid = ? AND state = ?", (old_uuid, QUARANTINED))
    purged = row[6] is None  # the centre never had it: its data lives on in the correction only
    if purged:
        conn.execute("UPDATE applications SET payload = NULL, purged_at = ? WHERE uuid = ?", (at, old_uuid))
        conn.execute("UPDATE attachments SET data = NULL WHERE application_uuid = ?", (old_uuid,))
    audit.append(conn, actor, "application.corrected", row[0], f"by={new_number}" + (" purged" if purged else ""))


def link(store: Store, uuid: str) -> dict[str, str | None]:
    """{corrects, corrected_by}: the UUIDs an application is linked to (for helpers and tests)."""
    row = store.conn.execute("SELECT corrects, corrected_by FROM applications WHERE uuid = ?", (uuid,)).fetchone()
    return {"corrects": row[0], "corrected_by": row[1]} if row else {}
