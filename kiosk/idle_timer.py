"""The idle timer of a resident's session: warning after a spell without touches, then the end.

Pure arithmetic on an injected monotonic clock, so tests drive it without
waiting and a wall-clock change cannot end (or prolong) a session.
"""

from __future__ import annotations

from typing import Callable


class IdleTimer:
    def __init__(self, clock: Callable[[], float], warning_after_s: float, countdown_s: float) -> None:
        self._clock = clock
        self.warning_after_s = warning_after_s
        self.countdown_s = countdown_s
        self.last_touch = clock()
        self.warning_since: float | None = None

    @property
    def warning(self) -> bool:
        return self.warning_since is not None

    def touch(self) -> bool:
        """The resident touched the screen; True if that cancelled a warning."""
        self.last_touch = self._clock()
        cancelled = self.warning_since is not None
        self.warning_since = None
        return cancelled

    def countdown_left(self) -> float:
        if self.warning_since is None:
            return self.countdown_s
        return max(0.0, self.countdown_s - (self._clock() - self.warning_since))

    def tick(self) -> str | None:
        """Advance: 'warning' when the warning starts, 'countdown' while it runs, 'expired' at the end."""
        now = self._clock()
        if self.warning_since is None:
            if now - self.last_touch >= self.warning_after_s:
                self.warning_since = now
                return "warning"
            return None
        return "expired" if self.countdown_left() <= 0 else "countdown"
