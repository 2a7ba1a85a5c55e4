"""Consent: before a helper's application is submitted, the resident confirms it is theirs and right.

Two ways, side by side (one above the other on a narrow panel): lay the ID card checked at the
identity step on the reader again, or sign with a finger in the box.  The card must be laid anew:
a card left on the reader since the identity step does not count (a card is read once a placement,
and this screen does not take the reader's remembered card), so confirming is always something the
resident does.  Once confirmed, the application is submitted at once.  In a proxy visit the agent
confirms, with the agent's own card or signature.
"""

from __future__ import annotations

from devices.card.reader import CardEvent, CardEventKind
from kiosk.errors import KioskError, ValidationError
from kiosk.guided import confirm_by_signature
from ui import icons
from ui.qt import QHBoxLayout, Qt
from ui.screens.base import Context, Screen
from ui.signature_pad import SignaturePad
from ui.widgets import button, column, label


class ConsentScreen(Screen):
    prompt_key = "consent"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        t = self.theme
        session = self.session
        self._closed = False
        self._busy = False  # a signature being drawn into its PNG (off the GUI thread)
        agent = session.is_proxy
        self.by_card = session.can_consent_by_card()
        # Elder mode: one way a screen (the card first, "Sign instead" for the other); else both, the card first.
        one_way = t.elder
        self.show_card = self.by_card and not (one_way and session.consent_way == "signature")
        self.show_sign = not (one_way and self.show_card)
        self.layout_.addWidget(label(self.tr("Agent: please confirm this application") if agent
                                     else self.tr("Please confirm this application"), t, 1.3, bold=True,
                                     name="heading"))
        if not (one_way and not self.show_card):  # the signing page of elder mode needs the height
            self.layout_.addWidget(label(self._why(), t, name="consent_why"))
        error = session.errors.get("consent")
        if error is not None:
            self.error = label("⚠ " + error.text(ctx.locale), t, role="error", name="error_consent")
            self.error.setFocusPolicy(Qt.StrongFocus)
            self.layout_.addWidget(self.error)
        else:
            self.error = None
        ways = column(theme=t, spacing_mm=2)
        box = ways.layout()
        self.card_status = self.pad = None
        if self.show_card:
            box.addWidget(label(self.tr("Lift your ID card and lay it on the reader again."), t, 1.1, bold=True,
                                name="consent_card"))
            self.card_status = label(self.tr("Waiting for the card…"), t, role="hint", name="consent_card_status")
            box.addWidget(self.card_status)
            box.addSpacing(t.mm(2))
        if self.show_sign:
            box.addWidget(label(self.tr("Or sign with your finger in the box:") if self.show_card
                                else self.tr("Sign with your finger in the box:"), t, 1.1, bold=True,
                                name="consent_sign"))
            self.pad = SignaturePad(t, 55 if ctx.portrait else 34 if t.elder else 32, self.tr("Sign here"))
            box.addWidget(self.pad)
            buttons = QHBoxLayout()
            buttons.setSpacing(t.mm(3))
            # Never greyed out (grey on the primary colour is hard to read): an empty pad is refused in words.
            buttons.addWidget(button(self.tr("Clear"), t, self.pad.clear, name="clear_signature"))
            if one_way and self.by_card:
                buttons.addWidget(button(self.tr("Use my card instead"), t, lambda: session.choose_consent_way(""),
                                         name="card_instead"))
            buttons.addStretch(1)
            # Large text on a short panel: the row has no width for the long words (the name keeps them).
            confirm = button(self.tr("Confirm") if ctx.tight else self.tr("Confirm with this signature"), t,
                             self._signed, primary=True, name="confirm_signature", icon=icons.action("submit"),
                             accessible=self.tr("Confirm with this signature"))
            buttons.addWidget(confirm)
            box.addLayout(buttons)
        box.addStretch(1)
        self.layout_.addWidget(ways, 1)
        nav = self.nav_row(self._back)
        if one_way and not self.show_sign:  # beside Back: the card's page has no height for another row
            nav.insertWidget(1, button(self.tr("Sign on the screen instead"), t,
                                       lambda: session.choose_consent_way("signature"), name="sign_instead"))
        self.layout_.addLayout(nav)
        bridge = ctx.devices.get("bridge")
        if bridge is not None and self.by_card:
            bridge.card_event.connect(self._on_card)  # never replayed: the card is laid anew

    def _why(self) -> str:
        return self.tr("The helper filled this in with you. Only you can confirm it is yours and right.")

    def _on_card(self, event: CardEvent) -> None:
        if self._closed or self.session.state.value != "consent":
            return
        if event.kind == CardEventKind.INSERTED:
            self._card_words(self.tr("Reading the card… please keep it still."))
        elif event.kind == CardEventKind.READ and event.card is not None:
            self._confirm(lambda: self.session.consent_by_card(event.card))
        elif event.kind == CardEventKind.ERROR and event.error is not None:
            self._card_words(event.error.text(self.ctx.locale))
            self.ctx.say("error", event.error.text(self.ctx.locale))

    def _card_words(self, text: str) -> None:
        if self.card_status is not None:  # (a card laid while signing counts all the same)
            self.card_status.setText(text)
            self.card_status.setAccessibleName(text)

    def _signed(self) -> None:
        """Check the strokes and draw the PNG off the GUI thread (tens of milliseconds: bench/signature_png.py),
        then keep the consent and submit."""
        if self._busy:
            return  # a second touch while the first is being taken
        self._busy = True
        signature = self.pad.signature()

        def make():
            try:
                return confirm_by_signature(signature)
            except ValidationError as error:
                return error

        def made(result) -> None:  # GUI thread
            self._busy = False
            if not self._closed and self.session.state.value == "consent":
                self._confirm(lambda: self.session.record_consent(result))

        self.ctx.run_task(make, made)

    def _confirm(self, give) -> None:
        """Record the consent (the core checks it), then submit; a refusal rebuilds the screen with why."""
        try:
            give()
        except ValidationError:
            return  # the session changed ("error"): the screen is built again, showing and saying why
        except KioskError as error:
            self.ctx.say("error", error.text(self.ctx.locale))
            return
        self._closed = True
        self.ctx.submit()

    def _back(self) -> None:
        self._closed = True
        self.session.back()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if self.isHidden():
            self._closed = True  # replaced: a card laid now is the next screen's business
            if self.pad is not None:
                self.pad.clear()
        super().hideEvent(event)

    def prompt(self) -> str:
        error = self.session.errors.get("consent")
        parts = [error.text(self.ctx.locale)] if error is not None else []
        parts.append(self._why())
        if self.show_card and self.show_sign:
            parts.append(self.tr("Lay your ID card on the reader again, or sign with your finger in the box."))
        elif self.show_card:
            parts.append(self.tr("Lift your ID card and lay it on the reader again."))
        else:
            parts.append(self.tr("Sign with your finger in the box."))
        return " ".join(parts)
