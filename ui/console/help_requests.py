"""Console page "Help requests": who called for a helper, when, and from which screen.

Open and acknowledged requests, who has waited longest first, each with its time in words ("3 minutes
ago · 14:05"), the screen the resident was on in words and the service.  "Acknowledge" tells the
resident who called: their screen says a helper is on the way, and the kiosk says it aloud in their
language (KioskWindow.help_acknowledged, reached through the help-request board even while this
console is shown over the resident's screen).  "Resolved" closes the request.  Both are audited with
the helper's number and sent on to the centre by the sync worker.  A new request appears at once
(the board tells this page); the times are brought up to date every half minute.
"""

from __future__ import annotations

import logging

from kiosk import help_requests
from kiosk.errors import CatalogError, KioskError
from kiosk.help_requests import HelpRequest
from ui.console.cards import button_row, card, card_style, show_feedback
from ui.console.page import ConsoleContext, ConsolePage
from ui.console.words import ConsoleWords
from ui.qt import QHBoxLayout, QTimer, QWidget, is_alive
from ui.widgets import button, column, label, scroll_page

log = logging.getLogger(__name__)
TICK_MS = 30_000  # "3 minutes ago" stays true


def service_title(ctx: ConsoleContext, service_id: str) -> str:
    """A service's name in the console's language, from the window's catalog ("" for none)."""
    if not service_id:
        return ""
    catalog = getattr(ctx, "catalog", None) or ctx.devices.get("catalog")
    if catalog is None:
        return service_id
    try:
        return catalog.service(service_id).title.get(ctx.locale)
    except CatalogError:  # a service the catalog no longer has: its id says enough
        return service_id


