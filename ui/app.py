"""Start the kiosk: the Qt application, the window on the configured screen, locked full screen."""

from __future__ import annotations

import logging
import sys

from kiosk.catalog import CatalogRepository
from kiosk.config import Config
from kiosk.session import Defaults, Session
from kiosk.store import open_store
from ui.main_window import KioskWindow
from ui.qt import QApplication, QEvent, QGuiApplication, Qt

log = logging.getLogger(__name__)


def px_per_mm(config: Config, screen) -> float:
    """Pixels per millimetre of the real panel: the config's override, else what the screen reports."""
    geometry = screen.geometry()
    width_mm = config.devices.screen_width_mm or screen.physicalSize().width()
    if not width_mm or width_mm < 50:
        return 96 / 25.4  # no physical size known: assume 96 dpi
    return geometry.width() / width_mm


def session_defaults(config: Config) -> Defaults:
    return Defaults(locale=config.station.default_locale, elder_mode=config.station.elder_mode_default,
                    idle_warning_after_s=config.idle.warning_after_s, idle_countdown_s=config.idle.countdown_s)


class LockedWindow(KioskWindow):
    """Full screen without decorations; keyboard shortcuts do not leave it."""

    locked = True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.locked:
            event.ignore()  # Alt+F4 and window-manager close: only a helper may leave (guided mode)
        else:
            super().closeEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape or (event.modifiers() & Qt.ControlModifier and event.key() == Qt.Key_Q):
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802
        if self.locked and event.type() == QEvent.WindowStateChange and not self.isFullScreen():
            self.showFullScreen()
        super().changeEvent(event)


def build_kiosk(config: Config, devices: dict, windowed: bool = False) -> LockedWindow:
    """Make the kiosk window on the configured screen with the `devices` the composition root built,
    and start the devices.  `run_kiosk` shows it until the application quits."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Waystation")
    store = open_store(config)
    catalog = CatalogRepository(config.storage.data_dir).load()
    session = Session(catalog, session_defaults(config))
    screen = QGuiApplication.primaryScreen()
    window = LockedWindow(session, store, station_id=config.station.id, station_name=config.station.name,
                          px_per_mm=px_per_mm(config, screen), receipts_dir=config.storage.data_dir / "receipts",
                          devices=devices, portrait=screen.geometry().height() > screen.geometry().width())
    reader = devices.get("reader")
    if reader is not None:
        window.bridge.attach_reader(reader)
    if windowed:
        window.locked = False
        window.resize(1280, 800)
        window.show()
        if hasattr(reader, "present"):
            from ui.dev_panel import DevPanel

            window.dev_panel = DevPanel(reader)
            window.dev_panel.show()
    else:
        window.setWindowFlag(Qt.FramelessWindowHint, True)
        # Kiosks often run without a window manager, which is what honours "full screen":
        # cover the configured screen ourselves as well.
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    for name in ("reader", "camera"):
        if devices.get(name) is not None:
            devices[name].start()
    return window


def shut_down(window: LockedWindow) -> None:
    """Stop the devices, let the store's worker finish, close the store."""
    for name in ("reader", "camera"):
        if window.devices.get(name) is not None:
            window.devices[name].stop()
    if window.devices.get("speaker") is not None:
        window.devices["speaker"].close()
    window.tasks.wait()
    window.store.close()


def run_kiosk(config: Config, devices: dict, windowed: bool = False) -> int:
    """Show the kiosk until the application quits; returns the exit code."""
    window = build_kiosk(config, devices, windowed)
    try:
        return QApplication.instance().exec()
    finally:
        shut_down(window)
