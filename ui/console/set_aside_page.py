"""Set aside by the centre: why, in words, and what a helper can do: retry now, or discard with a reason.

"Correct and resend" opens the form pre-filled with the resident present (the desk relays
`correct_requested(uuid)` to KioskWindow.start_correction, ui/assisted.py); the corrected application
is a new one linked to the old one (`corrects`), which the centre sees.  Discarding asks for a reason from a short list (the audit
log is in clear: no free text) and says that the application's personal data is deleted.
"""

from __future__ import annotations

import datetime as _dt

from kiosk import set_aside
from ui import icons
from ui.console.page import ConsolePage
from ui.qt import QHBoxLayout, QVBoxLayout, QWidget, Signal
from ui.widgets import button, clear_layout, label, scroll_page


class SetAsidePage(ConsolePage):
    page_id = "set_aside"
    icon = "triangle-exclamation"
    correct_requested = Signal(str)  # the application's uuid: "Correct and resend" (the desk starts the correction)

    def title(self) -> str:
        return self.tr("Set aside")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.entries: list[set_aside.SetAside] = []
        t = self.theme
        self.layout_.addWidget(label(self.tr("Set aside by the centre"), t, 1.15, bold=True, name="set_aside_heading"))
        self.done = label("", t, role="notice", name="set_aside_done")
        self.done.hide()
        self.layout_.addWidget(self.done)
        self.body = QWidget()
        self.layout_.addWidget(scroll_page(self.body, t), 1)
        self.body_box = QVBoxLayout(self.body)

    def refresh(self) -> None:
        self.ctx.run_store_task(set_aside.entries, self._show)

    def _box(self) -> QVBoxLayout:
        clear_layout(self.body)
        self.body_box = QVBoxLayout(self.body)
        self.body_box.setContentsMargins(0, 0, 0, 0)
        self.body_box.setSpacing(self.theme.mm(2))
        return self.body_box

    def _show(self, entries: list[set_aside.SetAside]) -> None:
        self.entries = entries
        box, t = self._box(), self.theme
        if not entries:
            box.addWidget(label(self.tr("Nothing is set aside. Applications the centre refuses wait here for a "
                                        "helper, without holding up the others."), t, name="set_aside_empty"))
        for index, entry in enumerate(entries):
            when = _dt.datetime.fromisoformat(entry.set_aside_at).astimezone().strftime("%m-%d %H:%M") \
                if entry.set_aside_at else ""
            text = (f"{entry.number} · {self.ctx.service_title(entry.service_id)} · "
                    + self.tr("set aside %1").replace("%1", when) + "\n" + entry.reason(self.ctx.locale))
            box.addWidget(label(text, t, role="notice", name=f"entry_{index}"))
            row = QHBoxLayout()
            row.setSpacing(t.mm(3))
            row.addWidget(button(self.tr("Correct and resend"), t,
                                 lambda u=entry.uuid: self.correct_requested.emit(u), primary=True,
                                 name=f"correct_{index}", icon="pen-to-square"))
            row.addWidget(button(self.tr("Retry now"), t, lambda i=index: self._retry(i), name=f"retry_{index}",
                                 icon="rotate-right"))
            row.addWidget(button(self.tr("Discard…"), t, lambda i=index: self._ask_discard(i),
                                 name=f"discard_{index}", icon="trash-can"))
            row.addStretch(1)
            box.addLayout(row)
        box.addStretch(1)

    def _say_done(self, text: str) -> None:
        self.done.setText(text)
        self.done.setAccessibleName(text)
        self.done.show()

    def _retry(self, index: int) -> None:
        entry, helper = self.entries[index], self.ctx.helper

        def done(_=None) -> None:
            sync_now = getattr(self.ctx, "sync_now", None)
            if sync_now is not None:
                sync_now()
            self._say_done(self.tr("%1 is back in the queue and will be sent again.").replace("%1", entry.number))
            self.refresh()

        self.ctx.run_store_task(lambda store: set_aside.retry(store, entry.uuid, helper), done)

    def reason_words(self) -> dict[str, str]:
        return {"duplicate": self.tr("It is a duplicate"), "withdrawn": self.tr("The resident withdrew it"),
                "cannot_correct": self.tr("It cannot be corrected"), "test": self.tr("It was a test")}

    def _ask_discard(self, index: int) -> None:
        entry = self.entries[index]
        box, t = self._box(), self.theme
        self.done.hide()
        box.addWidget(label(self.tr("Discard %1?").replace("%1", entry.number), t, 1.1, bold=True,
                            name="discard_question"))
        box.addWidget(label(self.tr("It will never be sent, and its personal data is deleted from this kiosk. "
                                    "The reason is recorded with your helper number."), t, name="discard_warning"))
        for reason, words in self.reason_words().items():
            box.addWidget(button(words, t, lambda r=reason: self._discard(entry, r), name=f"discard_{reason}"))
        box.addWidget(button(self.tr("Cancel"), t, lambda: self._show(self.entries), name="discard_cancel",
                             icon=icons.action("back")))
        box.addStretch(1)

    def _discard(self, entry: set_aside.SetAside, reason: str) -> None:
        helper = self.ctx.helper

        def done(number: str) -> None:
            self._say_done(self.tr("%1 was discarded.").replace("%1", number))
            self.refresh()

        self.ctx.run_store_task(lambda store: set_aside.discard(store, entry.uuid, reason, helper), done)