class HelpRequestsPage(ConsolePage):
    page_id = "help_requests"
    icon = "help"

    def __init__(self, ctx: ConsoleContext) -> None:
        super().__init__(ctx)
        self.setStyleSheet(card_style(self.theme))
        self.words = ConsoleWords()
        self.requests: list[HelpRequest] = []
        self.loaded = False
        self._when: dict[str, tuple[str, object]] = {}  # uuid → (time called, its label), kept up to date
        t = self.theme
        top = QHBoxLayout()
        top.addWidget(label(self.title(), t, 1.3, bold=True, name="page_title"), 1)
        self.count = label("", t, role="hint", name="help_count")
        top.addWidget(self.count)
        self.layout_.addLayout(top)
        self.feedback = label("", t, role="notice", name="help_feedback")
        self.feedback.hide()
        self.layout_.addWidget(self.feedback)
        self.list = column(theme=t, spacing_mm=2)
        self.list.setObjectName("help_list")
        self.layout_.addWidget(scroll_page(self.list, t), 1)
        self.board = ctx.devices.get("help_requests")
        if self.board is not None:
            listener = self._on_board  # one bound method, so the same one is removed
            board = self.board
            board.add_listener(listener)
            self.destroyed.connect(lambda *_: board.remove_listener(listener))
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()
        self.refresh()

    def title(self) -> str:
        return self.tr("Help requests")

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.ctx.run_store_task(lambda store: help_requests.active(store), self._loaded)

    def _loaded(self, requests: list[HelpRequest]) -> None:
        if not is_alive(self):
            return
        self.requests, self.loaded = list(requests), True
        self._render()

    def _on_board(self, event: str, request_uuid: str) -> None:
        if event == help_requests.REQUESTED and is_alive(self):
            self.refresh()

    # -- drawing -----------------------------------------------------------------------------

    def _render(self) -> None:
        layout = self.list.layout()
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self._when.clear()
        waiting = sum(request.state == help_requests.OPEN for request in self.requests)
        text = self.tr("%n waiting for a helper", "", waiting) if self.loaded else ""
        self.count.setText(text)
        self.count.setAccessibleName(text)
        if self.loaded and not self.requests:
            layout.addWidget(label(self.tr("No one has called for a helper."), self.theme, name="help_none"))
        for request in self.requests:
            layout.addWidget(self._card(request))
        layout.addStretch(1)

    def _card(self, request: HelpRequest) -> QWidget:
        t, words = self.theme, self.words
        state = (self.tr("Waiting for a helper") if request.state == help_requests.OPEN
                 else self.tr("Acknowledged by helper %1 at %2").replace("%1", request.acknowledged_by or "")
                 .replace("%2", words.clock(request.acknowledged_at or "")))
        frame, inside = card(t, state)
        when = label(self._called(request.at), t, 1.1, bold=True, name=f"help_when_{request.uuid}")
        self._when[request.uuid] = (request.at, when)
        inside.addWidget(when)
        where = words.screen(request.screen)
        service = service_title(self.ctx, request.service_id)
        inside.addWidget(label(self.tr("On: %1").replace("%1", f"{where} · {service}" if service else where), t,
                               name=f"help_screen_{request.uuid}"))
        inside.addWidget(label(state, t, role="hint", name=f"help_state_{request.uuid}"))
        row = button_row(t)
        if request.state == help_requests.OPEN:
            row.addWidget(button(self.tr("Acknowledge: tell the resident"), t,
                                 lambda uuid=request.uuid: self.acknowledge(uuid), primary=True,
                                 name=f"acknowledge_{request.uuid}"))
        row.addWidget(button(self.tr("Resolved"), t, lambda uuid=request.uuid: self.resolve(uuid),
                             name=f"resolve_{request.uuid}"))
        row.addStretch(1)
        inside.addLayout(row)
        return frame

    def _called(self, at: str) -> str:
        return self.tr("Called %1").replace("%1", self.words.when(at))

    def _tick(self) -> None:
        """Every half minute: "3 minutes ago" becomes "4 minutes ago" (only the words change, no button
        moves under a finger)."""
        for at, when in self._when.values():
            if is_alive(when):
                text = self._called(at)
                when.setText(text)
                when.setAccessibleName(text)

    def _say(self, text: str, role: str = "notice") -> None:
        show_feedback(self.feedback, text, role)

    # -- actions -----------------------------------------------------------------------------

    def acknowledge(self, request_uuid: str) -> None:
        """Record the acknowledgement (audited), then tell the resident who called."""
        number = self.ctx.helper.number
        self._busy(request_uuid)
        self._act(lambda store: help_requests.acknowledge(store, request_uuid, number), self._acknowledged)

    def resolve(self, request_uuid: str) -> None:
        number = self.ctx.helper.number
        self._busy(request_uuid)
        self._act(lambda store: help_requests.resolve(store, request_uuid, number), self._resolved)

    def _busy(self, request_uuid: str) -> None:
        """A second touch while the first is being recorded does nothing."""
        for name in (f"acknowledge_{request_uuid}", f"resolve_{request_uuid}"):
            found = self.findChild(QWidget, name)
            if found is not None:
                found.setEnabled(False)

    def _act(self, change, done) -> None:
        def run(store):
            try:
                return change(store)
            except KioskError as error:
                return error

        def finished(result) -> None:
            if not is_alive(self):
                return
            if isinstance(result, KioskError):
                self._say(result.text(self.ctx.locale), role="error")
            else:
                done(*result)
            self.refresh()

        self.ctx.run_store_task(run, finished)

    def _acknowledged(self, request: HelpRequest, changed: bool) -> None:
        told = self.board.publish(help_requests.ACKNOWLEDGED, request.uuid) if self.board is not None and changed \
            else False
        if not changed:
            self._say(self.tr("Someone has already answered this request."))
        elif told:
            self._say(self.tr("Acknowledged. The resident's screen now says a helper is on the way, and the kiosk "
                              "has said it aloud."))
        else:
            self._say(self.tr("Acknowledged. The resident who called has already finished at the kiosk, so "
                              "nothing was shown to them."))

    def _resolved(self, request: HelpRequest, changed: bool) -> None:
        if self.board is not None and changed:
            self.board.publish(help_requests.RESOLVED, request.uuid)
        self._say(self.tr("Resolved.") if changed else self.tr("This request was already resolved."))
