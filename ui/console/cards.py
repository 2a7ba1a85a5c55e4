"""The framed card each console list shows one item in, and the rows inside it."""

from __future__ import annotations

from ui.qt import QFrame, QHBoxLayout, QLabel, QVBoxLayout
from ui.theme import Theme


def card_style(theme: Theme) -> str:
    """A page's own style for its cards (the window's sheet styles everything else)."""
    c = theme.colours
    return (f"QFrame#console_card {{ background: {c.background}; border: 2px solid {c.border};"
            f" border-radius: {theme.mm(2)}px; }}")


def card(theme: Theme, name: str) -> tuple[QFrame, QVBoxLayout]:
    """A framed card (its accessible name says what it is) and the column inside it."""
    frame = QFrame()
    frame.setObjectName("console_card")
    frame.setAccessibleName(name)
    column = QVBoxLayout(frame)
    margin = theme.mm(2.5)
    column.setContentsMargins(margin, margin, margin, margin)
    column.setSpacing(theme.mm(1.5))
    return frame, column


def button_row(theme: Theme) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(theme.mm(3))
    return row


def show_feedback(widget: QLabel, text: str, role: str = "notice") -> None:
    """Say what an action did (role "notice") or why it could not (role "error") in the page's feedback line."""
    widget.setText(text)
    widget.setAccessibleName(text)
    if widget.property("role") != role:
        widget.setProperty("role", role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.show()
