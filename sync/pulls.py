"""The sync worker's pulls: status changes of this station's applications, then a newer signed catalog.

Pulls never look like a set-aside record: a `bad_cursor` pulls statuses again from the start, a
refused pull is tried again next pass, and a failed status pull does not stop the catalog pull.  A
status is applied only to a record the centre acknowledged here.  (Moved out of sync/worker.py,
whose `pull`, `pull_statuses` and `pull_catalog` call these.)
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk import applications, receipts
from kiosk.errors import CatalogError, KioskError, SyncError
from sync import errors as sync_errors

if TYPE_CHECKING:
    from sync.worker import PassResult, SyncWorker

log = logging.getLogger(__name__)


def pull(worker: "SyncWorker", result: "PassResult") -> None:
    """Statuses, then the catalog: each is tried whatever became of the other."""
    worker._last_pull = worker.clock()
    paused = False
    for step in (pull_statuses, pull_catalog):
        try:
            step(worker, result)
        except SyncError as error:
            action = getattr(error, "action", None)
            if action == sync_errors.KEEP_LAST:
                catalog_refused(worker, error, result)
            elif action in (sync_errors.QUARANTINE, sync_errors.CONFLICT):
                # The centre refused the request itself: no record is involved, none is set aside.
                server_code = getattr(error, "server_code", "") or "?"
                result.errors.append("sync.pull_refused")
                log.warning("sync: %s refused by the centre (%s); it is tried again next pass",
                            step.__name__, server_code)
            elif not paused:
                worker._went_wrong(error, result)
                paused = True
            else:
                result.errors.append(error.code)


def pull_statuses(worker: "SyncWorker", result: "PassResult") -> None:
    """Status changes after the stored cursor, applied to records the centre acknowledged.

    On `400 bad_cursor` (a centre restored or redeployed) the cursor is dropped and
    the statuses are pulled again from the start: applying one twice changes nothing."""
    cursor = worker.state()["status_cursor"]
    while True:
        try:
            page = worker.client.pull_statuses(cursor, limit=200)
        except sync_errors.SyncRejected as error:
            if error.server_code != "bad_cursor" or cursor is None or result.cursor_reset:
                raise
            log.warning("sync: the centre does not know this kiosk's status cursor; pulling from the start")
            worker._set_state(status_cursor=None)
            cursor, result.cursor_reset = None, True
            continue
        ignored = 0
        with worker.store.transaction() as conn:
            for item in page.items:
                # Only a record the centre acknowledged here: its receipt gave this central id, and the
                # record is not queued or set aside (a 409 means the centre holds other content).
                ignored += conn.execute(
                    "UPDATE applications SET status = ?, status_reason = NULL, status_reason_sealed = ?,"
                    " status_changed_at = ? WHERE uuid = ? AND central_id = ? AND accepted_at IS NOT NULL"
                    " AND uuid NOT IN (SELECT application_uuid FROM outbox)",
                    (item.status, receipts.seal_status_reason(worker.store, item.uuid, item.reason),
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


def pull_catalog(worker: "SyncWorker", result: "PassResult") -> None:
    if worker.catalog_repository is None or worker.client._catalog_key is None:
        return
    have = worker.state()["catalog_version"]
    verified = worker.client.pull_catalog(have)
    if verified is None:
        return
    try:
        worker.catalog_repository.install(verified.catalog_json)  # validates before replacing
    except CatalogError as error:  # signed, but not a catalog this kiosk can use
        catalog_refused(worker, error, result, version=verified.version)
        return
    except OSError as error:  # the catalog directory cannot be written
        catalog_refused(worker, CatalogError("catalog.invalid", problem=f"cannot be saved ({error.strerror})"),
                        result, version=verified.version)
        return
    worker._set_state(catalog_version=verified.version, catalog_problem="", catalog_problem_at=None)
    result.catalog_version = verified.version


def catalog_refused(worker: "SyncWorker", error: KioskError, result: "PassResult",
                    version: int | None = None) -> None:
    """The last good catalog stays; why the newer one was refused goes to sync_state (doctor shows it)."""
    where = f"version {version}: " if version is not None else ""
    problem = f"{error.code}: {where}{error.text('en')}"[:500]
    worker._set_state(catalog_problem=problem, catalog_problem_at=applications.utc_now())
    result.errors.append(error.code)
    log.warning("catalog refused, the last good one stays: %s", error.code)
