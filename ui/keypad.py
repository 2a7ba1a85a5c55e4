"""Large on-screen keypads for ID numbers, phone numbers, dates, digits and a helper's PIN.

No system keyboard on the resident's path.  The display groups what was
typed (ID 6-8-4, mobile 3-4-4, date YYYY-MM-DD) and an ID number's check
digit is verified as soon as the 18th character is typed.
"""

from __future__ import annotations

from ui.qt import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget, Qt, Signal
from ui.theme import Theme
from ui.widgets import button, label

LIMITS = {"id_number": 18, "mobile": 11, "date": 8, "digits": 19, "pin": 12}
MASK = "●"  # what a PIN's display shows for each digit typed (kind "pin": the digits are never shown)
GROUPS = {"id_number": (6, 8, 4), "mobile": (3, 4, 4), "date": (4, 2, 2)}


def grouped(kind: str, value: str) -> str:
    """Show `value` in groups: 110105 19491231 002X, 138 0013 8000, 1956-03-08."""
    groups = GROUPS.get(kind)
    if not groups:
        return value
    parts, start = [], 0
    for size in groups:
        if start < len(value):
            parts.append(value[start:start + size])
        start += size
    return ("-" if kind == "date" else " ").join(parts)


def masked(kind: str, value: str) -> str:
    """What the display shows: the typed digits in their groups and, for a date or a mobile number,
    blanks for the rest (2020-01-__), so the resident sees what is asked and how much is left.
    A PIN shows one ● a digit, never the digits."""
    if kind == "pin":
        return MASK * len(value) or "—"
    if kind not in ("date", "mobile"):
        return grouped(kind, value) or "—"
    return grouped(kind, value + "_" * (LIMITS[kind] - len(value)))


