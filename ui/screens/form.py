"""The form: one question a screen in elder mode, a few in normal mode, pre-filled from the card.

Digits are typed on the large keypad, choices are large buttons; free text
(rare: most text comes from the card) is typed by a helper on the helper's
keyboard.  An error is shown in words beside its field, with focus moved to it.
A field bound to the verified identity (from the card, or the number typed at
the start) is shown as text, not an editor, with words saying where it came
from and why it cannot be changed: the core refuses a change anyway.
"""

from __future__ import annotations

from kiosk import proxy
from kiosk.catalog import Field
from kiosk.messages import message_text
from ui.keypad import Keypad, grouped
from ui.proxy_parts import AgentLine
from ui.qt import QHBoxLayout, QLineEdit, Qt, QTimer, QWidget
from ui.screens.base import Context, Screen
from ui.widgets import button, column, label, scroll_page

KEYPAD_KINDS = {"id_number": "id_number", "mobile": "mobile", "date": "date"}


def keypad_kind(field: Field) -> str | None:
    if field.type in KEYPAD_KINDS:
        return KEYPAD_KINDS[field.type]
    if field.type == "text" and field.charset == "digits":
        return "digits"
    return None


def bound_display(field: Field, value: str, text) -> str:
    """A verified value as a resident reads it: a choice's label, an ID number in groups.

    `text` turns the catalog's per-locale texts into the screen's language.
    """
    if field.type == "choice":
        return next((text(option.label) for option in field.options if option.value == value), value)
    if field.type == "id_number":
        return grouped(field.type, value)
    return value


