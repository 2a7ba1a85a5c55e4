"""Hear when the desktop session is locked (outreach laptops), over D-Bus with QtDBus.

Two sources, whichever the desktop has:
- the screen saver's `ActiveChanged(true)` on the session bus: `org.freedesktop.ScreenSaver` (KDE, Xfce,
  many others; at /org/freedesktop/ScreenSaver and /ScreenSaver) and `org.gnome.ScreenSaver` (GNOME);
- logind's `Lock()` signal for this login session on the system bus (`loginctl lock-session`, a lid
  closed with a lock configured), at /org/freedesktop/login1/session/<XDG_SESSION_ID, path-encoded>.

QtDBus ships with PySide6-Essentials (PySide6.QtDBus), so nothing is added.  Without a session or
system bus (a kiosk under cage, a test without one) `available` says so and nothing is heard: the
helper is then signed out by the idle time alone.  Signals arrive on the GUI thread (QtDBus delivers
them through the event loop).
"""

from __future__ import annotations

import logging
import os

from ui.qt import SLOT, QObject, Signal, Slot, qt_dbus

log = logging.getLogger(__name__)

SCREEN_SAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
LOGIND_SESSION_PREFIX = "/org/freedesktop/login1/session/"


def session_object_path(session_id: str) -> str:
    """logind's object path of a session id, encoded as sd_bus_path_encode does ('2' → '_32')."""
    encoded = "".join(ch if (ch.isascii() and ch.isalnum() and not (i == 0 and ch.isdigit())) else f"_{ord(ch):02x}"
                      for i, ch in enumerate(session_id))
    return LOGIND_SESSION_PREFIX + (encoded or "_")


class ScreenLockWatch(QObject):
    """Emits `locked` when the session is locked (or the screen saver starts)."""

    locked = Signal()

    def __init__(self, session_bus: str | None = None, system_bus: str | None = None,
                 session_id: str | None = None) -> None:
        """`session_bus` / `system_bus`: bus addresses (tests); default the user's session bus and the system
        bus.  `session_id`: the logind session (default $XDG_SESSION_ID)."""
        super().__init__()
        self.sources: list[str] = []  # what is listened to, for doctor-like messages and tests
        dbus = qt_dbus()
        if dbus is None:  # a Qt without D-Bus: the idle time alone signs the helper out
            log.warning("QtDBus is not available: a locked session does not sign the helper out")
            return
        QDBusConnection = dbus.QDBusConnection  # noqa: N806 (a Qt class)
        # Named connections are shared per name in a process: each watch its own (a test makes several).
        tag = f"waystation-lock-{id(self):x}"
        session = (QDBusConnection.connectToBus(session_bus, tag + "-session") if session_bus
                   else QDBusConnection.sessionBus())
        if session.isConnected():
            for path, interface in SCREEN_SAVERS:
                if session.connect("", path, interface, "ActiveChanged", self, SLOT("_active_changed(bool)")):
                    self.sources.append(f"{interface} {path}")
        system = (QDBusConnection.connectToBus(system_bus, tag + "-system") if system_bus
                  else QDBusConnection.systemBus())
        session_id = session_id if session_id is not None else os.environ.get("XDG_SESSION_ID", "")
        if system.isConnected() and session_id:
            path = session_object_path(session_id)
            if system.connect("", path, "org.freedesktop.login1.Session", "Lock", self, SLOT("_lock()")):
                self.sources.append(f"org.freedesktop.login1.Session {path}")
        self._buses = (session, system)  # kept: the connections must outlive this call
        if not self.sources:
            log.warning("no session or system bus to hear a screen lock: the idle time alone signs the helper out")

    @property
    def available(self) -> bool:
        return bool(self.sources)

    @Slot(bool)
    def _active_changed(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot()
    def _lock(self) -> None:
        self.locked.emit()
