"""The sync worker: drains the outbox to the centre, then pulls statuses and the catalog.

One pass (`run_once`): preflight (is the real centre there?), push help
requests, the outbox in order, then ratings and face reviews (sync/side_pushes.py),
pull status changes with the stored cursor (push before pull, as CommCare does),
pull a newer signed catalog (sync/pulls.py), purge personal data past
retention.  `run_forever(stop_event)` repeats passes, sleeping until the next
thing is due; while offline it only preflights, on a timer with backoff, so
the network coming back is noticed without hammering.

Each failure's `action` (see `sync.errors`) decides: retry → the queue pauses
(the row's next try is already persisted; Retry-After honoured); quarantine /
conflict → the record is set aside and the next one goes; stop → nothing more
until IT acts.  The worker's state (online, offline, not_central, stopped)
and the clock skew go to `sync_state` for helpers and `waystation doctor`.

A Retry-After that pauses the queue (on health above all) applies to the whole
centre: its "not before" time is kept in `sync_state`, so every process honours
it (a new `sync --once` too).  Every scheduled time also keeps the wait it was
made from, so a clock that was far ahead and is then corrected brings each one
back to at most that wait from now (`_bound_schedule`): the queue resumes within
one backoff period.  Pulls never look like a set-aside record: a `bad_cursor`
pulls statuses again from the start, and a failed status pull does not stop the
catalog pull.  A status is applied only to a record the centre acknowledged.

Only one worker per database: `open()` takes an exclusive `fcntl.flock` on a
lock file beside the database (released by the kernel even on SIGKILL).  The
worker opens its own store connection and its own HTTP session, so it runs on a
plain thread in the kiosk (never the GUI thread) or as its own process.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from kiosk import applications, face_reviews, help_requests, outbox, receipts, retention
from kiosk.errors import KioskError, SyncError
from kiosk.messages import register
from kiosk.store import Store
from kiosk.sync_status import SyncStatus
from sync import errors as sync_errors, pulls, side_pushes
from sync.client import CentralClient

log = logging.getLogger(__name__)

register({
    "sync.already_running": {
        "zh_CN": "另一个同步程序正在运行（{lock}），本次不再启动。",
        "en": "Another sync worker is already running ({lock}); this one does not start.",
    },
    "sync.pull_refused": {
        "zh_CN": "中心拒绝了状态或目录的获取请求（{server_code}），稍后会自动重试；申请不受影响。",
        "en": "The centre refused a status or catalog request ({server_code}); it will retry by itself. "
              "No application is affected.",
    },
})

PREFLIGHT_EVERY = 60.0  # while online: prove the centre again at most this often
PULL_EVERY = 30.0  # statuses and catalog


class SyncLocked(SyncError):
    default_code = "sync.already_running"


def lock_path_for(database: Path) -> Path:
    return Path(str(database) + ".sync.lock")


@dataclass
class PassResult:
    """What one pass did (printed by `waystation sync --once`, read by tests)."""

    state: str = "unknown"
    code: str = ""
    sent: int = 0
    ratings_sent: int = 0  # 好差评 ratings the centre accepted in this pass
    help_requests_sent: int = 0  # help-request states the centre accepted
    face_reviews_sent: int = 0  # helpers' face decisions the centre accepted
    ratings_set_aside: int = 0  # ratings the centre refused in this pass (kept, not sent again)
    quarantined: int = 0
    statuses: int = 0
    statuses_ignored: int = 0  # for records the centre never acknowledged here (logged, counted)
    cursor_reset: bool = False  # the centre refused the cursor; statuses pulled again from the start
    catalog_version: int | None = None
    purged: int = 0
    errors: list[str] = field(default_factory=list)


class SyncWorker:
    """Drives one database's outbox towards one centre."""

    def __init__(self, store: Store, client: CentralClient, *, catalog_repository: Any = None,
                 retention_days: int | None = None, backoff: outbox.Backoff | None = None,
                 preflight_backoff: outbox.Backoff | None = None, batch: int = 16,
                 clock: Callable[[], float] = time.time,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 face_review_hours: float = face_reviews.DECIDE_WITHIN_HOURS) -> None:
        self.store = store
        self.face_review_hours = face_review_hours  # a face no helper decided on within this goes as not_decided
        self._station_id: str | None = None  # as the centre's health answer proved it
        self.on_status = on_status  # after every pass: the helpers' notice on the kiosk screen
        self.client = client
        self.catalog_repository = catalog_repository  # kiosk.catalog.CatalogRepository, when a key is set
        self.retention_days = retention_days
        self.backoff = backoff or outbox.Backoff()
        self.preflight_backoff = preflight_backoff or outbox.Backoff(base=5.0, cap=300.0)
        self.batch = batch
        self.clock = clock
        self._lock_fd: int | None = None
        self._last_pull = 0.0

    # ---- single instance -----------------------------------------------------------------

    def open(self) -> Self:
        """Take the database's sync lock (SyncLocked if another worker holds it); recover stale rows."""
        path = lock_path_for(self.store.path)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise SyncLocked(detail=str(path), lock=str(path)) from None
        self._lock_fd = fd
        _seal_clear_reasons(self.store)
        recovered = outbox.recover(self.store, self.clock())
        if recovered:
            log.info("sync: %d rows left in flight by an earlier run are pending again (each waits out its backoff)",
                     recovered)
        return self

    def close(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None
        self.client.close()

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- state ---------------------------------------------------------------------------

    @property
    def station_id(self) -> str | None:
        """This station's id: as the centre proved it (health), else as configured, else unknown."""
        return self._station_id or self.client.station_id

    def state(self) -> dict[str, Any]:
        cursor = self.store.conn.execute("SELECT * FROM sync_state WHERE id = 1")
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone()))

    def _set_state(self, **values: Any) -> None:
        sets = ", ".join(f"{name} = ?" for name in values)
        with self.store.transaction() as conn:
            conn.execute(f"UPDATE sync_state SET {sets} WHERE id = 1", tuple(values.values()))

    def _went_wrong(self, error: SyncError, result: PassResult) -> None:
        """Record a queue-wide failure (offline, portal, auth) and schedule the next preflight."""
        action = getattr(error, "action", sync_errors.RETRY)
        if action == sync_errors.STOP:
            state = "stopped"
        elif isinstance(error, sync_errors.SyncNotCentral):
            state = "not_central"
        else:
            state = "offline"
        failures = self.state()["preflight_failures"] + 1
        wait = self.preflight_backoff.delay(failures)
        now = self.clock()
        centre_wide: dict[str, float] = {}
        if getattr(error, "retry_after", None) is not None:
            # The centre said when: nothing goes to it before then, from any process (openapi: health).
            centre_wide = {"not_before": now + float(error.retry_after), "not_before_wait": float(error.retry_after)}
            wait = max(wait, float(error.retry_after))
        self._set_state(state=state, state_code=error.code, state_detail=str(getattr(error, "detail", ""))[:300],
                        preflight_failures=failures, next_preflight_at=now + wait, next_preflight_wait=wait,
                        **centre_wide)
        result.state, result.code = state, error.code
        result.errors.append(error.code)
        log.warning("sync paused (%s): %s; next check in %.0f s", state, error.code, wait)

    def preflight(self, result: PassResult) -> bool:
        try:
            answer = self.client.preflight()
        except SyncError as error:
            self._went_wrong(error, result)
            return False
        self._station_id = answer.station_id
        self._set_state(state="online", state_code="", state_detail="", preflight_at=applications.utc_now(),
                        preflight_failures=0, clock_skew=answer.clock_skew,
                        next_preflight_at=self.clock() + PREFLIGHT_EVERY, next_preflight_wait=PREFLIGHT_EVERY)
        result.state = "online"
        return True

    # ---- one pass ------------------------------------------------------------------------

    def run_once(self, *, force_preflight: bool = True) -> PassResult:
        """Preflight, push, pull, purge.  Never raises SyncError: the state says what happened."""
        result = PassResult()
        try:
            state = self._bound_schedule()
            if self.clock() < state["not_before"]:  # a centre-wide Retry-After, maybe from another process
                result.state, result.code = state["state"], state["state_code"] or "sync.busy"
                return result
            if force_preflight or state["state"] != "online" or self.clock() >= state["next_preflight_at"]:
                if not self.preflight(result):
                    return result
            else:
                result.state = "online"
            if (self.push_help_requests(result) and self.push(result) and self.push_ratings(result)
                    and self.push_face_reviews(result) and self._pull_due()):
                self.pull(result)
        finally:
            # Data minimisation does not wait for the network, nor for anything above going wrong.
            self._purge(result)
            self._publish()
        return result

    def _publish(self) -> None:
        if self.on_status is None:
            return
        try:
            state, counts = self.state(), outbox.counts(self.store)
            self.on_status(SyncStatus(state["state"], state["state_code"] or "", counts.waiting, counts.quarantined))
        except Exception as error:  # noqa: BLE001 - a notice must never stop sending
            log.warning("sync status not published: %s", type(error).__name__)

    def _bound_schedule(self) -> dict[str, Any]:
        """Bring every scheduled time back to at most its own wait from now (a clock that
        jumped back, or was far ahead and then corrected); returns the state after."""
        now = self.clock()
        moved = outbox.bound_schedule(self.store, now)
        state = self.state()
        bounded = {}
        if state["next_preflight_at"] > now + state["next_preflight_wait"]:
            bounded["next_preflight_at"] = now + state["next_preflight_wait"]
        if state["not_before"] > now + state["not_before_wait"]:
            bounded["not_before"] = now + state["not_before_wait"]
        if bounded:
            self._set_state(**bounded)
            state.update(bounded)
        if moved or bounded:
            log.warning("sync: the clock went back; %d outbox rows and %d centre-wide times rescheduled from now",
                        moved, len(bounded))
        return state

    def push(self, result: PassResult) -> bool:
        """Send due rows in order until the queue is empty, not due, or paused; False if paused.

        Each row is claimed (its attempt counted) right before its request goes, in the
        same commit as the receipts of the rows sent before it."""
        while True:
            rows = outbox.due(self.store, self.batch, self.clock())
            if not rows:
                return True
            done: list[outbox.Accepted] = []
            try:
                for due_row in rows:
                    (row,) = outbox.claim(self.store, [due_row], self.backoff, self.clock(), done=done)
                    result.sent += len(done)
                    done = []
                    try:
                        done.append(self._send(row))
                    except SyncError as error:
                        if self._on_row_error(row, error, result):
                            continue
                        return False
            finally:
                outbox.mark_done(self.store, done)
                result.sent += len(done)
            self._set_state(last_success_at=applications.utc_now())

    def push_ratings(self, result: PassResult) -> bool:
        """Send the 好差评 ratings, after the applications; False if the centre paused the queue.  A rating
        the centre refuses (invalid, or a different rating under its UUID) is set aside with the codes of
        why (ratings.set_aside: seen in doctor and export) and never holds up the others."""
        return side_pushes.push(self, side_pushes.RATINGS, result)

    def push_help_requests(self, result: PassResult) -> bool:
        """Send each help request's newest state (before the applications: someone is waiting now);
        False if the centre paused the queue.  The body names this station as the centre proved it."""
        if self.station_id is None and help_requests.due(self.store, self.clock()) and not self.preflight(result):
            return False
        return side_pushes.push(self, side_pushes.HELP_REQUESTS, result)

    def push_face_reviews(self, result: PassResult) -> bool:
        """Send helpers' face decisions (and close those no helper made in time) for applications the
        centre acknowledged; False if the centre paused the queue."""
        return side_pushes.push(self, side_pushes.FACE_REVIEWS, result)

    def _on_row_error(self, row: outbox.OutboxRow, error: SyncError, result: PassResult) -> bool:
        """Handle one row's failure; True to go on with the next row, False to pause the queue."""
        action = getattr(error, "action", sync_errors.RETRY)
        if action in (sync_errors.QUARANTINE, sync_errors.CONFLICT):
            outbox.quarantine(self.store, row, error.code, server_code=getattr(error, "server_code", ""),
                              field=str(error.params.get("field", "")), message=str(getattr(error, "detail", "")))
            result.quarantined += 1
            return True
        outbox.failed(self.store, row, error.code, getattr(error, "retry_after", None), self.clock())
        self._went_wrong(error, result)
        return False

    def _send(self, row: outbox.OutboxRow) -> outbox.Accepted:
        """PUT the application, then upload what the centre still misses (resuming)."""
        try:
            app = applications.load(self.store, row.application_uuid)
        except (KeyError, KioskError) as error:  # unreadable here (key, corruption): a helper must look
            raise sync_errors.SyncRejected("sync.rejected", detail=f"cannot be read locally: {type(error).__name__}",
                                           server_code="local_unreadable") from None
        by_sha = {a.sha256: a for a in app.attachments}
        answer = self.client.put_application(app.uuid, application_body(self.store, app))
        for missing in answer.missing_attachments:
            attachment = by_sha.get(missing.sha256)
            if attachment is None:  # the centre asks for bytes this kiosk no longer has
                raise sync_errors.SyncRejected("sync.rejected", detail="attachment data missing locally",
                                               server_code="attachment_missing")
            self.client.put_attachment(missing.sha256, attachment.data, offset=missing.received)
        # Every missing attachment came back verified, so the centre has completed it.
        status = answer.status if answer.complete else "received"
        return outbox.Accepted(app.uuid, answer.central_id, answer.received_at, status, answer.reason)

    # ---- pulls ---------------------------------------------------------------------------

    def _pull_due(self) -> bool:
        return self.clock() - self._last_pull >= PULL_EVERY or self._last_pull == 0.0

    def pull(self, result: PassResult) -> None:
        """Statuses, then the catalog: each is tried whatever became of the other (sync/pulls.py)."""
        pulls.pull(self, result)

    def pull_statuses(self, result: PassResult) -> None:
        pulls.pull_statuses(self, result)

    def pull_catalog(self, result: PassResult) -> None:
        pulls.pull_catalog(self, result)

    def _purge(self, result: PassResult) -> None:
        if self.retention_days is not None:
            result.purged += len(retention.purge(self.store, self.retention_days))

    # ---- loop ----------------------------------------------------------------------------

    def next_wake(self) -> float:
        """Seconds until something is due: the next preflight when paused, else the queue head."""
        state = self._bound_schedule()
        now = self.clock()
        if now < state["not_before"]:
            return state["not_before"] - now
        if state["state"] != "online":
            return max(state["next_preflight_at"] - now, 0.0)
        head = outbox.head(self.store)
        wait = PULL_EVERY - (now - self._last_pull)
        if head is not None:
            wait = min(wait, head.next_attempt_at - now)
        return min(max(wait, 0.0), PREFLIGHT_EVERY)

    def run_forever(self, stop_event: threading.Event, nudge: threading.Event | None = None) -> None:
        """Passes until `stop_event` is set; `nudge` (a new submit, "sync now") wakes it early."""
        while not stop_event.is_set():
            state = self._bound_schedule()
            if state["state"] == "online" or self.clock() >= state["next_preflight_at"]:
                try:
                    self.run_once(force_preflight=False)
                except Exception:
                    log.exception("sync pass failed")
                    stop_event.wait(5.0)
            wait = self.next_wake()
            if nudge is not None:
                if nudge.wait(wait if wait > 0 else 0.05):
                    nudge.clear()
            elif wait > 0:
                stop_event.wait(wait)


