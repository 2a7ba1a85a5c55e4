"""A resident's call for a helper: kept, shown on the helpers' console, acknowledged, resolved, sent on.

Life of a request: `open` (the resident touched "Call a helper") → `acknowledged` (a helper has seen it:
the resident's screen and voice say a helper is on the way) → `resolved` (the helper dealt with it).  A
helper may also resolve an open request at once.  States only move forward: acknowledging a resolved
request, or resolving it twice, changes nothing.  Each change is audited with the helper's number.

Each request has a client UUID and its own small queue to the centre (`PUT /v1/help-requests/{uuid}`,
idempotent on the UUID and monotonic at the centre): a remote helper desk sees which stations need
someone.  `sent_state` is the furthest state the centre has accepted; a request is due while its
state is further than that.  The attempt is counted (and the next one scheduled) before the request
goes, as for applications, so a lost answer or a kill costs a replay, never a copy.  What is sent is
the screen the resident was on, the service and the times: nothing of the resident, and not the
helpers' numbers (they stay in the local audit log).

`HelpRequestBoard` carries a request's events between the resident's window and the console inside
the kiosk (both on the GUI thread): a new request refreshes the console's list; an acknowledgement
reaches the resident's screen even while the console is shown over it.
"""

from __future__ import annotations

import time
import uuid as uuid_mod
from dataclasses import dataclass
from typing import Callable

from kiosk import audit
from kiosk.errors import KioskError
from kiosk.messages import register
from kiosk.store import Store

register({
    "help.unknown": {"zh_CN": "找不到这条求助记录。", "en": "This help request is not in the kiosk's records."},
})

OPEN, ACKNOWLEDGED, RESOLVED = "open", "acknowledged", "resolved"
STATES = (OPEN, ACKNOWLEDGED, RESOLVED)
RANK = {state: rank for rank, state in enumerate(STATES)}

_COLUMNS = ("uuid, at, screen, service_id, state, acknowledged_by, acknowledged_at, resolved_by, resolved_at,"
            " sent_state")


@dataclass(frozen=True)
class HelpRequest:
    uuid: str
    at: str  # when the resident called (kiosk UTC, ISO 8601)
    screen: str  # the session state the resident was on (home, identity, form ...)
    service_id: str = ""  # the service they were doing, "" on the home screen
    state: str = OPEN
    acknowledged_by: str | None = None  # helper numbers: local only (console, audit)
    acknowledged_at: str | None = None
    resolved_by: str | None = None
    resolved_at: str | None = None
    sent_state: str | None = None  # the furthest state the centre has accepted

    def body(self, station_id: str) -> dict:
        """What goes to the centre (sync/openapi.yaml HelpRequest): no personal data, no helper numbers."""
        return {"station_id": station_id, "opened_at": self.at, "screen": self.screen,
                "service_id": self.service_id or None, "state": self.state,
                "acknowledged_at": self.acknowledged_at, "resolved_at": self.resolved_at}


def _row(row) -> HelpRequest:
    return HelpRequest(*row)


def _now() -> str:
    return audit.now_iso()


def _actor(helper_number: str) -> str:
    return f"helper:{helper_number}"


def record(store: Store, screen: str, service_id: str = "", at: str | None = None) -> HelpRequest:
    """Keep a resident's 'call a helper' touch (durably, audited) for the console and the centre.
    (`at`: the time to record instead of now, for sample data.)"""
    request = HelpRequest(str(uuid_mod.uuid4()), at or _now(), screen, service_id)
    with store.transaction() as conn:
        conn.execute("INSERT INTO help_requests(uuid, at, screen, service_id, state) VALUES (?,?,?,?,?)",
                     (request.uuid, request.at, screen, service_id, OPEN))
        audit.append(conn, "resident", "help.requested", screen, service_id)
    return request


def get(store: Store, request_uuid: str) -> HelpRequest:
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM help_requests WHERE uuid = ?", (request_uuid,)).fetchone()
    if row is None:
        raise KioskError("help.unknown", detail=request_uuid)
    return _row(row)


def active(store: Store, limit: int = 200) -> list[HelpRequest]:
    """Requests not yet resolved (open or acknowledged), oldest first: who has waited longest comes first."""
    rows = store.conn.execute(f"SELECT {_COLUMNS} FROM help_requests WHERE state != ? ORDER BY at, id LIMIT ?",
                              (RESOLVED, limit)).fetchall()
    return [_row(row) for row in rows]


