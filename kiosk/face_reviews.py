"""Faces a helper must confirm: the live photo beside the card photo, and the helper's decision.

An application whose face check is `helper_to_confirm` (no automatic matcher, an unclear score, a clear
mismatch, no camera) is submitted and sent to the centre like any other, at once: the machine never
holds up or refuses a resident on its own.  Alongside, `hold()` keeps a review row in the same commit
as the application, with the card photo sealed (the live photo is already the application's
`face_photo` attachment).  On the console a helper opens the two photos (audited: personal data) and
decides "same person" or "not the same person" (audited, with the helper's number).  If no helper has
decided within `DECIDE_WITHIN_HOURS`, the review closes as `not_decided`, so the centre stops waiting
and its own reviewers compare.  Either way the card photo is dropped at once (data minimisation).

The decision then goes to the centre on its own small queue, after the application: `PUT
/v1/applications/{uuid}/face-review` (sync/openapi.yaml FaceReview), idempotent on the application's
UUID, sent only once the centre has acknowledged the application, marked sent only after the centre's
positive answer.  It carries the outcome, the helper's number and the time: no photo, nothing else.
While a review waits, the retention purge keeps the application's photos (kiosk/retention.py).
"""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass, field

from kiosk import audit
from kiosk.errors import KioskError
from kiosk.messages import register
from kiosk.store import Store

register({
    "face.already_decided": {
        "zh_CN": "这份申请的人脸核对已经结束，不能再改。",
        "en": "The face check of this application is already closed; it cannot be changed.",
    },
    "face.unknown": {"zh_CN": "找不到这份待核对的申请。", "en": "This application is not waiting for a face check."},
})

SAME_PERSON, NOT_SAME_PERSON, NOT_DECIDED = "same_person", "not_same_person", "not_decided"
OUTCOMES = (SAME_PERSON, NOT_SAME_PERSON, NOT_DECIDED)
DECIDE_WITHIN_HOURS = 8.0  # a working day: then the centre's reviewers take over
NOT_MATCHED, UNCLEAR, NOT_COMPARED = "not_matched", "unclear", "not_compared"


def _card_photo_context(application_uuid: str) -> str:
    return f"face-review-card:{application_uuid}"


def matcher_view(identity_record: dict[str, str]) -> str:
    """What the automatic matcher made of the two faces, from the application's identity record:
    `not_matched` (clearly different), `unclear` (between its thresholds) or `not_compared`."""
    distance = identity_record.get("face_distance", "")
    thresholds = identity_record.get("face_threshold", "")
    try:
        value = float(distance)
    except ValueError:
        return NOT_COMPARED
    try:
        mismatch_above = float(thresholds.split("/")[1])
    except (IndexError, ValueError):
        return UNCLEAR
    return NOT_MATCHED if value > mismatch_above else UNCLEAR


def hold(conn, store: Store, application_uuid: str, submitted_at: str, identity_record: dict[str, str],
         card_photo: bytes | None) -> None:
    """Inside the application's own commit: keep it for a helper's side-by-side check."""
    sealed = store.sealer.seal(card_photo, _card_photo_context(application_uuid)) if card_photo else None
    conn.execute("INSERT OR IGNORE INTO face_reviews(application_uuid, submitted_at, liveness, matcher, card_photo)"
                 " VALUES (?,?,?,?,?)", (application_uuid, submitted_at, identity_record.get("liveness", ""),
                                         matcher_view(identity_record), sealed))


@dataclass(frozen=True)
class FaceToConfirm:
    """One application waiting for a helper (no personal data: what the console's list shows)."""

    application_uuid: str
    number: str
    service_id: str
    submitted_at: str
    liveness: str  # passed, failed, skipped, not_done
    matcher: str  # not_matched, unclear, not_compared
    has_live_photo: bool
    has_card_photo: bool


@dataclass(frozen=True)
class Photos:
    """The two faces, decrypted for the helper's eyes only (never logged, never kept in widgets after)."""

    number: str
    live: bytes | None = field(default=None, repr=False)
    card: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Decision:
    application_uuid: str
    number: str
    outcome: str
    decided_by: str | None
    decided_at: str

    def body(self) -> dict:
        """What goes to the centre (sync/openapi.yaml FaceReview)."""
        return {"outcome": self.outcome, "helper_number": self.decided_by, "decided_at": self.decided_at}


def _utc(now: _dt.datetime | None) -> _dt.datetime:
    return now or _dt.datetime.now(_dt.UTC)


def expire(store: Store, decide_within_hours: float = DECIDE_WITHIN_HOURS, now: _dt.datetime | None = None) -> int:
    """Close the reviews no helper decided in time as `not_decided` (the card photo goes); returns how many.

    A clock set back by more than the wait closes them too: the wait never grows with a wrong clock."""
    now = _utc(now)
    wait = _dt.timedelta(hours=decide_within_hours)
    early, late = (now - wait).isoformat(timespec="milliseconds"), (now + wait).isoformat(timespec="milliseconds")
    where = (" FROM face_reviews r JOIN applications a ON a.uuid = r.application_uuid WHERE r.outcome IS NULL"
             " AND (julianday(r.submitted_at) <= julianday(?) OR julianday(r.submitted_at) > julianday(?))")
    if store.conn.execute("SELECT 1" + where + " LIMIT 1", (early, late)).fetchone() is None:
        return 0  # the usual case: no write lock taken
    at = now.isoformat(timespec="milliseconds")
    with store.transaction() as conn:
        rows = conn.execute("SELECT r.application_uuid, a.number" + where, (early, late)).fetchall()
        for application_uuid, number in rows:
            conn.execute("UPDATE face_reviews SET outcome = ?, decided_at = ?, card_photo = NULL,"
                         " next_attempt_at = 0 WHERE application_uuid = ? AND outcome IS NULL",
                         (NOT_DECIDED, at, application_uuid))
            audit.append(conn, "kiosk", "face.not_decided", number, f"within_hours={decide_within_hours:g}")
    return len(rows)


