"""Small building blocks every screen uses: labels, buttons, scrolling pages.

Every interactive widget gets an accessible name (QAccessible) from its text;
every text label wraps instead of eliding.
"""

from __future__ import annotations

from typing import Callable

from ui.qt import QFrame, QLabel, QPushButton, QScrollArea, QSizePolicy, Qt, QVBoxLayout, QWidget
from ui.theme import Theme


def label(text: str, theme: Theme, factor: float = 1.0, *, role: str = "", bold: bool = False,
          align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter, name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setFont(theme.font(factor, bold))
    widget.setAlignment(align)
    widget.setTextFormat(Qt.PlainText)
    widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(text)
    return widget


def button(text: str, theme: Theme, on_click: Callable[[], None] | None = None, *, primary: bool = False,
           factor: float = 1.0, name: str = "", accessible: str = "", checkable: bool = False) -> QPushButton:
    widget = QPushButton(text)
    widget.setFont(theme.font(factor, bold=primary))
    widget.setCursor(Qt.PointingHandCursor)
    widget.setFocusPolicy(Qt.StrongFocus)
    widget.setCheckable(checkable)
    if primary:
        widget.setProperty("role", "primary")
    if name:
        widget.setObjectName(name)
    widget.setAccessibleName(accessible or text)
    widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
    widget.setMinimumHeight(theme.mm(theme.target_mm))
    if on_click is not None:
        widget.clicked.connect(lambda _checked=False: on_click())
    return widget


def scroll_page(content: QWidget, theme: Theme) -> QScrollArea:
    """A page that scrolls with large scroll bars (tap, no gestures needed) when text is long."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    area.setAccessibleName("page")
    area.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
    return area


def column(*widgets: QWidget, spacing_mm: float = 3, theme: Theme | None = None) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    if theme is not None:
        layout.setSpacing(theme.mm(spacing_mm))
    for widget in widgets:
        layout.addWidget(widget)
    return holder
