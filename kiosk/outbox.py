"""The outbox: which applications still have to reach the centre, and in which order.

The outbox IS a table (`outbox`, one row an application, `id` is the send
order), so it lives in the core and the sync worker only drives it:

- `claim()` marks an attempt failed *before* its request is sent: `attempts + 1`
  and the next try already scheduled (exponential backoff with jitter), in one
  durable transaction.  The worker claims one row right before sending it (with
  the previous rows' receipts in the same transaction), so a kill counts only
  the attempt that was under way; nothing is lost, and nothing is counted for
  rows that never left.
- `mark_done()` only after the centre's positive answer: the centre's receipt
  (central id, its own time) goes on the application and the row leaves the outbox.
- `quarantine()` sets a record the centre refused aside for a helper: it stays
  in the table (never dropped) and no longer holds up the rows behind it.  The
  audit log gets codes only; the centre's words are sealed on the row.
- `defer()` honours a Retry-After, `release()` returns claimed rows that were
  never tried (the queue paused before their turn).
- `bound_schedule()`: every next try also keeps the wait it was made from
  (`next_attempt_wait`), so a time pushed far ahead by a wrong clock (a year
  ahead, then corrected) comes back to at most that wait from now.

Rows are sent strictly in order: the head of the queue (lowest id, not
quarantined) decides when the queue moves.  Only one worker drives a database
at a time (the sync worker holds a file lock), so "sending" rows found at start
were left by a killed process and are made pending again by `recover()`, due
when their persisted backoff says.
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import dataclass, field

from kiosk import audit
from kiosk.applications import utc_now
from kiosk.errors import CryptoError
from kiosk.receipts import seal_status_reason
from kiosk.store import Store

PENDING = "pending"
SENDING = "sending"
QUARANTINED = "quarantined"


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with jitter: attempt n waits base·2^(n-1), capped, times 0.5–1.0."""

    base: float = 2.0
    cap: float = 900.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempts: int) -> float:
        raw = min(self.cap, self.base * (2 ** max(attempts - 1, 0)))
        # Jitter spreads the retries of many kiosks coming back online at once.
        return raw * (0.5 + 0.5 * self.rng.random())


@dataclass(frozen=True)
class OutboxRow:
    id: int
    application_uuid: str
    attempts: int
    next_attempt_at: float
    prev_next_attempt_at: float = 0.0  # before this claim (for release())


@dataclass(frozen=True)
class Counts:
    """What helpers and `waystation doctor` see of the queue."""

    waiting: int  # pending or in flight
    quarantined: int
    due: int  # could be sent now
    oldest_created_at: str | None


def head(store: Store) -> OutboxRow | None:
    """The first row in send order that is not set aside (due or not)."""
    row = store.conn.execute(
        "SELECT id, application_uuid, attempts, next_attempt_at FROM outbox"
        " WHERE state != ? ORDER BY id LIMIT 1", (QUARANTINED,)).fetchone()
    return OutboxRow(*row) if row else None


def due(store: Store, limit: int = 16, now: float | None = None) -> list[OutboxRow]:
    """Up to `limit` rows from the head of the queue that are due now, in order.

    Strict order: the run stops at the first row that is not due yet, so a row
    waiting out its backoff is never overtaken."""
    now = time.time() if now is None else now
    rows = store.conn.execute(
        "SELECT id, application_uuid, attempts, next_attempt_at FROM outbox"
        " WHERE state != ? ORDER BY id LIMIT ?", (QUARANTINED, limit)).fetchall()
    result = []
    for row in rows:
        if row[3] > now:
            break
        result.append(OutboxRow(*row))
    return result


def claim(store: Store, rows: list[OutboxRow], backoff: Backoff, now: float | None = None, *,
          done: list[Accepted] | tuple[Accepted, ...] = ()) -> list[OutboxRow]:
    """Mark an attempt on each row as failed in advance (attempts+1, next try scheduled), durably.

    Claim a row only when its request is about to go: a kill then leaves an attempt
    counted for that row alone.  `done` (receipts of rows already sent) is recorded
    in the same transaction, so sending costs one durable commit a row."""
    now = time.time() if now is None else now
    claimed = []
    at = utc_now()
    with store.transaction() as conn:
        _record_accepted(store, conn, done)
        for row in rows:
            attempts = row.attempts + 1
            wait = backoff.delay(attempts)
            conn.execute(
                "UPDATE outbox SET state = ?, attempts = ?, next_attempt_at = ?, next_attempt_wait = ?,"
                " sending_since = ?, last_attempt_at = ? WHERE id = ? AND state != ?",
                (SENDING, attempts, now + wait, wait, now, at, row.id, QUARANTINED))
            claimed.append(OutboxRow(row.id, row.application_uuid, attempts, now + wait, row.next_attempt_at))
    return claimed


