"""The header line above the top bar: the station's name, the date and time, and whether the kiosk is offline.

What a resident reads here is orientation, not a task: where they are, what time it
is, and (when the centre cannot be reached) that their application is safe on this
kiosk anyway, in words they understand, never the helpers' queue counts (those stay
in the helpers' line on the home screen, ui/sync_line.py).
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Callable

from kiosk.sync_status import SyncStatus
from ui import icons
from ui.qt import QHBoxLayout, QLabel, QLocale, Qt, QVBoxLayout, QWidget
from ui.theme import Theme
from ui.widgets import label

HEADER_FACTOR = 0.85  # small print in elder mode (tests/test_ui_layout.py SMALL_PRINT): orientation, not a task
OFFLINE_STATES = ("offline", "not_central", "stopped")  # applications wait on this kiosk in all three


@lru_cache(maxsize=4)
def _qt_locale(locale: str) -> QLocale:
    """Made once a language: the clock asks every second (a QLocale costs ~0.3 ms to make)."""
    return QLocale(QLocale.Chinese, QLocale.China) if locale == "zh_CN" else QLocale(QLocale.English)


def clock_text(now: _dt.datetime, locale: str) -> str:
    """'12月4日 星期五 14:20' / 'Fri 4 Dec 14:20': the date and time in the screen's language."""
    qt_locale = _qt_locale(locale)
    weekday = qt_locale.dayName(now.isoweekday(), QLocale.LongFormat if locale == "zh_CN" else QLocale.ShortFormat)
    if locale == "zh_CN":
        return f"{now.month}月{now.day}日 {weekday} {now:%H:%M}"
    return f"{weekday} {now.day} {qt_locale.monthName(now.month, QLocale.ShortFormat)} {now:%H:%M}"


def is_offline(status: SyncStatus | None) -> bool:
    """Whether residents should be told their application waits on this kiosk (unknown: not said)."""
    return status is not None and status.state in OFFLINE_STATES


class StationHeader(QWidget):
    def __init__(self, theme: Theme, station_name: str, locale: str,
                 now: Callable[[], _dt.datetime] = _dt.datetime.now, compact: bool = False) -> None:
        """`compact` (a tight panel, see ui/main_window.py): one line, the offline words in place of the
        station's name and the time while the centre is not reached (they matter more to a resident)."""
        super().__init__()
        self.setObjectName("station_header")
        self._locale, self._now, self.compact = locale, now, compact
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(theme.mm(1))
        row = QHBoxLayout()
        lines.addLayout(row)
        row.setSpacing(theme.mm(2))
        size = self._icon_size(theme)
        self.station_icon = self._icon(icons.action("station"), size, theme.colours.primary)
        row.addWidget(self.station_icon)
        self.station = label(station_name, theme, HEADER_FACTOR, role="hint", bold=True, name="header_station")
        self.station.setWordWrap(False)
        row.addWidget(self.station)
        self.clock = label("", theme, HEADER_FACTOR, role="hint", name="header_clock")
        self.clock.setWordWrap(False)
        row.addWidget(self.clock)
        self._row = row
        # On a line of its own: the words may need the whole width (a narrow panel, a large text).
        offline_row = row if compact else QHBoxLayout()
        if not compact:
            row.addStretch(1)
            offline_row.setSpacing(theme.mm(2))
            lines.addLayout(offline_row)
        self.offline_icon = self._icon(icons.action("offline"), size, theme.colours.text)
        offline_row.addWidget(self.offline_icon, 0, Qt.AlignTop)
        self.offline = label("", theme, HEADER_FACTOR if theme.elder else 1.0, bold=True, name="header_offline")
        offline_row.addWidget(self.offline, 1)
        if compact:
            row.addStretch(1)
        self.set_offline(False)
        self.translate(locale)

    def translate(self, locale: str) -> None:
        """The words and the date in `locale` (a language switch keeps the header: see KioskWindow)."""
        self._locale = locale
        text = self.tr("The network is down for now; applications are saved on this kiosk first")
        self.offline.setText(text)
        self.offline.setAccessibleName(text)
        self.update_clock()

    def restyle(self, theme: Theme) -> None:
        """The same header in another mode's theme (an elder-mode switch keeps the top bar: see KioskWindow)."""
        self.station.setFont(theme.font(HEADER_FACTOR, bold=True))
        self.clock.setFont(theme.font(HEADER_FACTOR))
        self.offline.setFont(theme.font(HEADER_FACTOR if theme.elder else 1.0, bold=True))
        size = self._icon_size(theme)
        for picture, name, colour in ((self.station_icon, "station", theme.colours.primary),
                                      (self.offline_icon, "offline", theme.colours.text)):
            picture.setPixmap(icons.pixmap(icons.action(name), size, colour))
            picture.setFixedSize(size, size)

    @staticmethod
    def _icon_size(theme: Theme) -> int:
        return theme.mm(theme.cap_height_mm * HEADER_FACTOR * 1.4)

    @staticmethod
    def _icon(name: str, size: int, colour: str) -> QLabel:
        picture = QLabel()
        picture.setProperty("icon", True)  # a picture that is nobody's data (the idle wipe's check knows it)
        picture.setPixmap(icons.pixmap(name, size, colour))
        picture.setFixedSize(size, size)
        return picture

    def add_right(self, widget: QWidget) -> None:
        """Put a widget at the right end of the name-and-clock line (where a portrait panel has room)."""
        self._row.addWidget(widget)

    def update_clock(self) -> None:
        """Show the time (called every second by the window's ticker; the text changes once a minute)."""
        text = clock_text(self._now(), self._locale)
        if text != self.clock.text():
            self.clock.setText(text)
            self.clock.setAccessibleName(text)

    def set_offline(self, offline: bool) -> None:
        self.offline.setVisible(offline)
        self.offline_icon.setVisible(offline)
        if self.compact:
            for widget in (self.station_icon, self.station, self.clock):
                widget.setVisible(not offline)
