"""Staff sign-in: helper number, then PIN, on the large keypad (a staff card skips the number).

The PIN shows as ● only; it is never spoken, never in an accessible name, never logged, and the
keypad is cleared the moment it is handed over for checking.  Checking (scrypt) runs on the store's
worker: `on_submit(number, pin, method)` is the desk's, which calls `show_refused()` or signs in.
A refusal says the same for an unknown number, a disabled helper and a wrong PIN; a lockout says
until when, in words.
"""

from __future__ import annotations

from typing import Callable

from ui import icons
from ui.keypad import Keypad
from ui.qt import QHBoxLayout, QVBoxLayout, QWidget, Qt
from ui.theme import Theme
from ui.widgets import button, label

NUMBER_DIGITS = 8  # helper numbers are 3 to 8 digits (kiosk/pin_rules.py)
PIN_DIGITS = 12
LARGER = 1.4  # the sign-in's text and keys are this much larger than the console's: a large keypad


def larger(theme: Theme, factor: float = LARGER) -> Theme:
    """`theme` with larger text and touch targets (within the theme's allowed scales)."""
    import dataclasses

    return dataclasses.replace(theme, scale=min(2.0, theme.scale * factor))


class SignInPanel(QWidget):
    """Two steps: "number" (skipped with a staff card) and "pin"; `state` says which is shown."""

    def __init__(self, theme: Theme, locale: str, portrait: bool,
                 on_submit: Callable[[str, str, str], None], on_cancel: Callable[[], None],
                 card_number: str = "") -> None:
        super().__init__()
        self.setObjectName("console_sign_in")
        self.theme, self.locale, self.portrait = larger(theme), locale, portrait
        self.on_submit, self.on_cancel = on_submit, on_cancel
        self.number = card_number
        self.method = "card" if card_number else "pin"
        self.state = ""
        self.keypad: Keypad | None = None
        self.layout_ = QVBoxLayout(self)
        margin = theme.mm(4)
        self.layout_.setContentsMargins(margin, theme.mm(3), margin, margin)
        self.layout_.setSpacing(theme.mm(3))
        self._show_pin() if card_number else self._show_number()

    # -- the two steps -------------------------------------------------------------------------------

    def _clear(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
            elif item.layout() is not None:
                _drop(item.layout())
        self.keypad = None

    def _build(self, kind: str, instruction: str, primary: str, on_primary: Callable[[], None],
               back: Callable[[], None] | None) -> None:
        t = self.theme
        self._clear()
        self.layout_.addStretch(1)  # the keypad in the middle of the screen, not at its top
        heading = label(self.tr("Staff sign-in"), t, 1.3, bold=True, name="sign_in_heading")
        self.instruction = label(instruction, t, 1.1, name="sign_in_instruction")
        self.error = label("", t, role="error", name="sign_in_error")
        self.error.hide()
        hint = self.hint = label(self.tr("After 5 wrong PINs a helper number is locked for 5 minutes."), t, 0.9,
                                 role="hint", name="sign_in_hint") if kind == "pin" else None
        wide = not self.portrait
        limit = PIN_DIGITS if kind == "pin" else NUMBER_DIGITS
        self.keypad = Keypad(kind, t, self.locale, max_length=limit, side_by_side=wide)
        self.keypad.setObjectName(f"{kind}_keypad")
        parts = [w for w in (heading, self.instruction, self.error, hint) if w is not None]
        if wide:
            for widget in parts:  # above the display, beside the keys
                self.keypad.add_above(widget)
            self.keypad.fit_width(t.mm(260))
        else:
            for widget in parts:
                self.layout_.addWidget(widget)
        self.layout_.addWidget(self.keypad, 0, Qt.AlignHCenter)
        self.layout_.addStretch(1)
        row = QHBoxLayout()
        row.setSpacing(t.mm(4))
        row.addWidget(button(self.tr("Cancel"), t, self.on_cancel, name="sign_in_cancel", icon="xmark"))
        if back is not None:
            row.addWidget(button(self.tr("‹ Helper number"), t, back, name="sign_in_back"))
        row.addStretch(1)
        self.primary = button(primary, t, on_primary, primary=True, name="sign_in_next",
                              icon=icons.action("next") if kind != "pin" else "right-to-bracket")
        row.addWidget(self.primary)
        self.layout_.addLayout(row)

    def _show_number(self) -> None:
        self.state = "number"
        self.method = "pin"
        self._build("digits", self.tr("Type your helper number."), self.tr("Next"), self._number_done, None)
        if self.number:
            self.keypad.set_value(self.number)

    def _show_pin(self) -> None:
        self.state = "pin"
        if self.method == "card":
            text = self.tr("Staff card of helper %1. Type your PIN.").replace("%1", self.number)
            back = None
        else:
            text = self.tr("Helper %1: type your PIN.").replace("%1", self.number)
            back = self._show_number
        self._build("pin", text, self.tr("Sign in"), self._pin_done, back)

    def spoken_prompt(self) -> str:
        """What voice guidance says when sign-in opens (never a number or a PIN)."""
        return self.tr("Staff sign-in.")

    # -- touches ---------------------------------------------------------------------------------

    def _number_done(self) -> None:
        typed = self.keypad.value
        if not 3 <= len(typed) <= NUMBER_DIGITS:
            self.show_error(self.tr("A helper number has 3 to 8 digits."))
            return
        self.number = typed
        self._show_pin()

    def _pin_done(self) -> None:
        pin = self.keypad.value
        self.keypad.clear()  # out of the widget before it is checked
        if not pin:
            self.show_error(self.tr("Please type your PIN."))
            return
        self.set_busy(True)
        self.on_submit(self.number, pin, self.method)

    def set_busy(self, busy: bool) -> None:
        """While the PIN is checked: say so, and take no second touch of Sign in."""
        if busy:
            self.error.hide()
            self.instruction.setText(self.tr("Checking…"))
        self.primary.setEnabled(not busy)

    def show_refused(self, text: str) -> None:
        """The PIN was not accepted (wrong, or the number is locked): say why, ready for another try."""
        self.set_busy(False)
        self._show_pin()
        self.show_error(text)

    def show_error(self, text: str) -> None:
        if getattr(self, "hint", None) is not None:
            self.hint.hide()  # the error says what matters now (a lockout says it all)
        shown = "⚠ " + text
        self.error.setText(shown)
        self.error.setAccessibleName(shown)
        self.error.show()


def _drop(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            _drop(item.layout())
