"""The PIN asked again before a supervisor's action (leave, restart, shut down the kiosk).

Shown in place of the console's page.  Like sign-in: ● for each digit, never spoken, the keypad
cleared as soon as the PIN is handed over; wrong PINs count towards the same lockout (kiosk/sign_in.py),
and a lock signs the helper out.
"""

from __future__ import annotations

from typing import Callable

from ui import icons
from ui.keypad import Keypad
from ui.qt import QHBoxLayout, QVBoxLayout, QWidget
from ui.theme import Theme
from ui.widgets import button, label


class PinPrompt(QWidget):
    def __init__(self, theme: Theme, locale: str, portrait: bool, what: str,
                 on_pin: Callable[[str], None], on_cancel: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("console_pin_prompt")
        from ui.console.sign_in import larger

        self.on_pin = on_pin
        t = larger(theme, 1.25)
        box = QVBoxLayout(self)
        box.setContentsMargins(t.mm(3), t.mm(3), t.mm(3), t.mm(3))
        box.setSpacing(t.mm(2))
        heading = label(self.tr("Type your PIN again to confirm: %1").replace("%1", what), t, 1.15, bold=True,
                        name="pin_prompt_heading")
        self.error = label("", t, role="error", name="pin_prompt_error")
        self.error.hide()
        self.keypad = Keypad("pin", t, locale, max_length=12, side_by_side=not portrait)
        self.keypad.setObjectName("pin_keypad")
        if portrait:
            box.addWidget(heading)
            box.addWidget(self.error)
        else:
            self.keypad.add_above(heading)
            self.keypad.add_above(self.error)
            self.keypad.fit_width(t.mm(160))
        box.addWidget(self.keypad)
        box.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(t.mm(4))
        row.addWidget(button(self.tr("Cancel"), t, on_cancel, name="pin_prompt_cancel", icon="xmark"))
        row.addStretch(1)
        self.confirm = button(self.tr("Confirm"), t, self._confirm, primary=True, name="pin_prompt_confirm",
                              icon=icons.action("done"))
        row.addWidget(self.confirm)
        box.addLayout(row)

    def _confirm(self) -> None:
        pin = self.keypad.value
        self.keypad.clear()
        if not pin:
            self.show_error(self.tr("Please type your PIN."))
            return
        self.confirm.setEnabled(False)
        self.on_pin(pin)

    def show_error(self, text: str) -> None:
        self.confirm.setEnabled(True)
        shown = "⚠ " + text
        self.error.setText(shown)
        self.error.setAccessibleName(shown)
        self.error.show()