class FormScreen(Screen):
    prompt_key = "form"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        session = self.session
        pages = session.pages()
        self.fields = session.page_fields()
        self.bound = session.bound_fields()  # verified values: shown, never edited
        self.editors: dict[str, object] = {}
        self.first_error = None
        step = self.tr("Question %1 of %2") if t.elder else self.tr("Page %1 of %2")
        header = f"{self.text(session.service.title)} · {step.replace('%1', str(session.page + 1)).replace('%2', str(len(pages)))}"
        if not ctx.tight:  # a tight panel has the step indicator only (below): its lines go to the question
            self.layout_.addWidget(label(header, t, 1.0, role="hint", name="progress"))
        if session.is_proxy and any(f.id == proxy.PRINCIPAL_NAME for f in self.fields):
            # The principal's questions: first, who the agent is (verified, not typed), then whom it is for
            # (above the first of them only: an elder-mode page with the number's keys has no room for it).
            self.layout_.addWidget(AgentLine.make(session, t))
        body = column(theme=t, spacing_mm=5)
        for field in self.fields:
            body.layout().addWidget(self._field_block(field))
        if self._keys_beside_question():
            # One question beside its keys must fit as it is (tests/test_ui_layout.py): no scroll area, whose
            # scroll bar, once shown, would narrow the question's column and keep itself needed.
            self.scroll = None
            body.layout().addStretch(1)
            self.layout_.addWidget(body, 1)
        else:
            self.scroll = scroll_page(body, t)
            self.layout_.addWidget(self.scroll, 1)
        self.layout_.addLayout(self.nav_row(self._back, self.tr("Next"), self._next))
        if self.first_error is not None:
            self.first_error.setFocus(Qt.OtherFocusReason)
        # A guided visit: the helper types, so the first empty text box takes the keyboard once shown.
        empty = [e for e in self.editors.values() if isinstance(e, QLineEdit) and not e.text()]
        self.first_empty = empty[0] if empty and session.assistance is not None and self.first_error is None else None

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if self.first_empty is not None:
            QTimer.singleShot(0, lambda: self.first_empty.setFocus(Qt.OtherFocusReason))
        if self.first_error is not None:
            # Once laid out (the next turn of the event loop), scroll the question with the error into view.
            QTimer.singleShot(0, self._show_first_error)

    def _keys_beside_question(self) -> bool:
        """Elder mode on a landscape panel asks one question a screen; a keypad's goes beside its keys."""
        return (self.theme.elder and not self.ctx.portrait and len(self.fields) == 1
                and self.fields[0].id not in self.bound and keypad_kind(self.fields[0]) is not None)

    def _show_first_error(self) -> None:
        if self.first_error is not None:
            # Again now that it is shown: focus set while hidden goes to whatever the old screen handed on.
            self.first_error.setFocus(Qt.OtherFocusReason)
            if self.scroll is not None:
                self.scroll.ensureWidgetVisible(self.first_error.parentWidget(), 0, 0)
                self.scroll.ensureWidgetVisible(self.first_error, 0, self.theme.mm(2))

    def _bound_block(self, field: Field, value: str) -> QWidget:
        """A verified value: read, not typed; says where it came from in words (not only greyed out)."""
        t = self.theme
        block = column(theme=t, spacing_mm=1.5)
        layout = block.layout()
        title = self.text(field.label)
        layout.addWidget(label(title, t, 1.25 if t.elder else 1.1, bold=True, name=f"label_{field.id}"))
        shown = bound_display(field, value, self.text)  # never empty: only a value that was there binds
        layout.addWidget(label(shown, t, 1.25 if t.elder else 1.1, bold=True, role="notice",
                               name=f"bound_{field.id}"))
        words = message_text(self.session.bound_note(), self.ctx.locale)
        # Full-contrast words, not a muted hint: an elder resident must see why there is nothing to type.
        note = label("✓ " + words, t, 1.0, name=f"bound_note_{field.id}")
        note.setAccessibleName(words)
        layout.addWidget(note)
        error = self.session.errors.get(field.id)
        if error is not None:  # another value was refused (identity.card_field): say why
            error_label = label("⚠ " + error.text(self.ctx.locale), t, role="error", name=f"error_{field.id}")
            error_label.setFocusPolicy(Qt.StrongFocus)
            layout.addWidget(error_label)
            self.first_error = self.first_error or error_label
        return block

    def _field_block(self, field: Field) -> QWidget:
        t = self.theme
        value = self.session.shown_value(field.id)
        if field.id in self.bound:
            return self._bound_block(field, value)
        block = column(theme=t, spacing_mm=1.5)
        layout = block.layout()
        kind = keypad_kind(field)
        # One question a screen in elder mode on a landscape panel: the question, its help and any error
        # go beside the keys, above the display, so nothing has to be scrolled (a 768-pixel-high panel).
        wide = kind is not None and t.elder and not self.ctx.portrait
        keypad = None
        if kind is not None:
            keypad = Keypad(kind, t, self.ctx.locale, value.replace("-", ""), side_by_side=wide,
                            max_length=field.max_length if kind == "digits" else None)
            keypad.setObjectName(f"keypad_{field.id}")
        head = keypad.add_above if wide else layout.addWidget
        head(label(self.text(field.label) + ("" if field.required else self.tr(" (optional)")), t,
                   1.25 if t.elder else 1.1, bold=True, name=f"label_{field.id}"))
        error = self.session.errors.get(field.id)
        # The help line is read as main text (same size), only its colour tells it apart.  On a tight panel
        # an error takes its place: it says what is wanted, and the room is needed for the keys.
        if error is None or not self.ctx.tight:
            head(label(self.text(field.help), t, 1.0, role="hint", name=f"help_{field.id}"))
        if error is not None:
            # Beside the question, above its keys: read before the resident types again.
            text = "⚠ " + error.text(self.ctx.locale)
            error_label = label(text, t, role="error", name=f"error_{field.id}")
            error_label.setFocusPolicy(Qt.StrongFocus)
            head(error_label)
            self.first_error = self.first_error or error_label
        if field.type == "choice":
            row = QHBoxLayout() if len(field.options) <= 3 and not t.elder else None
            holder = column(theme=t, spacing_mm=1.5) if row is None else QWidget()
            if row is not None:
                holder.setLayout(row)
            for option in field.options:
                choice = button(self.text(option.label), t, lambda f=field.id, v=option.value: self._choose(f, v),
                                checkable=True, name=f"choice_{field.id}_{option.value}")
                choice.setChecked(value == option.value)
                choice.setText(("● " if value == option.value else "○ ") + self.text(option.label))
                holder.layout().addWidget(choice)
            layout.addWidget(holder)
        elif keypad is not None:
            keypad.fit_width(t.mm((300 if wide else 150 if self.ctx.portrait else 110) * t.scale))
            if not t.elder and len(self.fields) > 1:
                keypad = self._collapsible_keypad(field, keypad)
            layout.addWidget(keypad)
        else:
            edit = QLineEdit(value)
            edit.setObjectName(f"edit_{field.id}")
            edit.setFont(t.font(1.1))
            edit.setMaxLength(field.max_length)
            edit.setAccessibleName(self.text(field.label))
            if self.session.assistance is not None:
                # A guided visit: the helper types, names too, with the system's input method (pinyin ...).
                edit.setAttribute(Qt.WA_InputMethodEnabled, True)
                edit.setInputMethodHints(Qt.ImhNone)
                edit.setPlaceholderText(self.tr("The helper types this (keyboard, pinyin input)"))
            else:
                edit.setPlaceholderText(self.tr("A helper can type this for you"))
            layout.addWidget(edit)
            self.editors[field.id] = edit
        return block

    def _collapsible_keypad(self, field: Field, keypad: Keypad) -> QWidget:
        """Normal mode shows several fields: each keypad opens under its value when touched."""
        t = self.theme
        holder = column(theme=t, spacing_mm=1)
        shown = grouped(keypad.kind, keypad.value) or self.tr("Touch to type")
        opener = button(shown, t, None, name=f"open_{field.id}",
                        accessible=self.tr("Change %1").replace("%1", self.text(field.label)))
        keypad.setVisible(field.id in self.session.errors or not keypad.value)
        keypad.display.hide()  # the opener right above shows what was typed
        opener.clicked.connect(lambda: keypad.setVisible(not keypad.isVisible()))
        keypad.changed.connect(lambda v: opener.setText(grouped(keypad.kind, v) or self.tr("Touch to type")))
        holder.layout().addWidget(opener)
        holder.layout().addWidget(keypad)
        self.editors[field.id] = keypad
        return holder

    def _choose(self, field_id: str, value: str) -> None:
        # The screen is built again to show the choice: the rest of the page stays as typed (a draft),
        # checked only by "Next" (a half-typed number is no error yet).
        self.keep_typing()
        self.session.set_answer(field_id, value)

    def _typed(self) -> dict[str, str]:
        """What was typed on this page's keypads and text boxes, as the session expects it."""
        values = {}
        for field in self.fields:
            editor = self.editors.get(field.id) or self.findChild(Keypad, f"keypad_{field.id}")
            if isinstance(editor, Keypad):
                value = editor.value
                if editor.kind == "date" and len(value) == 8:
                    value = f"{value[:4]}-{value[4:6]}-{value[6:]}"
            elif isinstance(editor, QLineEdit):
                value = editor.text()
            else:
                continue
            values[field.id] = value
        return values

    def keep_typing(self) -> dict[str, str]:
        """Into the session's drafts, not the new screen: in elder mode this page's questions come one a
        screen, each showing its draft when it comes."""
        changed = {k: v for k, v in self._typed().items() if v != self.session.shown_value(k)}
        if changed:
            self.session.keep_draft(changed)
        return {}

    def _next(self) -> None:
        self.session.next(self._typed())

    def _back(self) -> None:
        typed = {k: v for k, v in self._typed().items() if v}
        if typed:
            self.session.set_answers(typed, notify=False)  # keep what was typed
        self.session.back()

    def prompt(self) -> str:
        if not self.fields:
            return ""
        first = self.fields[0]
        error = self.session.errors.get(first.id)
        if error is not None:
            return error.text(self.ctx.locale)
        if first.id in self.bound:  # where the value came from, and that it stays (never the value: it is personal)
            return self.tr("%1. %2").replace("%1", self.text(first.label)).replace(
                "%2", message_text(self.session.bound_note(), self.ctx.locale))
        # The sentence stop comes from the translations: 。 in Chinese, . in English.
        return self.tr("%1. %2").replace("%1", self.text(first.label)).replace("%2", self.text(first.help))