def waiting(store: Store, decide_within_hours: float = DECIDE_WITHIN_HOURS,
            now: _dt.datetime | None = None) -> list[FaceToConfirm]:
    """Applications whose faces wait for a helper, oldest first (those past the wait are closed first)."""
    expire(store, decide_within_hours, now)
    rows = store.conn.execute(
        "SELECT r.application_uuid, a.number, a.service_id, r.submitted_at, r.liveness, r.matcher,"
        " EXISTS(SELECT 1 FROM attachments t WHERE t.application_uuid = r.application_uuid"
        "        AND t.name = 'face_photo' AND t.data IS NOT NULL), r.card_photo IS NOT NULL"
        " FROM face_reviews r JOIN applications a ON a.uuid = r.application_uuid"
        " WHERE r.outcome IS NULL ORDER BY r.submitted_at, a.seq").fetchall()
    return [FaceToConfirm(*row[:6], bool(row[6]), bool(row[7])) for row in rows]


def _waiting_number(conn, application_uuid: str) -> str:
    row = conn.execute("SELECT a.number, r.outcome FROM face_reviews r JOIN applications a"
                       " ON a.uuid = r.application_uuid WHERE r.application_uuid = ?", (application_uuid,)).fetchone()
    if row is None:
        raise KioskError("face.unknown", detail=application_uuid)
    if row[1] is not None:
        raise KioskError("face.already_decided", detail=f"outcome={row[1]}")
    return row[0]


def open_photos(store: Store, application_uuid: str, helper_number: str) -> Photos:
    """The live photo and the card photo, for a helper to compare; the opening is audited first."""
    if not helper_number:
        raise ValueError("a helper's number is needed")
    with store.transaction() as conn:
        number = _waiting_number(conn, application_uuid)
        audit.append(conn, f"helper:{helper_number}", "face.photos_opened", number)
        sealed_card = conn.execute("SELECT card_photo FROM face_reviews WHERE application_uuid = ?",
                                   (application_uuid,)).fetchone()[0]
        live = conn.execute("SELECT sha256, data FROM attachments WHERE application_uuid = ? AND name = 'face_photo'"
                            " AND data IS NOT NULL ORDER BY id DESC LIMIT 1", (application_uuid,)).fetchone()
    card = store.sealer.open(sealed_card, _card_photo_context(application_uuid)) if sealed_card else None
    live_bytes = store.sealer.open(live[1], f"attachment:{application_uuid}:{live[0]}") if live else None
    return Photos(number, live_bytes, card)


def decide(store: Store, application_uuid: str, helper_number: str, same_person: bool) -> Decision:
    """Record a helper's decision (audited with their number); the card photo goes at once.

    A review already closed (decided, or past the wait) raises KioskError("face.already_decided")."""
    if not helper_number:
        raise ValueError("a helper's number is needed")
    outcome = SAME_PERSON if same_person else NOT_SAME_PERSON
    at = audit.now_iso()
    with store.transaction() as conn:
        number = _waiting_number(conn, application_uuid)
        conn.execute("UPDATE face_reviews SET outcome = ?, decided_by = ?, decided_at = ?, card_photo = NULL,"
                     " next_attempt_at = 0 WHERE application_uuid = ?", (outcome, helper_number, at, application_uuid))
        audit.append(conn, f"helper:{helper_number}", "face.decided", number, f"outcome={outcome}")
    return Decision(application_uuid, number, outcome, helper_number, at)


# ---- the queue to the centre (driven by sync/side_pushes.py) ------------------------------------

def due(store: Store, now: float | None = None, limit: int = 50) -> list[Decision]:
    """Decisions not yet accepted by the centre, due now, for applications the centre acknowledged."""
    now = time.time() if now is None else now
    rows = store.conn.execute(
        "SELECT r.application_uuid, a.number, r.outcome, r.decided_by, r.decided_at FROM face_reviews r"
        " JOIN applications a ON a.uuid = r.application_uuid WHERE r.outcome IS NOT NULL AND r.sent_at IS NULL"
        " AND r.next_attempt_at <= ? AND a.accepted_at IS NOT NULL ORDER BY r.decided_at LIMIT ?",
        (now, limit)).fetchall()
    return [Decision(*row) for row in rows]


def claim(store: Store, application_uuid: str, wait: float, now: float | None = None) -> None:
    """Count an attempt and schedule the next one before the request goes (fail first)."""
    now = time.time() if now is None else now
    with store.transaction() as conn:
        conn.execute("UPDATE face_reviews SET attempts = attempts + 1, next_attempt_at = ? WHERE application_uuid = ?",
                     (now + wait, application_uuid))


def attempts(store: Store, application_uuid: str) -> int:
    row = store.conn.execute("SELECT attempts FROM face_reviews WHERE application_uuid = ?",
                             (application_uuid,)).fetchone()
    return row[0] if row else 0


def mark_sent(store: Store, application_uuid: str) -> None:
    """The centre has the decision (its positive answer): never sent again."""
    with store.transaction() as conn:
        conn.execute("UPDATE face_reviews SET sent_at = ? WHERE application_uuid = ?",
                     (audit.now_iso(), application_uuid))
