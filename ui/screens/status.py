"""Check progress: place the ID card, or type the last digits of the receipt number.

Shows only the number, service, date and status of each application, never
personal data.  Look-ups run on the store's worker thread.
"""

from __future__ import annotations

from devices.card_reader import CardEvent, CardEventKind
from kiosk import applications
from ui.keypad import Keypad
from ui.screens.base import Context, Screen
from ui.widgets import button, column, label, scroll_page

STATUS_NAMES = ("queued", "sent", "received", "in_review", "approved", "rejected", "needs_correction")


class StatusScreen(Screen):
    prompt_key = "status"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        self.layout_.addWidget(label(self.tr("Check the progress of your applications"), t, 1.3, bold=True,
                                     name="heading"))
        results = self.session.status_results
        if results is None:
            self.layout_.addWidget(label(self.tr("Place your ID card on the reader, show the receipt's QR code to "
                                                 "the camera, or type the last 8 digits of the number on your "
                                                 "receipt (after the date)."), t))
            self.keypad = Keypad("digits", t, ctx.locale, max_length=8)
            self.keypad.setObjectName("number_keypad")
            self.keypad.setMaximumWidth(t.mm(110))
            self.layout_.addWidget(self.keypad)
            self.layout_.addWidget(button(self.tr("Look up"), t, self._by_number, primary=True, name="look_up"))
            bridge = ctx.devices.get("bridge")
            if bridge is not None:
                bridge.card_event.connect(self._on_card)
        else:
            rows = [label(self._line(r), t, name=f"result_{i}") for i, r in enumerate(results)]
            if not rows:
                rows = [label(self.tr("No application found. Applications sent more than a while ago may be "
                                      "known only at the service centre; please ask a helper."), t, name="none")]
            self.layout_.addWidget(scroll_page(column(*rows, theme=t), t), 1)
        self.layout_.addStretch(1)
        self.layout_.addLayout(self.nav_row(self.session.back))

    def _line(self, result: applications.StatusLine) -> str:
        service = self.session.catalog.service(result.service_id).title.get(self.ctx.locale)
        return f"{result.number} · {service} · {result.created_at[:10]} · {self._status_text(result.status)}"

    def _status_text(self, status: str) -> str:
        return {"queued": self.tr("saved on this kiosk, waiting to be sent"), "sent": self.tr("sent"),
                "received": self.tr("received by the service centre"), "in_review": self.tr("being reviewed"),
                "approved": self.tr("approved"), "rejected": self.tr("not approved: please ask a helper"),
                "needs_correction": self.tr("needs a correction: please ask a helper")}.get(status, status)

    def _by_number(self) -> None:
        digits = self.keypad.value
        if len(digits) != 8:
            self.keypad.set_check(self.tr("Please type all 8 digits."))
            return
        sequence, check = int(digits[:6]), digits[6:]
        self._look_up(lambda store: [r for r in [applications.find_by_sequence(store, sequence, check)] if r])

    def _on_card(self, event: CardEvent) -> None:
        if event.kind == CardEventKind.READ and event.card is not None and self.session.status_results is None:
            number = event.card.id_number
            self._look_up(lambda store: applications.find_by_id_number(store, number))

    def _look_up(self, query) -> None:
        self.ctx.run_store_task(query, self.session.show_status)

    def prompt(self) -> str:
        if self.session.status_results is None:
            return self.tr("Place your ID card on the reader, show the receipt's QR code to the camera, or type "
                           "the last 8 digits of the number on your receipt (after the date).")
        return self.tr("%n application(s) found.", "", len(self.session.status_results))
