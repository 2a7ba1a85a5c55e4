"""Queue: the applications on this kiosk by state, today's list, and opening one (with a reason).

The counts and the list hold nothing personal (number, service, time, state, guided or self-service).
"Open" first asks why (resident present, correction, audit); only after the reason is written to the
audit log is the record decrypted (kiosk/console_queue.py) and shown.  "Close" drops the shown record's
widgets at once.
"""

from __future__ import annotations

from kiosk import console_queue
from ui import icons
from ui.console.page import ConsolePage
from ui.qt import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget
from ui.widgets import button, clear_layout, label, scroll_page


class StateWords(QWidget):
    """The queue states in a helper's words (one translation context for the pages that show them)."""

    def words(self) -> dict[str, str]:
        return {"waiting": self.tr("waiting to be sent"), "sending": self.tr("being sent"),
                "sent": self.tr("sent today"), "set_aside": self.tr("set aside by the centre"),
                "failed": self.tr("sending failed, retrying"), "discarded": self.tr("discarded")}

    def line_state(self, state: str) -> str:
        return {"sent": self.tr("sent")}.get(state) or self.words().get(state, state)

    def reasons(self) -> dict[str, str]:
        return {"resident_present": self.tr("The resident is here"), "correction": self.tr("A correction"),
                "audit": self.tr("An audit")}


class QueuePage(ConsolePage):
    page_id = "queue"
    icon = "list-check"

    def title(self) -> str:
        return self.tr("Queue")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.words = StateWords()
        self.lines: list[console_queue.QueueLine] = []
        t = self.theme
        self.layout_.addWidget(label(self.tr("Applications on this kiosk"), t, 1.15, bold=True, name="queue_heading"))
        self.counts = QWidget()
        self.layout_.addWidget(self.counts)
        self.body = QWidget()
        self.body_box = QVBoxLayout(self.body)
        self.body_box.setContentsMargins(0, 0, 0, 0)
        self.body_box.setSpacing(t.mm(2))
        self.layout_.addWidget(scroll_page(self.body, t), 1)

    def refresh(self) -> None:
        self.ctx.run_store_task(lambda store: (console_queue.counts(store), console_queue.today(store)), self._show)

    def _show(self, result) -> None:
        counts, self.lines = result
        t, words = self.theme, self.words.words()
        clear_layout(self.counts)
        grid = QGridLayout(self.counts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(t.mm(2))
        columns = 2 if self.ctx.portrait else 3
        for index, (state, count) in enumerate(counts.as_dict().items()):
            grid.addWidget(label(f"{count}  {words[state]}", t, 1.0, role="notice", name=f"count_{state}"),
                           index // columns, index % columns)
        self._show_list()

    def _clear_body(self) -> None:
        clear_layout(self.body)
        self.body_box = QVBoxLayout(self.body)
        self.body_box.setContentsMargins(0, 0, 0, 0)
        self.body_box.setSpacing(self.theme.mm(2))

    def _show_list(self) -> None:
        self._clear_body()
        t = self.theme
        self.body_box.addWidget(label(self.tr("Today"), t, 1.05, bold=True, name="today_heading"))
        if not self.lines:
            self.body_box.addWidget(label(self.tr("No application yet today."), t, name="queue_empty"))
        for index, line in enumerate(self.lines):
            self.body_box.addWidget(self._row(index, line))
        self.body_box.addStretch(1)

    def _row(self, index: int, line: console_queue.QueueLine) -> QWidget:
        t = self.theme
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(t.mm(2))
        kind = self.tr("guided") if line.guided else self.tr("self-service")
        text = (f"{line.number} · {line.local_time()}\n"
                f"{self.ctx.service_title(line.service_id)} · {self.words.line_state(line.state)} · {kind}")
        box.addWidget(label(text, t, 1.0, role="notice", name=f"line_{index}"), 1)
        if line.state != "discarded":
            box.addWidget(button(self.tr("Open"), t, lambda i=index: self._ask_reason(i), name=f"open_{index}",
                                 icon=icons.action("show"), accessible=self.tr("Open %1").replace("%1", line.number)))
        return row

    # -- opening a record --------------------------------------------------------------------------

    def _ask_reason(self, index: int) -> None:
        line = self.lines[index]
        self._clear_body()
        t = self.theme
        self.body_box.addWidget(label(self.tr("Why are you opening %1?").replace("%1", line.number), t, 1.1,
                                      bold=True, name="reason_question"))
        self.body_box.addWidget(label(self.tr("Its personal data is shown only for a reason, and the reason is "
                                              "recorded with your helper number."), t, role="hint", name="reason_why"))
        for reason, words in self.words.reasons().items():
            self.body_box.addWidget(button(words, t, lambda r=reason: self._open(line, r), name=f"reason_{reason}"))
        self.body_box.addWidget(button(self.tr("Cancel"), t, self._show_list, name="reason_cancel", icon="xmark"))
        self.body_box.addStretch(1)

    def _open(self, line: console_queue.QueueLine, reason: str) -> None:
        helper = self.ctx.helper
        self.ctx.run_store_task(lambda store: console_queue.open_application(store, line.uuid, reason, helper),
                                self._show_record)

    def _show_record(self, record) -> None:
        self._clear_body()
        t = self.theme
        self.body_box.addWidget(label(self.tr("Application %1").replace("%1", record.number), t, 1.1, bold=True,
                                      name="record_heading"))
        self.body_box.addWidget(label(self.ctx.service_title(record.service_id), t, name="record_service"))
        if not record.answers:
            self.body_box.addWidget(label(self.tr("Its personal data is no longer on this kiosk (sent and purged, "
                                                  "or discarded)."), t, name="record_purged"))
        service = self._service(record.service_id)
        for field_id, value in record.answers.items():
            self.body_box.addWidget(label(f"{self._field_label(service, field_id)}: {self._value(service, field_id, value)}",
                                          t, name=f"record_{field_id}"))
        how = record.identity.get("method", "") if isinstance(record.identity, dict) else ""
        if how:
            self.body_box.addWidget(label(self.tr("Identity: %1").replace("%1", how), t, role="hint",
                                          name="record_identity"))
        for attachment in record.attachments:
            self.body_box.addWidget(label(self.tr("Photo: %1 (%2 KB)").replace("%1", self._field_label(
                service, attachment.name)).replace("%2", str(max(1, len(attachment.data) // 1024))), t, role="hint",
                name=f"record_photo_{attachment.name}"))
        self.body_box.addWidget(button(self.tr("Close"), t, self._close_record, primary=True, name="record_close",
                                       icon="xmark"))
        self.body_box.addStretch(1)

    def _close_record(self) -> None:
        self._show_list()  # the record's widgets go now, not when the page does

    def _service(self, service_id: str):
        catalog = self.ctx.extra.get("catalog")
        try:
            return catalog.service(service_id) if catalog is not None else None
        except Exception:  # noqa: BLE001 (a service the catalog no longer has: ids are shown instead)
            return None

    def _field_label(self, service, field_id: str) -> str:
        if service is not None:
            for field in service.fields:
                if field.id == field_id:
                    return field.label.get(self.ctx.locale)
        return field_id

    def _value(self, service, field_id: str, value) -> str:
        if service is not None:
            for field in service.fields:
                if field.id == field_id and field.options:
                    return next((o.label.get(self.ctx.locale) for o in field.options if o.value == value), str(value))
        return str(value)
