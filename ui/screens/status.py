"""Check progress: place the ID card, or type the last digits of the receipt number.

Shows only the number, service, date, status (and the centre's reason for a
rejection or a requested correction) of each application, never personal
data.  Look-ups run on the store's worker thread.
"""

from __future__ import annotations

from devices.card.reader import CardEvent, CardEventKind
from kiosk import app_number, receipts
from kiosk.errors import CatalogError
from ui.keypad import Keypad
from ui.screens.base import Context, Screen
from ui.widgets import column, label, scroll_page

#: every status an application can have on this kiosk: its own (queued, set_aside) and the centre's
STATUS_NAMES = ("queued", "set_aside", "sent", "incomplete", "received", "in_review", "approved", "rejected",
                "needs_correction", "corrected")


class StatusScreen(Screen):
    prompt_key = "status"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        self.keypad: Keypad | None = None
        results = self.session.status_results
        if results is not None or not ctx.tight:
            # (A tight panel asks at once: the keys need the heading's lines, and the words say what to do.)
            self.layout_.addWidget(label(self.tr("Check the progress of your applications"), t, 1.3, bold=True,
                                         name="heading"))
        if results is None:
            how = label(self._how_text(short=ctx.tight), t, name="how")
            # Landscape: the instructions and the display beside the keys, so every key fits a
            # 768-pixel-high panel in elder mode; portrait has the height for one column.
            wide = not ctx.portrait
            self.keypad = Keypad("digits", t, ctx.locale, max_length=app_number.TAIL_MAX, side_by_side=wide)
            self.keypad.setObjectName("number_keypad")
            if wide:
                self.keypad.add_above(how)
            else:
                self.layout_.addWidget(how)
            # Elder mode on a landscape panel: the text column takes the width left beside the keys.
            self.keypad.fit_width(t.mm(((400 if t.elder else 200) if wide else 150) * t.scale))
            self.layout_.addWidget(self.keypad)
            self.layout_.addStretch(1)
            self.layout_.addLayout(self.nav_row(self.session.back, self.tr("Look up"), self._by_number,
                                                next_name="look_up", next_icon="status"))
            bridge = ctx.devices.get("bridge")
            if bridge is not None:
                bridge.card_event.connect(self._on_card)
        else:
            # One framed block an application: number, service and date on the first line, its status
            # (and reason) below, so a long list still reads application by application.
            rows = [label(self._line(r), t, role="notice", name=f"result_{i}") for i, r in enumerate(results)]
            if not rows:
                rows = [label(self.tr("No application found. Applications sent more than a while ago may be "
                                      "known only at the service centre; please ask a helper."), t, name="none")]
            self.layout_.addWidget(scroll_page(column(*rows, theme=t), t), 1)
            self.layout_.addLayout(self.nav_row(self.session.back))

    def keep_typing(self) -> dict[str, str]:
        return {"number": self.keypad.value} if self.keypad is not None and self.keypad.value else {}

    def restore_typing(self, kept: dict[str, str]) -> None:
        if self.keypad is not None and "number" in kept:
            self.keypad.set_value(kept["number"])

    def _how_text(self, short: bool = False) -> str:
        """What to do (`short`: in fewer words, for beside the keys on a tight panel; the prompt says it all)."""
        if short:
            return self.tr("Place your ID card, show the receipt's QR code, or type the receipt's last 8 digits.")
        return self.tr("Place your ID card on the reader, show the receipt's QR code to the camera, or type "
                       "the last 8 digits of the number on your receipt (after the date).")

    def _service_title(self, service_id: str) -> str:
        try:
            return self.session.catalog.service(service_id).title.get(self.ctx.locale)
        except CatalogError:
            return service_id  # an old application of a service the catalog no longer has

    def _line(self, result: receipts.StatusLine) -> str:
        line = (f"{result.number} · {self._service_title(result.service_id)} · {result.created_at[:10]}\n"
                f"{self.status_text(result.status)}")
        reason = getattr(result, "reason", None)  # the QR look-up may still hand an older line without one
        if reason and result.status in ("rejected", "needs_correction"):
            line += "\n" + self.tr("Reason: %1").replace("%1", reason)
        return line

    def status_text(self, status: str) -> str:
        """A status in the resident's words and language (an unknown one is not shown raw)."""
        return {
            "queued": self.tr("saved on this kiosk, waiting to be sent"),
            "set_aside": self.tr("kept on this kiosk for a helper to check: please ask a helper"),
            "sent": self.tr("sent"),
            "incomplete": self.tr("being sent to the service centre"),
            "received": self.tr("received by the service centre"),
            "in_review": self.tr("being reviewed"),
            "approved": self.tr("approved"),
            "rejected": self.tr("not approved: please ask a helper"),
            "needs_correction": self.tr("needs a correction: please ask a helper"),
            "corrected": self.tr("corrected: replaced by a newer application"),
        }.get(status, self.tr("unknown: please ask a helper"))

    def _by_number(self) -> None:
        typed = self.keypad.value
        if app_number.parse_tail(typed) is None:
            text = self.tr("Please type all 8 digits.")
            self.keypad.set_check(text, error=True)  # in words, with ⚠, focused; and spoken
            self.ctx.say("error", text)
            return
        self._look_up(lambda store: [r for r in [receipts.status_by_tail(store, typed)] if r])

    def _on_card(self, event: CardEvent) -> None:
        if event.kind == CardEventKind.READ and event.card is not None and self.session.status_results is None:
            number = event.card.id_number
            self._look_up(lambda store: receipts.status_by_id_number(store, number))

    def _look_up(self, query) -> None:
        self.ctx.run_store_task(query, self.session.show_status)

    def prompt(self) -> str:
        if self.session.status_results is None:
            return self._how_text()
        return self.tr("%n application(s) found.", "", len(self.session.status_results))
