"""Who is helping, on every screen of a visit a station helper leads: "工作人员 张三（H001）正在协助您".

The resident (and whoever stands behind them) always sees that a helper is involved, by name and
number; in a proxy visit it says that an agent applies, and in a correction that an application is
being corrected.  It sits on the station header's line, where the clock is while nobody helps, so it
costs the resident's task no height: a line of its own pushed elder-mode keypads off a 768-pixel-high
panel, and in the top bar's row (between its buttons) an English line had no room in elder mode.
The window makes a new one with each top bar (ui/main_window.py) and refreshes it after every change.
"""

from __future__ import annotations

from kiosk.session import Session
from ui import icons
from ui.qt import QHBoxLayout, QLabel, QSizePolicy, Qt, QWidget
from ui.station_header import HEADER_FACTOR, StationHeader
from ui.theme import Theme
from ui.widgets import label

BANNER_ICON = "user-tie"


class GuidedBanner(QWidget):
    def __init__(self, theme: Theme, header: StationHeader) -> None:
        super().__init__()
        self.setObjectName("guided_banner_box")
        self.header = header
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        self.icon.setProperty("icon", True)  # a picture that is nobody's data (the idle wipe's check knows it)
        self.text = label("", theme, HEADER_FACTOR, role="hint", bold=True, name="guided_banner")
        self.text.setWordWrap(False)  # one line, as the header's others
        # Never wider than the header leaves it (a large text scale on a tight panel): the words are elided
        # to the room there is, the full sentence stays its accessible name.
        self.text.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.full_words = ""
        row.addWidget(self.icon, 0, Qt.AlignVCenter)
        row.addWidget(self.text, 1)
        self.restyle(theme)
        self.hide()
        header.add_right(self)

    def restyle(self, theme: Theme) -> None:
        """The mode's sizes: built with the top bar, and again on an elder-mode switch (the top bar keeps its
        widgets then, ui/main_window.py _restyle_top_bar)."""
        self.layout().setSpacing(theme.mm(1.5))
        size = theme.mm(theme.cap_height_mm * HEADER_FACTOR * 1.4)
        self.icon.setPixmap(icons.pixmap(BANNER_ICON, size, theme.colours.primary))
        self.icon.setFixedSize(size, size)
        self.text.setFont(theme.font(HEADER_FACTOR, bold=True))

    def refresh(self, session: Session) -> None:
        """Say who helps, in the session's language, or hide when nobody leads the visit."""
        words = self.words(session)
        if words != self.full_words:
            self.full_words = words
            self.text.setAccessibleName(words)
            self._fit_words()
        self.setVisible(bool(words))
        self.header.clock.setVisible(not words)  # the clock gives its room while a helper helps

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_words()

    def sizeHint(self):  # noqa: N802 (Qt name): what the whole sentence would take, for a header with room
        hint = super().sizeHint()
        hint.setWidth(self.icon.width() + self.layout().spacing()
                      + self.text.fontMetrics().horizontalAdvance(self.full_words) + 2)
        return hint

    def _fit_words(self) -> None:
        room = self.text.width()
        words = self.full_words
        if room > 0 and self.text.fontMetrics().horizontalAdvance(words) > room:
            words = self.text.fontMetrics().elidedText(words, Qt.ElideRight, room)
        if words != self.text.text():
            self.text.setText(words)

    def words(self, session: Session) -> str:
        help_ = session.assistance
        if help_ is None:
            return ""
        if help_.is_proxy:
            who = self.tr("Proxy · helper %1 (%2)")
        elif session.correction is not None or session.corrected_number:
            who = self.tr("Correction · helper %1 (%2)")
        else:
            who = self.tr("Helper %1 (%2) is helping you")
        return who.replace("%1", help_.helper_name or help_.helper_number).replace("%2", help_.helper_number)
