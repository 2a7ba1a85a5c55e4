"""`waystation sync --watch` beside a kiosk: sync whenever the kiosk is not there to do it.

The packaged station runs two units (build/debian/): the kiosk, which syncs on a
thread of its own while it runs (and shows the helpers its sync state), and
`waystation-sync.service`, this loop, so that queued applications still reach the
centre while the kiosk window restarts, crashes in a loop, or is stopped for
maintenance.  Never two workers on one database (the sync lock, sync/worker.py):

- while a kiosk holds the data dir's lock (kiosk/instance_lock.py), this loop
  waits and looks again every `poll` seconds;
- when none does, it takes the sync lock and runs the worker; as soon as a kiosk
  is back it stops the worker and lets the lock go, and the kiosk's own sync
  thread takes over at its next try (within its retry backoff);
- if another worker holds the sync lock (a `sync --once` by hand), it waits too.

Without a kiosk on the machine (a sync-only set-up, the tests) this is the plain
`--watch` worker: it starts at once and runs until SIGTERM.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kiosk import config as config_mod, instance_lock

log = logging.getLogger(__name__)

POLL_SECONDS = 5.0


def run(config: config_mod.Config, build_worker: Callable[[], object], stop: threading.Event,
        poll: float = POLL_SECONDS) -> None:
    """Sync while no kiosk runs on `config`'s data dir, until `stop` is set (raises what build_worker raises)."""
    from sync.worker import SyncLocked

    data_dir = config.storage.data_dir
    waiting_said = ""
    while not stop.is_set():
        if instance_lock.held(data_dir):
            if waiting_said != "kiosk":
                log.info("the kiosk is running and syncs itself: standing by")
                waiting_said = "kiosk"
            stop.wait(poll)
            continue
        worker = build_worker()
        try:
            worker.open()
        except SyncLocked:
            worker.client.close()
            worker.store.close()
            if waiting_said != "locked":
                log.info("another sync worker holds the database: standing by")
                waiting_said = "locked"
            stop.wait(poll)
            continue
        waiting_said = ""
        log.info("no kiosk is running: this service syncs")
        pause = threading.Event()
        watcher = threading.Thread(target=_watch, args=(data_dir, stop, pause, poll), name="sync-standby", daemon=True)
        watcher.start()
        try:
            worker.run_forever(pause)
        finally:
            pause.set()
            watcher.join()
            worker.close()  # lets the sync lock go (and closes the client): the kiosk's own thread takes over
            worker.store.close()
        if not stop.is_set():
            log.info("the kiosk is back: it syncs itself again")


def _watch(data_dir, stop: threading.Event, pause: threading.Event, poll: float) -> None:
    """Set `pause` once `stop` is set or a kiosk holds the data dir."""
    while not pause.is_set():
        if stop.wait(poll) or instance_lock.held(data_dir):
            pause.set()