def bound_schedule(store: Store, now: float | None = None) -> int:
    """Bring every next try back to at most its own wait from `now`; returns how many moved.

    A clock that was far ahead while tries failed pushed them far into the real
    future; once it is corrected they would wait that long.  With this, the queue
    resumes within one backoff period (or the Retry-After the centre gave)."""
    now = time.time() if now is None else now
    where = " WHERE state != ? AND next_attempt_at > ? + next_attempt_wait"
    if store.conn.execute("SELECT 1 FROM outbox" + where + " LIMIT 1", (QUARANTINED, now)).fetchone() is None:
        return 0  # the usual case: no write lock taken
    with store.transaction() as conn:
        return conn.execute("UPDATE outbox SET next_attempt_at = ? + next_attempt_wait" + where,
                            (now, QUARANTINED, now)).rowcount


def release(store: Store, rows: list[OutboxRow]) -> None:
    """Undo the claim of rows that were never tried (the queue paused before their turn)."""
    if not rows:
        return
    with store.transaction() as conn:
        conn.executemany(
            "UPDATE outbox SET state = ?, attempts = max(attempts - 1, 0), next_attempt_at = ?, sending_since = NULL"
            " WHERE id = ? AND state = ?",
            [(PENDING, row.prev_next_attempt_at, row.id, SENDING) for row in rows])


def failed(store: Store, row: OutboxRow, error_code: str, retry_after: float | None = None,
           now: float | None = None) -> None:
    """Record why the attempt failed; with Retry-After the next try waits exactly that long."""
    now = time.time() if now is None else now
    with store.transaction() as conn:
        if retry_after is not None:
            wait = max(retry_after, 0.0)
            conn.execute("UPDATE outbox SET next_attempt_at = ?, next_attempt_wait = ? WHERE id = ?",
                         (now + wait, wait, row.id))
        conn.execute("UPDATE outbox SET state = ?, sending_since = NULL, last_error = ? WHERE id = ?",
                     (PENDING, error_code[:200], row.id))


def defer(store: Store, row_id: int, seconds: float, now: float | None = None) -> None:
    """Do not try this row before `seconds` from now (a Retry-After)."""
    now = time.time() if now is None else now
    wait = max(seconds, 0.0)
    with store.transaction() as conn:
        conn.execute("UPDATE outbox SET next_attempt_at = ?, next_attempt_wait = ? WHERE id = ?",
                     (now + wait, wait, row_id))


@dataclass(frozen=True)
class Accepted:
    """The centre's positive answer for one application."""

    uuid: str
    central_id: str
    received_at: str  # the centre's clock
    status: str  # the centre's status (received, in_review, ...)
    reason: str | None = None


def mark_done(store: Store, accepted: list[Accepted]) -> None:
    """After the centre's positive answer: record its receipt and take the rows out of the outbox."""
    if not accepted:
        return
    with store.transaction() as conn:
        _record_accepted(store, conn, accepted)


def _record_accepted(store: Store, conn: sqlite3.Connection, accepted: list[Accepted] | tuple[Accepted, ...]) -> None:
    at = utc_now()
    for item in accepted:
        number = conn.execute(
            "UPDATE applications SET central_id = ?, received_at = ?, accepted_at = coalesce(accepted_at, ?),"
            " status = ?, status_reason = NULL, status_reason_sealed = ?, status_changed_at = ?"
            " WHERE uuid = ? RETURNING number",
            (item.central_id, item.received_at, at, item.status, seal_status_reason(store, item.uuid, item.reason),
             at, item.uuid)).fetchone()
        conn.execute("DELETE FROM outbox WHERE application_uuid = ?", (item.uuid,))
        audit.append(conn, "sync", "application.accepted", number[0] if number else item.uuid,
                     f"central_id={item.central_id}")


