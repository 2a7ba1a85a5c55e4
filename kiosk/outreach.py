"""Outreach (上门服务): the kiosk on a helper's laptop, taken to residents who cannot come to the station.

`waystation run --outreach` runs the same application windowed, without the kiosk lock.  A helper
signs in for the trip; every application is guided by them (`Defaults.guided_only`); they are
signed out after `HELPER_IDLE_S` without a touch or when the desktop session is locked
(ui/screen_lock.py); a status line always says how many applications wait to be sent and since when
the centre has not been reached; the sync thread sends everything once the laptop is back on a
network.  This module holds the Qt-free parts: the helper's idle clock, "offline since", and what
the status line counts (read from the store on its worker).
"""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass
from typing import Callable

from kiosk import outbox

HELPER_IDLE_S = 300.0  # five minutes without a touch: the helper is signed out (issue 13)


class HelperIdle:
    """When the signed-in helper last touched anything; `expired()` after `limit_s` without a touch."""

    def __init__(self, limit_s: float = HELPER_IDLE_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit_s = float(limit_s)
        self._clock = clock
        self.last_touch = clock()

    def touch(self) -> None:
        self.last_touch = self._clock()

    def expired(self) -> bool:
        return self._clock() - self.last_touch >= self.limit_s


@dataclass(frozen=True)
class QueueState:
    """What the outreach line counts: applications waiting, set aside, and the last contact with the centre."""

    waiting: int
    set_aside: int
    last_success_at: str | None  # UTC ISO time of the last good exchange with the centre, or None


def queue_state(store) -> QueueState:
    """Read on the store's worker (never the GUI thread)."""
    counts = outbox.counts(store)
    row = store.conn.execute("SELECT last_success_at FROM sync_state WHERE id = 1").fetchone()
    return QueueState(counts.waiting, counts.quarantined, row[0] if row else None)


class OfflineSince:
    """Since when the centre has not been reached: the last good exchange if known, else the first moment
    this run saw it unreachable; None while it is reached."""

    def __init__(self, now: Callable[[], _dt.datetime] = lambda: _dt.datetime.now(_dt.UTC)) -> None:
        self._now = now
        self.since: _dt.datetime | None = None
        self.last_success: _dt.datetime | None = None

    def known_success(self, iso: str | None) -> None:
        """The store's last good exchange (sync_state.last_success_at)."""
        parsed = parse_time(iso)
        if parsed is not None and (self.last_success is None or parsed > self.last_success):
            self.last_success = parsed
            if self.since is not None:
                self.since = parsed

    def update(self, online: bool) -> _dt.datetime | None:
        if online:
            self.since = None
            self.last_success = self._now()
        elif self.since is None:
            self.since = self.last_success or self._now()
        return self.since


def parse_time(iso: str | None) -> _dt.datetime | None:
    """An ISO time from the store (kiosk's own writing), as an aware UTC datetime; None if unreadable."""
    if not iso:
        return None
    try:
        value = _dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=_dt.UTC)
