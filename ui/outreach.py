"""Outreach mode (上门服务) on the kiosk window: a helper for the whole trip, every application guided.

`waystation run --outreach` builds the window with `Defaults(guided_only=True)` (no service starts
without a helper) and attaches `OutreachMode`:
- when a helper signs in (`KioskWindow.set_helper`, which the sign-in screens call), the home screen is
  theirs to lead: after every visit a new guided one starts, with the same helper;
- the helper is signed out after the helper idle time without a touch, or when the desktop session
  is locked (ui/screen_lock.py); the visit they led is wiped (ui/assisted.py);
- a status line under every screen says whether a helper is signed in, how many applications wait
  to be sent, and since when the centre has not been reached: the sync thread sends them when the
  laptop is back on a network.
"""

from __future__ import annotations

import logging

from kiosk import outreach
from kiosk.session import State
from ui.qt import QApplication, QEvent, QObject, Qt, QTimer
from ui.screen_lock import ScreenLockWatch
from ui.widgets import WrapLabel, label

log = logging.getLogger(__name__)

REFRESH_MS = 5000  # the queue's count, read again on the store's worker
LINE_FACTOR = 0.9  # a helper's line, like the sync notice (tests/test_ui_layout.py SMALL_PRINT in elder mode)
INPUT = (QEvent.MouseButtonPress, QEvent.TouchBegin, QEvent.KeyPress)


class OutreachLine(WrapLabel):
    """'上门服务 · 工作人员 张三（H001） · 3 份申请待发送 · 自 09:12 起未连接中心'."""

    def words(self, helper, state: outreach.QueueState | None, online: bool | None, since) -> str:
        parts = [self.tr("Outreach")]
        parts.append(self.tr("Helper %1 (%2)").replace("%1", helper.name).replace("%2", helper.number)
                     if helper is not None else self.tr("A helper must sign in"))
        if state is not None:
            parts.append(self.tr("%n application(s) waiting to be sent", "", state.waiting))
            if state.set_aside:
                parts.append(self.tr("%n set aside", "", state.set_aside))
        if online:
            parts.append(self.tr("centre reached"))
        elif since is not None:
            parts.append(self.tr("offline since %1").replace("%1", since.astimezone().strftime("%m-%d %H:%M")))
        elif online is False:
            parts.append(self.tr("offline"))
        return " · ".join(parts)


class OutreachMode(QObject):
    def __init__(self, window, helper_idle_s: float = outreach.HELPER_IDLE_S,
                 lock_watch: ScreenLockWatch | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.idle = outreach.HelperIdle(helper_idle_s)
        self.offline = outreach.OfflineSince()
        self.queue: outreach.QueueState | None = None
        self.online: bool | None = None
        self.line = label("", window._theme(), LINE_FACTOR, bold=True, role="hint", name="outreach_line",
                          kind=OutreachLine)
        self._restyle()
        window.layout().addWidget(self.line)  # under every screen, and under the idle warning's reach
        window.helper_changed.connect(self._helper_changed)
        window.bridge.sync_status.connect(self._sync_status, Qt.QueuedConnection)
        window.session.add_listener(self._session_changed)
        self.lock_watch = lock_watch if lock_watch is not None else ScreenLockWatch()
        self.lock_watch.locked.connect(lambda: self.sign_out("locked"))
        log.info("outreach mode: windowed, no kiosk lock; a locked session is heard from %s",
                 ", ".join(self.lock_watch.sources) or "nothing here (the helper idle time alone signs out)")
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._ticks = 0
        if window.sync_status is not None:
            self._sync_status(window.sync_status)
        self.refresh_queue()
        self._show()

    # -- the helper ----------------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() in INPUT:
            self.idle.touch()
        return False

    def _helper_changed(self, helper) -> None:
        self.idle.touch()
        if helper is not None:
            self._lead_next_visit()
        self._show()

    def sign_out(self, why: str) -> None:
        """Sign the helper out (idle, or the session locked); the visit they led is wiped (ui/assisted.py)."""
        if self.window.helper is not None:
            log.info("outreach: helper signed out (%s)", why)
            staff = getattr(self.window, "staff", None)
            if staff is not None:
                staff.sign_out(why)  # audited with the helper's number, the screen wiped
            else:
                self.window.set_helper(None)

    def _lead_next_visit(self) -> None:
        """Every application is guided: at a fresh home screen, the signed-in helper leads the next visit."""
        session, helper = self.window.session, self.window.helper
        if helper is not None and session.state == State.HOME and session.assistance is None:
            session.start_guided(helper)

    def _session_changed(self, reason: str) -> None:
        if reason == "mode" or reason.startswith("wiped:"):
            self._restyle()
        if reason.startswith("wiped:"):
            # Not inside the session's own notification: once it has finished telling everyone.
            QTimer.singleShot(0, self._lead_next_visit)
        if reason == "receipt":
            self.refresh_queue()

    def _restyle(self) -> None:
        """The mode's size (elder: larger) and the screens' side margins, as the helpers' sync line."""
        theme = self.window._theme()
        self.line.setFont(theme.font(LINE_FACTOR, bold=True))
        self.line.setContentsMargins(theme.mm(4), 0, theme.mm(4), theme.mm(1))

    def _tick(self) -> None:
        if self.window.helper is not None and self.idle.expired():
            self.sign_out("idle")
        self._ticks += 1
        if self._ticks * 1000 % REFRESH_MS == 0:
            self.refresh_queue()

    # -- the status line -------------------------------------------------------------------------

    def refresh_queue(self) -> None:
        self.window.run_store_task(outreach.queue_state, self._queue_read)

    def _queue_read(self, state: outreach.QueueState) -> None:
        self.queue = state
        self.offline.known_success(state.last_success_at)
        self._show()

    def _sync_status(self, status) -> None:
        if status is None:
            return
        self.online = status.state == "online"
        self.offline.update(self.online)
        self._show()

    def _show(self) -> None:
        words = self.line.words(self.window.helper, self.queue, self.online, self.offline.since)
        if words != self.line.text():
            self.line.setText(words)
            self.line.setAccessibleName(words)
