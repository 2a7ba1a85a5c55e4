"""The sync worker: drains the outbox to the centre, then pulls statuses and the catalog.

One pass (`run_once`): preflight (is the real centre there?), push the outbox
in order, pull status changes with the stored cursor (push before pull, as
CommCare does), pull a newer signed catalog, purge personal data past
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

from kiosk import applications, outbox, ratings, receipts, retention
from kiosk.errors import CatalogError, KioskError, SyncError
from kiosk.messages import register
from kiosk.store import Store
from kiosk.sync_status import SyncStatus
from sync import errors as sync_errors
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
                 on_status: Callable[[SyncStatus], None] | None = None) -> None:
        self.store = store
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
            if self.push(result) and self.push_ratings(result) and self._pull_due():
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
        """Send the 好差评 ratings, after the applications; False if the centre paused the queue.

        As for applications: the attempt is counted (and the next one scheduled) before the request
        goes, and a rating is marked sent only after the centre's positive answer; the PUT is
        idempotent on the rating's UUID, so a lost answer or a kill costs a replay, never a copy.
        A rating the centre refuses (invalid, or a different rating under its UUID) is set aside with
        the codes of why (ratings.set_aside: seen in doctor and export) and never holds up the others."""
        for rating in ratings.due(self.store, self.clock()):
            tries = ratings.attempts(self.store, rating.uuid) + 1
            ratings.claim(self.store, rating.uuid, self.backoff.delay(tries), self.clock())
            try:
                self.client.put_rating(rating.uuid, rating.body())
            except SyncError as error:
                action = getattr(error, "action", sync_errors.RETRY)
                if action in (sync_errors.QUARANTINE, sync_errors.CONFLICT):
                    server_code = getattr(error, "server_code", "")
                    log.warning("sync: the centre refused a rating (%s %s): set aside", error.code, server_code)
                    ratings.set_aside(self.store, rating.uuid, error.code, server_code)
                    result.ratings_set_aside += 1
                    continue
                self._went_wrong(error, result)
                return False
            ratings.mark_sent(self.store, rating.uuid)
            result.ratings_sent += 1
        return True

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
        """Statuses, then the catalog: each is tried whatever became of the other."""
        self._last_pull = self.clock()
        paused = False
        for step in (self.pull_statuses, self.pull_catalog):
            try:
                step(result)
            except SyncError as error:
                action = getattr(error, "action", None)
                if action == sync_errors.KEEP_LAST:
                    self._catalog_refused(error, result)
                elif action in (sync_errors.QUARANTINE, sync_errors.CONFLICT):
                    # The centre refused the request itself: no record is involved, none is set aside.
                    server_code = getattr(error, "server_code", "") or "?"
                    result.errors.append("sync.pull_refused")
                    log.warning("sync: %s refused by the centre (%s); it is tried again next pass",
                                step.__name__, server_code)
                elif not paused:
                    self._went_wrong(error, result)
                    paused = True
                else:
                    result.errors.append(error.code)

    def pull_statuses(self, result: PassResult) -> None:
        """Status changes after the stored cursor, applied to records the centre acknowledged.

        On `400 bad_cursor` (a centre restored or redeployed) the cursor is dropped and
        the statuses are pulled again from the start: applying one twice changes nothing."""
        cursor = self.state()["status_cursor"]
        while True:
            try:
                page = self.client.pull_statuses(cursor, limit=200)
            except sync_errors.SyncRejected as error:
                if error.server_code != "bad_cursor" or cursor is None or result.cursor_reset:
                    raise
                log.warning("sync: the centre does not know this kiosk's status cursor; pulling from the start")
                self._set_state(status_cursor=None)
                cursor, result.cursor_reset = None, True
                continue
            ignored = 0
            with self.store.transaction() as conn:
                for item in page.items:
                    # Only a record the centre acknowledged here: its receipt gave this central id, and the
                    # record is not queued or set aside (a 409 means the centre holds other content).
                    ignored += conn.execute(
                        "UPDATE applications SET status = ?, status_reason = NULL, status_reason_sealed = ?,"
                        " status_changed_at = ? WHERE uuid = ? AND central_id = ? AND accepted_at IS NOT NULL"
                        " AND uuid NOT IN (SELECT application_uuid FROM outbox)",
                        (item.status, receipts.seal_status_reason(self.store, item.uuid, item.reason),
                         item.changed_at, item.uuid, item.central_id)).rowcount == 0
                # The cursor moves only with the statuses it covers: a kill in between re-reads them.
                conn.execute("UPDATE sync_state SET status_cursor = ?, statuses_ignored = statuses_ignored + ?"
                             " WHERE id = 1", (page.cursor, ignored))
            if ignored:
                log.warning("sync: %d status changes ignored: for records the centre never acknowledged here",
                            ignored)
            result.statuses += len(page.items) - ignored
            result.statuses_ignored += ignored
            cursor = page.cursor
            if not page.more:
                return

    def pull_catalog(self, result: PassResult) -> None:
        if self.catalog_repository is None or self.client._catalog_key is None:
            return
        have = self.state()["catalog_version"]
        verified = self.client.pull_catalog(have)
        if verified is None:
            return
        try:
            self.catalog_repository.install(verified.catalog_json)  # validates before replacing
        except CatalogError as error:  # signed, but not a catalog this kiosk can use
            self._catalog_refused(error, result, version=verified.version)
            return
        except OSError as error:  # the catalog directory cannot be written
            self._catalog_refused(CatalogError("catalog.invalid", problem=f"cannot be saved ({error.strerror})"),
                                  result, version=verified.version)
            return
        self._set_state(catalog_version=verified.version, catalog_problem="", catalog_problem_at=None)
        result.catalog_version = verified.version

    def _catalog_refused(self, error: KioskError, result: PassResult, version: int | None = None) -> None:
        """The last good catalog stays; why the newer one was refused goes to sync_state (doctor shows it)."""
        where = f"version {version}: " if version is not None else ""
        problem = f"{error.code}: {where}{error.text('en')}"[:500]
        self._set_state(catalog_problem=problem, catalog_problem_at=applications.utc_now())
        result.errors.append(error.code)
        log.warning("catalog refused, the last good one stays: %s", error.code)

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
