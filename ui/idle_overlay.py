"""The idle warning: over everything below the top bar, the seconds left and a large "I am still here".

Below the top bar, so Repeat and Call a helper stay in reach during the warning.
It also decides which moments of the countdown are spoken: its start, then each
mark in SPOKEN_COUNTDOWN once (whatever the one-second timer's jitter).
"""

from __future__ import annotations

from kiosk.session import Session
from ui.qt import QFrame, QVBoxLayout, QWidget, Qt
from ui.theme import Theme
from ui.widgets import button, clear_layout, label

# Seconds left at which the countdown is spoken again (besides its start).
SPOKEN_COUNTDOWN = (10,)


class IdleOverlay(QFrame):
    def __init__(self, window: QWidget, top_bar: QWidget, session: Session) -> None:
        super().__init__(window)
        self.setObjectName("overlay")
        self.hide()
        self.top_bar, self.session = top_bar, session
        self.countdown = None
        self._said: set[int] = set()  # marks already spoken in this warning
        self._theme: Theme | None = None  # the theme to build with when the warning next shows

    def build(self, theme: Theme) -> None:
        """Build with `theme` when the warning next shows (most visits end without one: building it on every
        language or mode switch cost ~1 ms of the switch)."""
        self._theme = theme
        if self.isVisible():
            self.refresh()

    def _build(self, theme: Theme) -> None:
        clear_layout(self)
        box = QVBoxLayout(self)
        pad = theme.mm(8)
        box.setContentsMargins(pad, pad, pad, pad)
        box.setSpacing(theme.mm(4))
        box.addStretch(1)
        box.addWidget(label(self.tr("Are you still there?"), theme, 1.4, bold=True, align=Qt.AlignCenter))
        self.countdown = label("", theme, 1.2, align=Qt.AlignCenter, name="countdown")
        box.addWidget(self.countdown)
        box.addWidget(button(self.tr("I am still here"), theme, self.session.still_here, primary=True, factor=1.3,
                             name="still_here"))
        box.addStretch(1)

    def place(self) -> None:
        """Everything of the window below the top bar."""
        rect = self.parentWidget().rect()
        rect.setTop(min(self.top_bar.geometry().bottom() + 1, rect.bottom()))
        self.setGeometry(rect)

    def refresh(self) -> None:
        """Shown with the seconds left while the session warns; hidden otherwise."""
        warning = self.session.warning_since is not None
        if warning and self._theme is not None:
            self._build(self._theme)
            self._theme = None
        if warning and self.countdown is not None:
            seconds = int(round(self.session.countdown_left()))
            text = self.tr("This session will end in %n seconds to protect your privacy.", "", seconds)
            self.countdown.setText(text)
            self.countdown.setAccessibleName(text)
            self.place()
            self.raise_()
        self.setVisible(warning)

    def due_to_speak(self, started: bool) -> bool:
        """Whether to speak the warning now: at its start (`started`), or once a mark is crossed."""
        left = self.session.countdown_left()
        crossed = {mark for mark in SPOKEN_COUNTDOWN if left <= mark}
        if started:
            self._said = crossed
            return True
        due = crossed - self._said
        self._said |= due
        return bool(due)

    def reset(self) -> None:
        self._said.clear()

    def warning_text(self) -> str:
        """What the warning says: the question, the seconds left, and what to touch."""
        return " ".join((self.tr("Are you still there?"), self.countdown.text() if self.countdown else "",
                         self.tr("Touch “I am still here” to continue.")))
