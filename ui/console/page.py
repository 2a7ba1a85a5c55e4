"""What every page of the helper console gets, and the base every page builds on.

The console is shown only while a helper is signed in (kiosk.staff.Helper).  Its pages are in
normal mode (helpers are not the residents the elder mode is for), in the station's language,
and never show a resident's personal data until the helper has given a reason (audited).
Store work runs on the window's store worker through `run_store_task`, never on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from kiosk.staff import Helper
from ui.qt import QVBoxLayout, QWidget
from ui.theme import Theme


@dataclass
class ConsoleContext:
    helper: Helper
    theme: Theme
    locale: str = "zh_CN"
    devices: dict[str, Any] = field(default_factory=dict)  # the window's devices (bridge, camera, speaker, ...)
    portrait: bool = False
    say: Callable[[str, str], None] = lambda key, text: None  # (prompt key, text) → speech
    # query(store) on the store's serial worker; done(result) back on the GUI thread
    run_store_task: Callable[[Callable[[Any], Any], Callable[[Any], None]], None] = lambda query, done: None
    # blocking work that is not store work (devices, images); done(result) on the GUI thread
    run_task: Callable[[Callable[[], Any], Callable[[Any], None]], None] = lambda func, done: done(func())


class ConsolePage(QWidget):
    """Base of every console page: a vertical layout, a stable id and a title for the page list."""

    #: stable id: the gallery saves the page as console_<page_id>, tests find it by this name
    page_id = "page"
    #: ui/icons.py action name shown beside the title in the console's page list
    icon = ""
    #: only a supervisor sees this page
    supervisor_only = False

    def __init__(self, ctx: ConsoleContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.theme = ctx.theme
        self.setObjectName(f"console_{self.page_id}")
        self.layout_ = QVBoxLayout(self)
        margin = self.theme.mm(3)
        self.layout_.setContentsMargins(margin, margin, margin, margin)
        self.layout_.setSpacing(self.theme.mm(2))

    def title(self) -> str:
        """The page's name in the console's page list, translated (self.tr)."""
        return self.page_id

    def refresh(self) -> None:
        """Load what the page shows afresh (on the store worker); called each time the page is shown."""
