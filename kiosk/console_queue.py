"""The helper console's Queue: how many applications are in each state, today's list, opening one.

States as a helper sees them, mapped from the store (the outbox table and the application's status):

| state      | in the store                                                            |
|------------|-------------------------------------------------------------------------|
| waiting    | an outbox row, pending, no failed attempt yet                           |
| failed     | an outbox row, pending, its last attempt failed (retried by itself)     |
| sending    | an outbox row being sent now (`sending`)                                |
| set_aside  | an outbox row the centre refused (`quarantined`): a helper must look    |
| sent       | no outbox row: the centre has it (accepted)                             |
| discarded  | a helper discarded it (kiosk/set_aside.py)                              |

The counts are of the whole queue, "sent" of today.  "Today" is the station's local day (the store
keeps UTC).  Guided or self-service: the application row's `assisted_by` (set on a helper's
application by applications.submit; empty for self-service).  The list is
metadata only; a record's personal data is decrypted only by `open_application`, after the helper
gave a reason, which is audited first.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from kiosk import applications, audit
from kiosk.sign_in import actor
from kiosk.staff import Helper
from kiosk.store import Store

STATES = ("waiting", "sending", "sent", "set_aside", "failed")
OPEN_REASONS = ("resident_present", "correction", "audit")  # why a helper opens a record (audited)


@dataclass(frozen=True)
class QueueCounts:
    waiting: int = 0
    sending: int = 0
    sent: int = 0  # today
    set_aside: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {state: getattr(self, state) for state in STATES}


@dataclass(frozen=True)
class QueueLine:
    """One of today's applications, as the Queue lists it (nothing personal)."""

    uuid: str
    number: str
    service_id: str
    created_at: str  # UTC ISO 8601
    state: str       # one of STATES, or "discarded"
    guided: bool

    def local_time(self) -> str:
        """HH:MM on the station's clock."""
        return _dt.datetime.fromisoformat(self.created_at).astimezone().strftime("%H:%M")


def day_bounds(day: _dt.date | None = None) -> tuple[str, str]:
    """The station's local `day` as a [start, end) range of the store's UTC ISO times."""
    day = day or _dt.date.today()
    start = _dt.datetime.combine(day, _dt.time()).astimezone()
    end = _dt.datetime.combine(day + _dt.timedelta(days=1), _dt.time()).astimezone()
    return tuple(moment.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds") for moment in (start, end))


# "This application was made with a helper": assisted_by is set by applications.submit on a helper's
# application (migration ASSISTED_APPLICATIONS; every store is migrated at open), empty for self-service.
GUIDED_SQL = "(a.assisted_by != '')"


STATE_SQL = """CASE
    WHEN o.state = 'quarantined' THEN 'set_aside'
    WHEN o.state = 'sending' THEN 'sending'
    WHEN o.state = 'pending' AND o.attempts > 0 AND coalesce(o.last_error, '') != '' THEN 'failed'
    WHEN o.state IS NOT NULL THEN 'waiting'
    WHEN a.status = 'discarded' THEN 'discarded'
    ELSE 'sent' END"""


def counts(store: Store, day: _dt.date | None = None) -> QueueCounts:
    """The queue by state now; `sent`: accepted by the centre on `day` (today)."""
    start, end = day_bounds(day)
    found = dict(store.conn.execute(
        f"SELECT {STATE_SQL} AS shown_state, count(*) FROM outbox o JOIN applications a ON a.uuid = o.application_uuid"
        " GROUP BY shown_state").fetchall())
    sent = store.conn.execute("SELECT count(*) FROM applications WHERE accepted_at >= ? AND accepted_at < ?",
                              (start, end)).fetchone()[0]
    return QueueCounts(waiting=found.get("waiting", 0), sending=found.get("sending", 0), sent=sent,
                       set_aside=found.get("set_aside", 0), failed=found.get("failed", 0))


def today(store: Store, day: _dt.date | None = None, limit: int = 500) -> list[QueueLine]:
    """Applications submitted on `day` (today), newest first."""
    start, end = day_bounds(day)
    rows = store.conn.execute(
        f"SELECT a.uuid, a.number, a.service_id, a.created_at, {STATE_SQL}, {GUIDED_SQL}"
        " FROM applications a LEFT JOIN outbox o ON o.application_uuid = a.uuid"
        " WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.seq DESC LIMIT ?", (start, end, limit)).fetchall()
    return [QueueLine(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]


def open_application(store: Store, uuid: str, reason: str, helper: Helper) -> applications.StoredApplication:
    """Decrypt one application for a helper, after writing who opened it and why to the audit log.

    KeyError for an unknown uuid (nothing audited); the record's personal data may be gone (purged
    after the centre accepted it), then answers and attachments come back empty."""
    if reason not in OPEN_REASONS:
        raise ValueError(f"unknown reason {reason!r}; one of {', '.join(OPEN_REASONS)}")
    row = store.conn.execute("SELECT number FROM applications WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        raise KeyError(uuid)
    with store.transaction() as conn:
        audit.append(conn, actor(helper.number), "application.opened", row[0], f"reason={reason}")
    return applications.load(store, uuid)
