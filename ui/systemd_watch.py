"""The kiosk window's side of systemd's notify protocol: ready once painted, keep-alives from the GUI thread.

`SystemdWatch` sends READY=1 right after the window's first paint (the home
screen is on the panel, not merely built), and WATCHDOG=1 from a QTimer on the
GUI thread every half of $WATCHDOG_USEC (as KWin does): a GUI thread that hangs
stops the keep-alives, and systemd (`WatchdogSec=`, `Restart=always`) restarts
the kiosk.  Never from a worker thread, which would keep pinging for a frozen
screen.  Without $NOTIFY_SOCKET (from source, in tests) nothing is sent and
nothing runs.  The protocol itself is kiosk/sd_notify.py.
"""

from __future__ import annotations

import logging
import os

from kiosk import sd_notify
from ui.qt import QEvent, QObject, QTimer, QWidget

log = logging.getLogger(__name__)


class SystemdWatch(QObject):
    """READY=1 after `window`'s first paint; WATCHDOG=1 at half the watchdog time while the event loop runs."""

    def __init__(self, window: QWidget, environ: dict[str, str] | None = None) -> None:
        super().__init__(window)
        self._environ = dict(os.environ if environ is None else environ)
        self.ready_sent = False
        self.keepalives = 0  # sent so far (for tests and the log)
        self.timer: QTimer | None = None
        if not self._environ.get(sd_notify.SOCKET_ENV):
            return
        self._window = window
        window.installEventFilter(self)
        interval = sd_notify.watchdog_interval(self._environ)
        if interval is not None:
            self.timer = QTimer(self)
            self.timer.setInterval(max(1, int(interval * 1000)))
            self.timer.timeout.connect(self._keepalive)
            self.timer.start()
            log.info("systemd watchdog: a keep-alive every %.1f s from the GUI thread", interval)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Paint and not self.ready_sent:
            self.ready_sent = True
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._ready)  # after this paint has been drawn
        return False

    def _ready(self) -> None:
        if sd_notify.notify("READY=1\nSTATUS=home screen shown", self._environ):
            log.info("told systemd the kiosk is ready")

    def _keepalive(self) -> None:
        if sd_notify.notify("WATCHDOG=1", self._environ):
            self.keepalives += 1

    def stopping(self) -> None:
        """Tell systemd the kiosk is shutting down on purpose (no watchdog restart meanwhile)."""
        if self.timer is not None:
            self.timer.stop()
        sd_notify.notify("STOPPING=1", self._environ)
