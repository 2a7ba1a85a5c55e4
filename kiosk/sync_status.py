"""The sync worker's latest state, for the small notice helpers see on the kiosk screen.

The worker publishes after every pass (and when it stops); the window listens
through the device bridge, so widgets never poll the database.  It holds counts
and codes only: nothing of any resident.  Thread-safe: `publish()` runs on the
sync thread, listeners are called there and must not block.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class SyncStatus:
    state: str          # online, offline, not_central, stopped (sync_state.state)
    code: str = ""      # why, when not online (an error code)
    waiting: int = 0    # applications still to send
    set_aside: int = 0  # refused by the centre as invalid: a helper must look

    @property
    def needs_attention(self) -> bool:
        """Worth a helper's glance: not reaching the centre, or something set aside."""
        return self.state != "online" or self.set_aside > 0


class SyncStatusBoard:
    """The latest SyncStatus and who wants to hear of the next one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: SyncStatus | None = None
        self._listeners: list[Callable[[SyncStatus], None]] = []

    @property
    def latest(self) -> SyncStatus | None:
        with self._lock:
            return self._latest

    def add_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[SyncStatus], None]) -> None:
        with self._lock:
            self._listeners = [known for known in self._listeners if known is not listener]

    def publish(self, status: SyncStatus) -> None:
        with self._lock:
            changed, self._latest = status != self._latest, status
            listeners = list(self._listeners)
        if changed:
            for listener in listeners:
                listener(status)
