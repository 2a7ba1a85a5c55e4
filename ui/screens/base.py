"""What every screen gets: the session, the theme, the locale, and the window's services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kiosk.session import Session
from ui.qt import QHBoxLayout, QVBoxLayout, QWidget
from ui.theme import Theme
from ui.widgets import button


@dataclass
class Context:
    session: Session
    theme: Theme
    station_name: str = ""
    say: Callable[[str, str], None] = lambda key, text: None  # (prompt key, text) → voice guidance
    submit: Callable[[], None] = lambda: None                # commits off the GUI thread
    devices: dict[str, Any] = field(default_factory=dict)    # configured devices from the composition root
    portrait: bool = False
    receipt_outcome: str = ""  # printed / saved / print_failed
    private_headset: bool = False  # station config: sensitive numbers may be read back digit by digit
    run_store_task: Callable[[Callable[[Any], Any], Callable[[Any], None]], None] = lambda query, done: None
    run_task: Callable[[Callable[[], Any], Callable[[Any], None]], None] = lambda func, done: done(func())

    @property
    def locale(self) -> str:
        return self.session.locale


class Screen(QWidget):
    """Base of every screen: a vertical layout and a row of navigation buttons."""

    #: key of the spoken prompt (voice guidance) for this screen
    prompt_key = "screen"

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.theme = ctx.theme
        self.session = ctx.session
        self.layout_ = QVBoxLayout(self)
        margin = self.theme.mm(4)
        self.layout_.setContentsMargins(margin, margin, margin, margin)
        self.layout_.setSpacing(self.theme.mm(3))

    def prompt(self) -> str:
        """What voice guidance says when this screen appears."""
        return ""

    def keep_typing(self) -> dict[str, str]:
        """Before this screen is built again in another language or mode: what the resident typed here
        and the session does not hold, for `restore_typing` on the new screen (nothing by default)."""
        return {}

    def restore_typing(self, kept: dict[str, str]) -> None:
        """Put back on this new screen what the one it replaces handed over with `keep_typing`."""

    def nav_row(self, back: Callable[[], None] | None, next_text: str = "", on_next: Callable[[], None] | None = None,
                next_name: str = "next") -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(self.theme.mm(4))
        if back is not None:
            row.addWidget(button(self.tr("‹ Back"), self.theme, back, name="back", accessible=self.tr("Back")))
        row.addStretch(1)
        if on_next is not None:
            row.addWidget(button(next_text, self.theme, on_next, primary=True, name=next_name))
        return row

    def text(self, localised) -> str:
        """A catalog text in the screen's language."""
        return localised.get(self.ctx.locale)
