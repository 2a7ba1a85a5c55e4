"""The helper console's frame: who is signed in, the page list (icon and words), the chosen page.

Pages come from one registry, `ui.console.pages.PAGES` (ConsolePage subclasses); a supervisor-only
page is listed for supervisors only.  A page is built afresh each time it is chosen and dropped when
another is chosen or the console closes, so what one showed (an opened record) does not linger in a
hidden widget.  Across the top: the helper's name, number and role, "Start a guided application"
(the desk's `guided_start_requested`), "Back to resident screen" (the console closes, the helper stays
signed in) and "Sign out".  `ask_pin()` puts the PIN prompt in place of the page (supervisor
actions ask for the PIN again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ui import icons
from ui.console.page import ConsoleContext, ConsolePage
from ui.qt import QFrame, QGridLayout, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget, Qt, Signal
from ui.widgets import button, label


@dataclass
class DeskContext(ConsoleContext):
    """The ConsoleContext every page gets, with what this console's own pages need besides.

    Pages written against ConsoleContext alone (ui/console/page.py) work unchanged."""

    station_id: str = ""
    service_title: Callable[[str], str] = lambda service_id: service_id  # catalog title in the console's language
    export_dir: Path | None = None  # where Today's CSV goes
    # ask_pin(action, on_confirmed): the PIN prompt in place of the page; on_confirmed() after the right PIN
    ask_pin: Callable[[str, Callable[[], None]], None] = lambda action, on_confirmed: None
    desk: Any = None                # the ui.console.desk.StaffDesk: kiosk_action(), sign_out()
    sync_now: Callable[[], None] | None = None  # wakes the sync worker; None without a centre
    sync_status: Callable[[], Any] = lambda: None  # the latest kiosk.sync_status.SyncStatus
    extra: dict[str, Any] = field(default_factory=dict)


def icon_name(page: type[ConsolePage]) -> str:
    """A page's icon: an action key of ui/icons.py, or a Font Awesome name."""
    return icons.ACTIONS.get(page.icon, page.icon) if page.icon else "circle-info"