class Keypad(QWidget):
    """Digits (and X for ID numbers), delete and clear; emits `changed` with the raw value."""

    changed = Signal(str)

    def __init__(self, kind: str, theme: Theme, locale: str, value: str = "", parent: QWidget | None = None,
                 max_length: int | None = None, side_by_side: bool = False) -> None:
        super().__init__(parent)
        self.kind, self.theme, self.locale = kind, theme, locale
        self.limit = max_length or LIMITS.get(kind, 19)
        self.value = self._clean(value)
        # Always a row: [display column (with the keys under it, stacked), keys (side by side), stretch].
        # The column's maximum width (fit_width) then holds in the height-for-width sums as well (a row
        # shares its width out under each item's maximum; a column does not), so wrapped lines get the
        # height they need instead of squeezing the keys.
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(theme.mm(4))
        self.side_by_side = side_by_side
        # The display's column (a question and its help can go above the display).
        self.side_box = QWidget()
        layout = QVBoxLayout(self.side_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.mm(2))
        outer.addWidget(self.side_box, 1)
        self.side = layout
        self._lead = 0
        # Larger than the words round it; a little less so on a tight panel, where a long number (a bank
        # card's 19 digits) beside the keys would not fit the panel's width at 1.3.
        self.display = label("", theme, 1.15 if theme.tight else 1.3, bold=True, align=Qt.AlignCenter,
                             name="keypad_display")
        self.display.setProperty("role", "notice")
        self.display.setTextInteractionFlags(Qt.NoTextInteraction)
        # One line, wide enough for the longest value: a number broken over lines is hard to check.
        self.display.setWordWrap(False)
        longest = grouped(kind, "8" * (self.limit - 1) + ("X" if kind == "id_number" else "8"))
        box = 2 * (theme.padding_px + theme.border_px())
        self.display.setMinimumWidth(self.display.fontMetrics().horizontalAdvance(longest) + box)
        layout.addWidget(self.display)
        self.check = label("", theme, 1.0, role="hint", align=Qt.AlignCenter, name="keypad_check")
        self.check.setVisible(kind == "id_number")  # other kinds show it only when there is something to say
        layout.addWidget(self.check)
        grid = QGridLayout()
        grid.setSpacing(theme.mm(2))
        if side_by_side:
            self._side_by_side_keys(grid, theme)
            layout.addStretch(1)  # the display keeps its height at the top of its column
            outer.addLayout(grid, 0)
        else:
            self._stacked_keys(grid, theme)
            layout.addLayout(grid, 1)
        if not side_by_side:  # (side by side, room left over widens the keys: see _side_by_side_keys)
            outer.addStretch(0)  # room left over goes to the right, not between the lines or keys
        self._refresh()

    def _digit_keys(self, theme: Theme) -> list[tuple[int, QPushButton]]:
        """(position in a 3x4 phone grid, key) for the digits, and X for an ID number (left of the 0)."""
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X" if self.kind == "id_number" else "", "0"]
        return [(index, self._key(key, theme)) for index, key in enumerate(keys) if key]

    def _key(self, key: str, theme: Theme, tall: bool = False) -> QPushButton:
        """A key; `tall` (Delete beside the digits, two rows high): its sign above its word, not beside it."""
        if key == "⌫":
            text = "⌫\n" + self.tr("Delete") if tall else self.tr("⌫ Delete")
            widget = button(text, theme, self.delete, accessible=self.tr("Delete"), name="key_delete")
        elif key == "clear":
            widget = button(self.tr("Clear"), theme, self.clear, name="key_clear")
        else:
            widget = button(key, theme, lambda k=key: self.press(k), factor=1.15, accessible=key, name=f"key_{key}")
        return widget

    def _stacked_keys(self, grid: QGridLayout, theme: Theme) -> None:
        """Under the display: a phone grid with Delete beside the 0 and Clear across the bottom, every key
        the same size (the largest one's), so the pad reads as one even grid."""
        widgets = self._digit_keys(theme) + [(11, self._key("⌫", theme))]
        for index, widget in widgets:
            grid.addWidget(widget, index // 3, index % 3)
        grid.addWidget(self._key("clear", theme), 4, 0, 1, 3)
        width = max(widget.sizeHint().width() for _, widget in widgets)
        height = max(widget.sizeHint().height() for _, widget in widgets)
        for _, widget in widgets:
            widget.setMinimumSize(width, height)
            widget.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        for col in range(3):
            grid.setColumnStretch(col, 1)

    def _side_by_side_keys(self, grid: QGridLayout, theme: Theme) -> None:
        """Beside the display's column: a phone grid of square digit keys and, on its right, tall Delete
        and Clear (as on a bank's PIN pad).  The words of Delete set one column's width, not all three:
        the question beside the keys keeps the width it needs (a tight panel, a large text scale)."""
        digits = self._digit_keys(theme)
        side = max(max(max(key.sizeHint().width(), key.sizeHint().height()) for _, key in digits),
                   theme.mm(theme.target_mm))
        # Square at least; wider where the panel has the room (up to half as wide again).
        for index, key in digits:
            key.setMinimumSize(side, side)
            key.setMaximumWidth(round(side * 1.5))
            key.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
            grid.addWidget(key, index // 3, index % 3)
        functions = [self._key("⌫", theme, tall=True), self._key("clear", theme)]
        width = max(key.sizeHint().width() for key in functions)
        for row, key in zip((0, 2), functions):
            key.setMinimumWidth(width)
            key.setMaximumWidth(max(width, round(side * 1.5)))
            key.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
            grid.addWidget(key, row, 3, 2, 1)
        grid.setRowStretch(4, 1)  # the keys stay together at the top when the column beside is taller

    def add_above(self, widget: QWidget) -> None:
        """Put `widget` (the question, its help, an error) above the display, in the display's column.

        Side by side, that column is beside the keys: question, display and every key fit one
        landscape screen without scrolling (a question scrolled away is a question not read)."""
        self.side.insertWidget(self._lead, widget)
        self._lead += 1

    def fit_width(self, most: int) -> None:
        """At most `most` pixels wide, but never narrower than the keys and the display need."""
        keys = self.layout().itemAt(1).minimumSize().width() + self.layout().spacing() if self.side_by_side else 0
        self.side_box.setMaximumWidth(max(most - keys, self.side_box.minimumSizeHint().width()))

    def _clean(self, value: str) -> str:
        return "".join(ch for ch in value.replace("-", "") if ch.isdigit() or ch == "X")[: self.limit]

    def set_value(self, value: str) -> None:
        """Show `value` as if typed (what a screen built again in another language or mode keeps)."""
        self.value = self._clean(value)
        self._refresh()

    def press(self, key: str) -> None:
        if len(self.value) >= self.limit:
            return
        if key == "X" and len(self.value) != 17:
            return  # X can only be the check character
        self.value += key
        self._refresh()

    def delete(self) -> None:
        self.value = self.value[:-1]
        self._refresh()

    def clear(self) -> None:
        self.value = ""
        self._refresh()

    def set_check(self, text: str, error: bool = False) -> None:
        """The line under the display: how many characters are left, the check digit's verdict, or (with
        `error`) why what was typed cannot be taken, in the error style, with the ⚠ sign and focus."""
        role = "error" if error and text else "hint"
        if self.check.property("role") != role:
            self.check.setProperty("role", role)
            self.check.style().unpolish(self.check)
            self.check.style().polish(self.check)
        text = ("⚠ " + text) if role == "error" else text
        self.check.setText(text)
        self.check.setAccessibleName(text)
        self.check.setVisible(bool(text) or self.kind == "id_number")
        if role == "error":
            self.check.setFocusPolicy(Qt.StrongFocus)
            self.check.setFocus(Qt.OtherFocusReason)

    def _refresh(self) -> None:
        shown = masked(self.kind, self.value)
        self.display.setText(shown)
        self.display.setAccessibleName(self.tr("Typed so far: %n characters", "", len(self.value)))
        if self.kind == "id_number":
            self._check_id()
        self.changed.emit(self.value)

    def _check_id(self) -> None:
        from kiosk import id_number
        from kiosk.errors import ValidationError

        if len(self.value) < 18:
            self.set_check(self.tr("%n more to type", "", 18 - len(self.value)))
            return
        try:
            id_number.validate(self.value)
        except ValidationError as error:
            self.set_check("✗ " + error.text(self.locale))
        else:
            self.set_check(self.tr("✓ Check digit correct"))
