"""The sync worker inside the kiosk: on a thread of its own that outlives any one failure.

`run_in_thread` builds the worker on its thread (so the store connection and the
HTTP session are that thread's own), runs it until told to stop, and whatever
goes wrong (a missing token file, a bad setting, another worker holding the lock,
a store error) becomes one log line without a traceback, a `stopped` state in
sync_state for doctor and helpers, and a new try after a backoff.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from kiosk import outbox
from kiosk.errors import KioskError
from kiosk.log import scrub
from kiosk.store import Store
from kiosk.sync_status import SyncStatus
from sync.worker import SyncLocked, SyncWorker

log = logging.getLogger(__name__)


def record_stopped(store: Store, code: str, detail: str = "") -> None:
    """Write a `stopped` state to sync_state: no worker runs until IT acts (doctor and helpers see the code)."""
    with store.transaction() as conn:
        conn.execute("UPDATE sync_state SET state = 'stopped', state_code = ?, state_detail = ?,"
                     " next_preflight_at = 0 WHERE id = 1", (code, detail[:300]))


def _failure(error: BaseException) -> tuple[str, str]:
    """(code, words) for a log line: KioskError words carry no personal data; other exceptions only their type."""
    if isinstance(error, KioskError):
        return error.code, scrub(error.text("en"))
    return "sync.failed", type(error).__name__


def run_in_thread(worker_factory: Callable[[], SyncWorker], stop_event: threading.Event,
                  nudge: threading.Event | None = None, *,
                  retry: outbox.Backoff | None = None,
                  on_status: Callable[[SyncStatus], None] | None = None) -> threading.Thread:
    """Start a worker on a daemon thread (inside the kiosk; never the GUI thread).

    The factory runs on that thread, so the store connection and HTTP session are its own
    (the thread closes both).  Whatever goes wrong building or running the worker (a
    missing token file, a bad setting, another worker holding the lock, a store error)
    does not end the thread: one log line without a traceback (tracebacks can carry
    anything), a `stopped` state in sync_state when the store could be opened, and a
    new try after a backoff, until `stop_event` is set."""
    retry = retry or outbox.Backoff(base=5.0, cap=300.0)

    def run() -> None:
        failures = 0
        while not stop_event.is_set():
            worker: SyncWorker | None = None
            try:
                worker = worker_factory()
                worker.on_status = on_status or worker.on_status
                worker.open()
                failures = 0
                worker.run_forever(stop_event, nudge)
            except SyncLocked as error:
                log.warning("sync worker not started: %s", error.code)
            except Exception as error:  # noqa: BLE001 - the thread must outlive any one failure
                code, words = _failure(error)
                log.error("sync worker stopped (%s): %s", code, words)
                if on_status is not None:
                    with contextlib.suppress(Exception):
                        on_status(SyncStatus("stopped", code))
                if worker is not None:
                    with contextlib.suppress(Exception):
                        record_stopped(worker.store, code, words)
            finally:
                if worker is not None:
                    with contextlib.suppress(Exception):
                        worker.close()
                    with contextlib.suppress(Exception):
                        worker.store.close()
            if stop_event.is_set():
                return
            failures += 1
            wait = retry.delay(failures)
            log.info("sync worker: next start in %.0f s", wait)
            stop_event.wait(wait)

    thread = threading.Thread(target=run, name="waystation-sync", daemon=True)
    thread.start()
    return thread