def application_body(store: Store, app: applications.StoredApplication) -> dict[str, Any]:
    """The application as the protocol's ApplicationIn wants it (see openapi.yaml)."""
    form: dict[str, Any] = {"answers": app.answers, "identity": app.identity, "parts": list(app.parts)}
    if app.appointment:
        form["appointment"] = app.appointment
    body = {
        "number": app.number,
        "service_id": app.service_id,
        "station_seq": app.seq,
        "created_at": app.created_at,  # kiosk wall time; the centre records its own on receipt
        "locale": app.locale,
        "form": form,
        "attachments": [{"sha256": a.sha256, "size": len(a.data), "media_type": a.mime, "name": a.name}
                        for a in _unique(app.attachments)],
    }
    if app.verified:  # what the identity step verified (VerifiedIdentity); none on older applications
        body["verified"] = app.verified
    # A helper's application (guided, proxy) and a correction's link; absent on self-service ones.
    for key in ("assisted_by", "consent", "proxy", "corrects"):
        value = getattr(app, key)
        if value:
            body[key] = value
    return body


def _unique(attachments: tuple[applications.Attachment, ...]) -> list[applications.Attachment]:
    """The protocol lists each attachment once (uniqueItems): identical slots collapse."""
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for a in attachments:
        key = (a.sha256, a.mime, a.name)
        if key not in seen:
            seen.add(key)
            unique.append(a)
    return unique


def _seal_clear_reasons(store: Store) -> int:
    """Seal status reasons an older version kept in clear (once; then the clear column stays empty)."""
    rows = store.conn.execute(
        "SELECT uuid, status_reason FROM applications WHERE status_reason IS NOT NULL").fetchall()
    if rows:
        with store.transaction() as conn:
            conn.executemany(
                "UPDATE applications SET status_reason_sealed = ?, status_reason = NULL WHERE uuid = ?",
                [(receipts.seal_status_reason(store, uuid, reason), uuid) for uuid, reason in rows])
    return len(rows)
