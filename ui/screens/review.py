"""Review: every answer with a 'change' link, the photos, and the submit button."""

from __future__ import annotations

import contextlib

from devices.speech.texts import spell_sensitive
from kiosk import screen_mask
from kiosk.messages import message_text
from ui import icons
from ui.keypad import grouped
from ui.proxy_parts import agent_rows
from ui.qt import QGridLayout, QHBoxLayout, QTimer, QWidget
from ui.screens.base import Context, Screen
from ui.widgets import button, label, scroll_page


# Answers read back only into a private headset (never on the open speaker), digit by digit.
SENSITIVE_TYPES = ("id_number", "mobile")
REVEAL_MS = 10_000  # how long "Show" shows a masked answer in full


class ReviewScreen(Screen):
    prompt_key = "review"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        session = self.session
        # Masked answers (label, masked text, full text) by field; one may be shown for REVEAL_MS.
        self._masked: dict[str, tuple] = {}
        self.revealed = ""
        self.reveal_timer = QTimer(self)
        self.reveal_timer.setSingleShot(True)
        self.reveal_timer.timeout.connect(self.mask_all)
        if self._read_back():
            self.prompt_key = "review.readback"  # personal: voice guidance never caches it
        self.layout_.addWidget(label(self.tr("Please check your answers."), t, 1.3, bold=True, name="heading"))
        table = QWidget()
        grid = QGridLayout(table)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(t.mm(3))
        grid.setVerticalSpacing(t.mm(2))
        stacked = t.elder or ctx.portrait
        row = 0
        bound = session.bound_fields()
        # A proxy visit: the agent first (from the agent's card, read-only), then the principal's application.
        agent = agent_rows(session)
        for field, value in agent + session.review_items():
            shown = self._display(field, value)
            if (field, value) in agent:
                change = label(self.tr("From the agent's card"), t, name=f"bound_{field.id}")
            elif field.id in bound:
                # Verified at the identity step: no "Change", and words saying why (not a greyed-out button).
                change = label(message_text(session.bound_note(), ctx.locale), t, name=f"bound_{field.id}")
            else:
                change = button(self.tr("Change"), t, lambda f=field.id: session.edit(f), name=f"edit_{field.id}",
                                accessible=self.tr("Change %1").replace("%1", self.text(field.label)))
            value_cell = self._value_cell(field, value, shown)
            if stacked:
                grid.addWidget(label(self.text(field.label), t, role="hint"), row, 0, 1, 2)
                grid.addWidget(value_cell, row + 1, 0)
                grid.addWidget(change, row + 1, 1)
                row += 2
            else:
                grid.addWidget(label(self.text(field.label), t, role="hint"), row, 0)
                grid.addWidget(value_cell, row, 1)
                grid.addWidget(change, row, 2)
                row += 1
        for field in session.service.photo_fields:
            taken = field.id in session.photos
            state = self.tr("✓ photo taken") if taken else self.tr("— no photo")
            change = button(self.tr("Change"), t, lambda f=field.id: session.edit(f), name=f"edit_{field.id}",
                            accessible=self.tr("Change %1").replace("%1", self.text(field.label)))
            grid.addWidget(label(self.text(field.label) + ": " + state, t), row, 0, 1, 1 if stacked else 2)
            grid.addWidget(change, row, 1 if stacked else 2)
            row += 1
        grid.setColumnStretch(0 if stacked else 1, 1)
        grid.setRowStretch(row, 1)  # spare height below the table, not spread between its rows
        self.layout_.addWidget(scroll_page(table, t), 1)
        if session.submit_error is not None:
            self.layout_.addWidget(label("⚠ " + self.submit_error_text(), t, role="error", name="submit_error"))
        self.layout_.addLayout(self.nav_row(session.back, self.tr("Submit"), ctx.submit, "submit", "submit"))

    def _value_cell(self, field, value: str, shown: str) -> QWidget:
        """The answer as shown: ID numbers, mobiles and addresses masked (kiosk/screen_mask.py), with a
        Show button that reveals that one for REVEAL_MS, then masks it again."""
        t = self.theme
        kind = screen_mask.kind(field)
        masked = screen_mask.mask(kind, value) if kind and value else shown
        text = label(masked, t, bold=True, name=f"value_{field.id}")
        if masked == shown:
            return text
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(t.mm(2))
        row.addWidget(text, 1)
        show = button(self.tr("Show"), t, lambda f=field.id: self.reveal(f), name=f"show_{field.id}",
                      accessible=self.tr("Show %1 for 10 seconds").replace("%1", self.text(field.label)),
                      icon=icons.action("show"))
        row.addWidget(show)
        self._masked[field.id] = (text, masked, shown)
        return cell

    def reveal(self, field_id: str) -> None:
        """Show one masked answer in full for REVEAL_MS; any other shown one is masked again first."""
        self.mask_all()
        text, _masked, shown = self._masked[field_id]
        text.setText(shown)
        text.setAccessibleName(shown)
        self.revealed = field_id
        self.reveal_timer.start(REVEAL_MS)

    def mask_all(self) -> None:
        self.reveal_timer.stop()
        for text, masked, _shown in self._masked.values():
            text.setText(masked)
            text.setAccessibleName(masked)
        self.revealed = ""

    def submit_error_text(self) -> str:
        """Why Submit was refused, naming the answer it is about (the review lists many)."""
        error = self.ctx.session.submit_error
        if error is None:
            return ""
        text = error.text(self.ctx.locale)
        field_id = getattr(error, "field", "")
        if field_id and self.ctx.session.service is not None:
            with contextlib.suppress(Exception):
                return f"{self.text(self.ctx.session.service.field(field_id).label)}: {text}"
        return text

    def _display(self, field, value: str) -> str:
        if field.type == "choice":
            for option in field.options:
                if option.value == value:
                    return self.text(option.label)
        if field.type in ("id_number", "mobile"):
            return grouped(field.type, value)
        return value or self.tr("(not given)")

    def _read_back(self) -> list[str]:
        """With a private headset (station config), the ID and mobile numbers spelled out in groups;
        on the open speaker nothing: the numbers are on the screen only."""
        if not self.ctx.private_headset:
            return []
        return [spell_sensitive(value, self.ctx.locale, private_headset=True, kind=field.type)
                for field, value in self.session.review_items() if field.type in SENSITIVE_TYPES and value]

    def prompt(self) -> str:
        text = self.tr("Please check your answers. Touch Change to correct one, or Submit when all is right.")
        return " ".join([text, *self._read_back()])
