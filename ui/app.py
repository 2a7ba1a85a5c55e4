"""Start the kiosk: the Qt application, the window on the configured screen, locked full screen."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace

from kiosk.catalog import CatalogRepository
from kiosk.config import Config
from kiosk.session import Defaults, Session
from kiosk.store import open_store
from ui.main_window import KioskWindow
from ui.qt import QApplication, QEvent, QGuiApplication, Qt
from ui.systemd_watch import SystemdWatch

log = logging.getLogger(__name__)

FALLBACK_PX_PER_MM = 96 / 25.4  # no physical size known at all: assume 96 dpi


def px_per_mm(config: Config, screen) -> float:
    """Pixels per millimetre of the real panel (in the layout's pixels: the screen's geometry).

    The config's `devices.screen_width_mm` / `screen_height_mm` win over what the screen reports
    (many panels report nothing, or the size of a different panel); with both, their mean.  Each
    missing one is taken from QScreen's physical size when that is plausible (≥ 50 mm)."""
    geometry, physical = screen.geometry(), screen.physicalSize()
    width_mm = config.devices.screen_width_mm
    height_mm = config.devices.screen_height_mm
    if width_mm is None and height_mm is None:
        width_mm = physical.width() if physical.width() >= 50 else None
        height_mm = physical.height() if physical.height() >= 50 else None
    ratios = [pixels / mm for pixels, mm in ((geometry.width(), width_mm), (geometry.height(), height_mm)) if mm]
    if not ratios:
        log.warning("the screen reports no physical size and the config sets none: assuming 96 dpi")
        return FALLBACK_PX_PER_MM
    return sum(ratios) / len(ratios)


def choose_screen(config: Config):
    """The QScreen named by `devices.screen` (an index into QGuiApplication.screens(); 0 is the
    primary), or the primary one, with a warning, when there is no such screen (yet)."""
    screens = QGuiApplication.screens()
    index = config.devices.screen
    if 0 <= index < len(screens):
        return screens[index]
    log.warning("devices.screen = %d but %d screen(s) are connected: using the primary screen",
                index, len(screens))
    return QGuiApplication.primaryScreen()


class ScaledWindow(KioskWindow):
    """The kiosk window with the station's text scale (`devices.text_scale`) in its theme.

    (KioskWindow builds its theme in `_theme()` with `text_scale`; the scale comes in here so the
    screens need not know where it came from.)"""

    def __init__(self, *args, text_scale: float = 1.0, **kwargs) -> None:
        self.text_scale = text_scale  # before KioskWindow.__init__: it builds the first screen (KioskWindow._theme)
        super().__init__(*args, **kwargs)


def session_defaults(config: Config) -> Defaults:
    return Defaults(locale=config.station.default_locale, elder_mode=config.station.elder_mode_default,
                    idle_warning_after_s=config.idle.warning_after_s, idle_countdown_s=config.idle.countdown_s)


class LockedWindow(ScaledWindow):
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
        # Minimised keeps the full-screen flag (Qt adds WindowMinimized to it), so "not full screen"
        # alone would leave a minimised kiosk showing the desktop: both bring it back at once.
        if (self.locked and event.type() == QEvent.WindowStateChange
                and (self.isMinimized() or not self.isFullScreen())):
            self.showFullScreen()  # clears the minimised (and maximised) state as well
        super().changeEvent(event)


def build_kiosk(config: Config, devices: dict, windowed: bool = False, outreach: bool = False) -> LockedWindow:
    """Make the kiosk window on the configured screen with the `devices` the composition root built,
    and start the devices.  `run_kiosk` shows it until the application quits.  `outreach`: a helper's
    laptop (ui/outreach.py): a normal window, every application guided by the signed-in helper."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Waystation")
    store = open_store(config)
    catalog = CatalogRepository(config.storage.data_dir).load()
    defaults = session_defaults(config)
    session = Session(catalog, replace(defaults, guided_only=True) if outreach else defaults)
    screen = choose_screen(config)
    window = LockedWindow(session, store, station_id=config.station.id, station_name=config.station.name,
                          px_per_mm=px_per_mm(config, screen), receipts_dir=config.storage.data_dir / "receipts",
                          devices=devices, portrait=screen.geometry().height() > screen.geometry().width(),
                          panel_size=(screen.geometry().width(), screen.geometry().height()),
                          text_scale=config.devices.text_scale, private_headset=config.devices.private_headset)
    window.setScreen(screen)
    window.staff.configure(config.helpers, export_dir=config.helpers.export_dir or config.storage.data_dir / "exports")
    reader = devices.get("reader")
    if reader is not None:
        window.bridge.attach_reader(reader)
    if windowed or outreach:
        window.locked = False  # outreach: the laptop's desktop stays the helper's (no kiosk lock)
        window.resize(1280, 800)
        window.show()
        if outreach:
            from ui.outreach import OutreachMode

            window.outreach = OutreachMode(window, helper_idle_s=config.helpers.idle_minutes * 60)
        if windowed and hasattr(reader, "present"):
            from ui.dev_panel import DevPanel

            window.dev_panel = DevPanel(reader)
            window.dev_panel.show()
    else:
        window.setWindowFlag(Qt.FramelessWindowHint, True)
        # Kiosks often run without a window manager, which is what honours "full screen":
        # cover the configured screen ourselves as well.
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    window.systemd_watch = SystemdWatch(window)  # READY=1 once painted, watchdog keep-alives (packaged kiosk)
    for name in ("reader", "camera"):
        if devices.get(name) is not None:
            devices[name].start()
    return window


def shut_down(window: LockedWindow) -> None:
    """Stop the devices, let the store's worker finish, close the store."""
    window.systemd_watch.stopping()
    for name in ("reader", "camera"):
        if window.devices.get(name) is not None:
            window.devices[name].stop()
    if window.devices.get("speaker") is not None:
        window.devices["speaker"].close()
    window.tasks.wait()
    window.store.close()


def run_kiosk(config: Config, devices: dict, windowed: bool = False, outreach: bool = False) -> int:
    """Show the kiosk until the application quits; returns the exit code."""
    window = build_kiosk(config, devices, windowed, outreach)
    try:
        return QApplication.instance().exec()
    finally:
        shut_down(window)