def _advance(store: Store, request_uuid: str, state: str, helper_number: str) -> tuple[HelpRequest, bool]:
    """Move a request forward to `state` (never back); (the request after, whether it changed)."""
    if not helper_number:
        raise ValueError("a helper's number is needed")
    at = _now()
    with store.transaction() as conn:
        row = conn.execute(f"SELECT {_COLUMNS} FROM help_requests WHERE uuid = ?", (request_uuid,)).fetchone()
        if row is None:
            raise KioskError("help.unknown", detail=request_uuid)
        before = _row(row)
        if RANK[before.state] >= RANK[state]:
            return before, False
        who, when = f"{state}_by", f"{state}_at"
        # A changed state is due to the centre at once, with a fresh backoff.
        conn.execute(f"UPDATE help_requests SET state = ?, {who} = ?, {when} = ?, attempts = 0, next_attempt_at = 0"
                     " WHERE uuid = ?", (state, helper_number, at, request_uuid))
        audit.append(conn, _actor(helper_number), f"help.{state}", request_uuid, f"screen={before.screen}")
        after = _row(conn.execute(f"SELECT {_COLUMNS} FROM help_requests WHERE uuid = ?",
                                  (request_uuid,)).fetchone())
    return after, True


def acknowledge(store: Store, request_uuid: str, helper_number: str) -> tuple[HelpRequest, bool]:
    """A helper has seen the request and is going; (request, changed): False when it was already
    acknowledged or resolved (nothing is written then)."""
    return _advance(store, request_uuid, ACKNOWLEDGED, helper_number)


def resolve(store: Store, request_uuid: str, helper_number: str) -> tuple[HelpRequest, bool]:
    """The helper dealt with it (from open or acknowledged); (request, changed)."""
    return _advance(store, request_uuid, RESOLVED, helper_number)


# ---- the queue to the centre (driven by sync/side_pushes.py) ------------------------------------

def due(store: Store, now: float | None = None, limit: int = 50) -> list[HelpRequest]:
    """Requests whose state the centre does not have yet and whose next try is due, oldest first."""
    now = time.time() if now is None else now
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM help_requests WHERE next_attempt_at <= ? AND (sent_state IS NULL OR"
        " (sent_state = 'open' AND state != 'open') OR (sent_state = 'acknowledged' AND state = 'resolved'))"
        " ORDER BY at, id LIMIT ?", (now, limit)).fetchall()
    return [_row(row) for row in rows]


def claim(store: Store, request_uuid: str, wait: float, now: float | None = None) -> None:
    """Count an attempt and schedule the next one before the request goes (fail first)."""
    now = time.time() if now is None else now
    with store.transaction() as conn:
        conn.execute("UPDATE help_requests SET attempts = attempts + 1, next_attempt_at = ? WHERE uuid = ?",
                     (now + wait, request_uuid))


def attempts(store: Store, request_uuid: str) -> int:
    row = store.conn.execute("SELECT attempts FROM help_requests WHERE uuid = ?", (request_uuid,)).fetchone()
    return row[0] if row else 0


def mark_sent(store: Store, request_uuid: str, state: str) -> None:
    """The centre has `state` (its positive answer).  Only ever forward: a helper may have moved the
    request on while it was being sent, and that newer state stays due."""
    with store.transaction() as conn:
        row = conn.execute("SELECT sent_state FROM help_requests WHERE uuid = ?", (request_uuid,)).fetchone()
        if row is not None and (row[0] is None or RANK[row[0]] < RANK[state]):
            conn.execute("UPDATE help_requests SET sent_state = ?, attempts = 0, next_attempt_at = 0 WHERE uuid = ?",
                         (state, request_uuid))


# ---- between the resident's window and the console ---------------------------------------------

Listener = Callable[[str, str], "bool | None"]  # (event, request uuid) → acted on it
REQUESTED = "requested"


class HelpRequestBoard:
    """Tells the console of a new request and the resident's window of an acknowledgement.

    Both sides live on the GUI thread: `publish` calls the listeners at once, in order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners = [known for known in self._listeners if known is not listener]

    def publish(self, event: str, request_uuid: str) -> bool:
        """`event`: requested, acknowledged or resolved.  True if a listener acted on it (the resident's
        window told the resident who called), so the console can say whether that resident was still there."""
        acted = False
        for listener in list(self._listeners):
            acted = bool(listener(event, request_uuid)) or acted
        return acted