def quarantine(store: Store, row: OutboxRow, code: str, *, server_code: str = "", field: str = "",
               message: str = "") -> None:
    """Set a refused record aside for a helper: kept, visible, and no longer blocking the queue.

    The codes (ours, the centre's) and the field the centre named go to the row and the
    audit log; the centre's free text goes only to the row, sealed: a centre may echo
    what the resident entered, and the audit log is append-only and in clear."""
    at = utc_now()
    codes = " ".join(part for part in (code, server_code) if part)[:200]
    sealed = store.sealer.seal(message.encode("utf-8"), _message_context(row.application_uuid)) if message else None
    with store.transaction() as conn:
        conn.execute(
            "UPDATE outbox SET state = ?, quarantined_at = ?, quarantine_reason = ?, quarantine_message = ?,"
            " last_error = ?, sending_since = NULL WHERE id = ?", (QUARANTINED, at, codes, sealed, codes, row.id))
        number = conn.execute("SELECT number FROM applications WHERE uuid = ?", (row.application_uuid,)).fetchone()
        conn.execute("UPDATE applications SET status = 'set_aside', status_changed_at = ? WHERE uuid = ?",
                     (at, row.application_uuid))
        detail = f"code={code}" + (f" server_code={server_code}" if server_code else "") + (
            f" field={field}" if field else "")
        audit.append(conn, "sync", "application.quarantined", number[0] if number else row.application_uuid,
                     detail[:200])


def _message_context(application_uuid: str) -> str:
    return f"outbox-message:{application_uuid}"


def requeue(store: Store, application_uuid: str, actor: str = "helper") -> None:
    """A helper sends a set-aside record again (after correcting it or the centre's fix)."""
    with store.transaction() as conn:
        conn.execute("UPDATE outbox SET state = ?, quarantined_at = NULL, quarantine_reason = NULL,"
                     " quarantine_message = NULL, next_attempt_at = 0 WHERE application_uuid = ? AND state = ?",
                     (PENDING, application_uuid, QUARANTINED))
        conn.execute("UPDATE applications SET status = 'queued' WHERE uuid = ?", (application_uuid,))
        audit.append(conn, actor, "application.requeued", application_uuid)


def quarantined(store: Store) -> list[tuple[str, str, str]]:
    """(number, reason, quarantined_at) of every record set aside, oldest first.

    `reason` is the codes, then the centre's own words (unsealed here, for a helper's screen)."""
    rows = store.conn.execute(
        "SELECT a.number, o.quarantine_reason, o.quarantine_message, o.application_uuid, o.quarantined_at"
        " FROM outbox o JOIN applications a ON a.uuid = o.application_uuid WHERE o.state = ? ORDER BY o.id",
        (QUARANTINED,)).fetchall()
    result = []
    for number, codes, sealed, uuid, at in rows:
        reason = codes or ""
        if sealed:
            try:
                reason += ": " + store.sealer.open(sealed, _message_context(uuid)).decode("utf-8")
            except (CryptoError, UnicodeDecodeError):
                reason += ": (the centre's message cannot be read here)"
        result.append((number, reason, at))
    return result


def recover(store: Store, now: float | None = None) -> int:
    """Rows left 'sending' by a killed worker are pending again; returns how many.

    Their attempt already counts as failed (claim() marked it before sending) and
    their next try stays where claim() put it: a worker that crashes again and
    again still backs off instead of retrying at once.  Only call with the worker
    lock held: then no other process is sending them.  (`now` is kept for callers.)"""
    with store.transaction() as conn:
        return conn.execute(
            "UPDATE outbox SET state = ?, sending_since = NULL WHERE state = ?", (PENDING, SENDING)).rowcount


def counts(store: Store | sqlite3.Connection, now: float | None = None) -> Counts:
    """The queue in numbers; takes a Store or a bare connection (doctor looks without opening a Store)."""
    now = time.time() if now is None else now
    conn = store if isinstance(store, sqlite3.Connection) else store.conn
    waiting, quarantined_count, due_count, oldest = conn.execute(
        "SELECT sum(state != ?), sum(state = ?), sum(state != ? AND next_attempt_at <= ?), min(created_at)"
        " FROM outbox", (QUARANTINED, QUARANTINED, QUARANTINED, now)).fetchone()
    return Counts(waiting or 0, quarantined_count or 0, due_count or 0, oldest)