class ConsoleShell(QWidget):
    """The console: header, page list, page.  `show_page(page_id)` chooses a page; `page_built(page)`
    fires for each page built, before it loads (the desk connects page signals through it)."""

    page_built = Signal(object)

    def __init__(self, ctx: DeskContext, pages: list[type[ConsolePage]], *, on_sign_out: Callable[[], None],
                 on_back: Callable[[], None], on_guided: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("console")
        self.ctx, self.theme = ctx, ctx.theme
        self.pages = [page for page in pages if ctx.helper.is_supervisor or not page.supervisor_only]
        self.page: ConsolePage | None = None
        self.page_buttons: dict[str, QWidget] = {}
        t = self.theme
        outer = QVBoxLayout(self)
        outer.setContentsMargins(t.mm(3), t.mm(2), t.mm(3), t.mm(2))
        outer.setSpacing(t.mm(2))
        outer.addLayout(self._header(on_sign_out, on_back, on_guided))
        self.notice = label("", t, role="error", name="console_notice")
        self.notice.hide()
        outer.addWidget(self.notice)
        body = QHBoxLayout() if not ctx.portrait else QVBoxLayout()
        body.setSpacing(t.mm(3))
        body.addWidget(self._page_list())
        self.page_area = QVBoxLayout()
        self.page_area.setContentsMargins(0, 0, 0, 0)
        holder = QFrame()
        holder.setObjectName("console_page_area")
        holder.setLayout(self.page_area)
        body.addWidget(holder, 1)
        outer.addLayout(body, 1)

    def start(self) -> None:
        """Show the first page (after whoever listens to page_built has connected)."""
        if self.pages:
            self.show_page(self.pages[0].page_id)

    def _header(self, on_sign_out, on_back, on_guided) -> QVBoxLayout:
        t, helper = self.theme, self.ctx.helper
        role = self.tr("supervisor") if helper.is_supervisor else self.tr("helper")
        who = self.tr("%1 · helper %2 · %3").replace("%1", helper.name).replace("%2", helper.number).replace("%3", role)
        column = QVBoxLayout()
        column.setSpacing(t.mm(1.5))
        top = QHBoxLayout()
        top.setSpacing(t.mm(3))
        top.addWidget(label(self.tr("Helper console"), t, 1.2, bold=True, name="console_title"))
        self.who = label(who, t, 1.0, name="console_who")
        top.addWidget(self.who, 1)
        column.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(t.mm(2))
        row.addWidget(button(self.tr("Start a guided application"), t, on_guided, primary=True,
                             name="console_guided", icon="handshake-angle"))
        row.addWidget(button(self.tr("Back to resident screen"), t, on_back, name="console_back", icon="house"))
        row.addStretch(1)
        row.addWidget(button(self.tr("Sign out"), t, on_sign_out, name="console_sign_out",
                             icon="right-from-bracket"))
        column.addLayout(row)
        return column

    def _page_list(self) -> QWidget:
        t = self.theme
        holder = QWidget()
        holder.setObjectName("console_page_list")
        if self.ctx.portrait:  # a row of buttons over the page, wrapping into a grid
            grid = QGridLayout(holder)
            grid.setContentsMargins(0, 0, 0, 0)
            grid.setSpacing(t.mm(2))
            columns = 3
            for index, page in enumerate(self.pages):
                grid.addWidget(self._page_button(page), index // columns, index % columns)
            return holder
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(t.mm(2))
        for page in self.pages:
            box.addWidget(self._page_button(page))
        box.addStretch(1)
        area = QScrollArea()
        area.setObjectName("page")
        area.setWidget(holder)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        area.setMinimumWidth(holder.sizeHint().width() + t.mm(1))
        area.setMaximumWidth(holder.sizeHint().width() + t.mm(12))
        return area

    def _page_button(self, page: type[ConsolePage]) -> QWidget:
        widget = button(self._title_of(page), self.theme, lambda p=page.page_id: self.show_page(p),
                        name=f"console_open_{page.page_id}", checkable=True, icon=icon_name(page))
        self.page_buttons[page.page_id] = widget
        return widget

    def _title_of(self, page: type[ConsolePage]) -> str:
        # title() is an instance method (it translates with the page's own context): ask a bare instance.
        return page.title(page.__new__(page)) if "title" in page.__dict__ else page.page_id

    def show_notice(self, text: str) -> None:
        """A problem in words above the page (a store task failed); gone when another page is chosen."""
        shown = "⚠ " + text
        self.notice.setText(shown)
        self.notice.setAccessibleName(shown)
        self.notice.show()

    def action_words(self, action: str) -> str:
        """What a supervisor action is called on the PIN prompt."""
        return {"kiosk.exit": self.tr("leave the kiosk"), "kiosk.restart": self.tr("restart the kiosk"),
                "kiosk.shutdown": self.tr("shut the machine down")}.get(action, action)

    # -- pages --------------------------------------------------------------------------------------

    def show_page(self, page_id: str) -> ConsolePage | None:
        """Build page `page_id` afresh in place of the current one; refresh() loads what it shows."""
        cls = next((page for page in self.pages if page.page_id == page_id), None)
        if cls is None:
            return None
        self._drop_page()
        self.notice.hide()
        self.page = cls(self.ctx)
        self.page_built.emit(self.page)
        self.page_area.addWidget(self.page)
        for pid, widget in self.page_buttons.items():
            widget.setChecked(pid == page_id)
        self.page.refresh()
        return self.page

    def replace_page(self, widget: QWidget) -> None:
        """Put `widget` (the PIN prompt) where the page is, until show_page() is called again."""
        self._drop_page()
        self.page = widget
        self.page_area.addWidget(widget)

    def _drop_page(self) -> None:
        if self.page is not None:
            self.page_area.removeWidget(self.page)
            self.page.hide()
            self.page.setObjectName("retired")
            self.page.deleteLater()
            self.page = None

    def close_console(self) -> None:
        self._drop_page()
