"""Identity: place the ID card on the reader, confirm the (masked) name, then the face photo.

Card events arrive from the reader's thread through the window's device
bridge as queued Qt signals; the bridge also replays the reader's state and a
card laid on it before this screen opened.  A resident without a card can type
the number on the large keypad with a helper beside them.  Card checks (expiry)
are the core's: `Session.identify` says no, this screen shows why.
"""

from __future__ import annotations

import logging

from devices.card.reader import CardEvent, CardEventKind
from kiosk.errors import KioskError, ValidationError
from kiosk.messages import message_text
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod, Liveness, mask_name
from ui import icons
from ui.keypad import Keypad
from ui.qt import QHBoxLayout, QPushButton, Qt, QTimer, QVBoxLayout
from ui.screens.base import Context, Screen, next_button
from ui.widgets import button, column, label, scroll_page

log = logging.getLogger(__name__)


class IdentityScreen(Screen):
    prompt_key = "identity"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.card: CardData | None = None
        self.method = IdentityMethod.SIMULATED
        self.keypad: Keypad | None = None
        self._quiet = False  # while replaying: show, do not speak (the screen's prompt says it)
        self.step = "card"  # card / confirm / keypad / face: what the screen asks now (for Repeat)
        self.question = ""
        t = self.theme
        self.title = label(self.text(self.session.service.title), t, 1.1, bold=True, role="hint", name="title")
        self.layout_.addWidget(self.title)
        self.error = label("", t, role="error", name="error")
        self.error.hide()
        if self.session.needs_face() and self.session.identity is not None:
            self._build_face()
            return
        # A proxy's agent proves who they are with their own card (nothing of the agent is typed).
        self.keypad_allowed = not self.session.is_proxy
        self.heading = label(self._card_heading(), t, 1.3, bold=True, name="heading")
        self.status = label(self.tr("Waiting for the card…"), t, role="hint", name="card_status")
        self.confirm_box = column(theme=t)
        body = column(self.heading, self.status, self.error, self.confirm_box, theme=t)
        # Scrolls only on the shortest panels (the keypad in elder mode under a notice): Back stays in view.
        self.page = scroll_page(body, t)
        self.layout_.addWidget(self.page, 1)
        self.use_keypad = button(self.tr("No card? Type the ID number with a helper"), t, self._show_keypad,
                                 name="use_keypad")
        self.layout_.addWidget(self.use_keypad)
        self.use_keypad.setVisible(self.keypad_allowed)
        self.nav = self.nav_row(self.session.back)
        self.layout_.addLayout(self.nav)
        bridge = ctx.devices.get("bridge")
        if bridge is not None:
            bridge.follow(self.session)  # the window follows it too; a remembered card goes when the visit ends
            bridge.card_event.connect(self.on_card_event)
            # A reader unplugged, or a card laid on it, before this screen opened: shown now, and said by
            # this screen's prompt (the window speaks it next), not twice.
            self._quiet = True
            bridge.replay(self.on_card_event)
            self._quiet = False

    # -- card ------------------------------------------------------------------------

    def on_card_event(self, event: CardEvent) -> None:
        if self.card is not None and event.kind != CardEventKind.READ:
            return  # already read; removing the card now is fine
        if event.kind == CardEventKind.INSERTED:
            self._status(self.tr("Reading the card… please keep it still."))
        elif event.kind == CardEventKind.READ and event.card is not None:
            self._card_read(event.card, event.method or IdentityMethod.SIMULATED)
        elif event.kind == CardEventKind.REMOVED:
            self._status(self.tr("Waiting for the card…"))
        elif event.kind == CardEventKind.DISCONNECTED:
            self._show_error(event.error.text(self.ctx.locale) if event.error is not None
                             else self.tr("The card reader is not connected. Please ask a helper."))
        elif event.kind == CardEventKind.CONNECTED:
            self._hide_error()
            self._status(self.tr("Waiting for the card…"))
        elif event.kind == CardEventKind.ERROR and event.error is not None:
            self._show_error(event.error.text(self.ctx.locale))

    def _card_read(self, card: CardData, method: IdentityMethod) -> None:
        self.card, self.method = card, method
        self._close_keypad()  # a card laid on the reader while typing wins: no need to type
        self._clear_confirm_box()  # a second card read before "Yes" replaces the first question
        self.use_keypad.hide()  # the card is read: typing the number is no longer the question
        self._hide_error()
        self._status(self.tr("Card read."))
        # The question and both its answers in view, not the lines that asked for the card (a short panel
        # under the notice "a helper is coming" had No below the fold); a tight one loses the service's name too.
        for widget in (self.heading, self.status) + ((self.title,) if self.ctx.tight else ()):
            widget.hide()
        t = self.theme
        layout = self.confirm_box.layout()
        self.question = self.tr("Is this you: %1?").replace("%1", mask_name(card.name))
        self.step = "confirm"
        self.prompt_key = "identity.confirm"  # carries the masked name: never cached as speech
        layout.addWidget(label(self.question, t, 1.3, bold=True, name="confirm_name"))
        layout.addWidget(button(self.tr("Yes, continue"), t, self._confirm, primary=True, name="confirm_yes"))
        layout.addWidget(button(self.tr("No, that is not me"), t, self._reject, name="confirm_no"))
        if not self._quiet:
            self.ctx.say("identity.confirm", self.question)

    def _confirm(self) -> None:
        try:
            self.session.identify(Identity.from_card(self.card, self.method))
        except KioskError as error:
            # This card cannot be used (expired, ...): ask for another, keep typing open.
            self._back_to_card()
            self._show_error(error.text(self.ctx.locale))

    def _reject(self) -> None:
        self.card = None
        self.session.cancel()

    def _back_to_card(self) -> None:
        self.card, self.question = None, ""
        self._clear_confirm_box()
        self.step, self.prompt_key = "card", "identity"
        for widget in (self.title, self.heading, self.status):
            widget.show()
        self.use_keypad.setVisible(self.keypad_allowed)
        self._status(self.tr("Waiting for the card…"))

    # -- keypad with a helper ---------------------------------------------------------

    def _clear_confirm_box(self) -> None:
        layout = self.confirm_box.layout()
        while layout.count():
            widget = layout.takeAt(0).widget()
            widget.hide()
            widget.deleteLater()

    def _close_keypad(self) -> None:
        if self.keypad is None:
            return
        self._clear_confirm_box()
        self.keypad = None
        self.step = "card"
        done = self.findChild(QPushButton, "keypad_done")
        if done is not None:
            self.nav.removeWidget(done)
            done.hide()
            done.deleteLater()
        self.heading.setText(self._card_heading())
        self.heading.setAccessibleName(self.heading.text())
        self.page.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        for widget in (self.use_keypad, self.title, self.status, self.heading):
            widget.show()

    def _card_heading(self) -> str:
        return (self.tr("Please place your ID card on the reader.") if self.keypad_allowed
                else self.tr("Agent: please place your own ID card on the reader."))

    def keep_typing(self) -> dict[str, str]:
        return {"id_number": self.keypad.value} if self.step == "keypad" and self.keypad is not None else {}

    def restore_typing(self, kept: dict[str, str]) -> None:
        # Only where the new screen still asks for the card: a card read meanwhile wins, as while typing.
        if "id_number" in kept and self.step == "card":
            self._show_keypad(speak=False)  # the window says the screen's prompt (the keypad's) next
            self.keypad.set_value(kept["id_number"])

    def _show_keypad(self, speak: bool = True) -> None:
        t = self.theme
        self._clear_confirm_box()
        self._hide_error()
        layout = self.confirm_box.layout()
        self.heading.setText(self.tr("Type the ID number (a helper stays with you)."))
        self.heading.setAccessibleName(self.heading.text())
        self.step, self.prompt_key = "keypad", "identity"
        # Room for the keys: the service's name and the waiting line go (the reader still listens).
        for widget in (self.use_keypad, self.title, self.status):
            widget.hide()
        # Beside the keys on a landscape panel, so the keys keep their full size on a 768-pixel-high screen.
        side_by_side = not self.ctx.portrait
        self.keypad = Keypad("id_number", t, self.ctx.locale, side_by_side=side_by_side)
        self.keypad_error = ""
        self.keypad.setObjectName("id_keypad")
        if side_by_side:
            # The question above the display, beside the keys (as on the form's keypads), and the page holds
            # still: a question and its keys fit as they are (a scroll bar shown once would narrow them).
            # On a tight panel in short (one line beside the keys leaves room for an error under the display);
            # the prompt still says that a helper stays with the resident.
            self.heading.hide()
            question = self.tr("Type the ID number.") if t.tight else self.heading.text()
            self.keypad.add_above(label(question, t, 1.0 if t.tight else 1.3, bold=True, name="label_id_number"))
            self.page.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.keypad.fit_width(t.mm((300 if side_by_side else 110) * t.scale))
        layout.addWidget(self.keypad)
        self.nav.addWidget(next_button(self.tr("Continue"), t, self._keypad_done, "keypad_done"))
        if speak:
            self.ctx.say("identity.keypad", self.heading.text())

    def _keypad_done(self) -> None:
        from kiosk import id_number

        try:
            number = id_number.validate(self.keypad.value)
        except ValidationError as error:
            # Under the display, in the keypad's own check line: an error box above the keys would push
            # them off a 768-pixel-high panel (and say again what the check line already says).
            self.keypad_error = error.text(self.ctx.locale)
            self.keypad.set_check(self.keypad_error, error=True)
            if not self._quiet:
                self.ctx.say("identity.error", self.keypad_error)
            return
        self.session.identify(Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=number))

    # -- face ----------------------------------------------------------------------------

    def _build_face(self) -> None:
        t = self.theme
        tight = self.ctx.tight
        self.step = "face"
        self.liveness = Liveness.SKIPPED  # until a challenge is tried
        # On a tight panel (a large text scale): the words beside the camera's picture, the heading in short
        # (the prompt says it all), no service name, and "Take my photo" in the row of Back.
        words = self.layout_
        if tight:
            self.title.hide()
            body = QHBoxLayout()
            body.setSpacing(t.mm(4))
            words = QVBoxLayout()
            words.setSpacing(t.mm(3))
            body.addLayout(words, 1)
            self.layout_.addLayout(body, 1)
        heading = (self.tr("Now a photo of your face.") if tight
                   else self.tr("Now a photo of your face. Look at the camera and touch the button."))
        words.addWidget(label(heading, t, 1.0 if tight else 1.2, bold=True, name="heading"))
        self.face_guidance = label("", t, name="face_guidance")
        words.addWidget(self.face_guidance)
        words.addWidget(self.error)
        card = self.session.identity.card
        if card is not None and card.photo is None:
            words.addWidget(label(message_text("card.photo_unavailable", self.ctx.locale), t, role="hint",
                                  name="card_photo_unavailable"))
        if tight:
            words.addStretch(1)
        camera = self.ctx.devices.get("camera")
        self.view = None
        self.retry = button(self.tr("Try again"), t, self._retry_blink, name="face_retry")
        self.turn = button(self.tr("Turn my head instead"), t, self._retry_turn, name="face_turn")
        if camera is not None:
            from devices.camera.liveness import LivenessCheck
            from ui.camera_view import CameraView

            self.check = LivenessCheck()
            locale = self.ctx.locale

            def analyse(image, timestamp):  # camera thread; self.check is swapped only while paused
                check = self.check
                step = check.feed(image, timestamp)
                return step.guidance(locale), (check.result() if check.done else None)

            self.view = CameraView(camera, analyse, self._face_guidance, self._liveness_done, t.mm(45),
                                   on_event=self._camera_event)
            self.destroyed.connect(self.view.close_view)
            # A camera that failed before this screen opened reported it then: check once it had time to start.
            QTimer.singleShot(1500, lambda: self._camera_still_missing(camera))
            (body if tight else self.layout_).addWidget(self.view, 1)
        else:
            self.face_guidance.setText(self.tr("No camera: a helper will compare your face with the card."))
            if not tight:
                self.layout_.addStretch(1)
        row = self.face_row = self.nav_row(self.session.back)
        for widget in (self.retry, self.turn):
            widget.hide()
            row.insertWidget(row.count() - 1, widget)
        self.take_face = button(self.tr("Take my photo"), t, self._take_face, primary=True, name="take_face",
                                icon=icons.action("camera"))
        if tight:
            row.addWidget(self.take_face)
        else:
            self.layout_.addWidget(self.take_face)
        self.layout_.addLayout(row)

    def _camera_still_missing(self, camera) -> None:
        from devices.camera.capture import CameraEvent, CameraEventKind
        from kiosk.errors import CameraError

        if self.view is not None and self.view.active and not camera.connected:
            self._camera_event(CameraEvent(CameraEventKind.ERROR, CameraError()))

    def _camera_event(self, event) -> None:
        """The camera failed (or came back): say so; the resident can go on with a helper."""
        from devices.camera.capture import CameraEventKind

        if event.kind == CameraEventKind.ERROR and event.error is not None:
            self._face_guidance(event.error.text(self.ctx.locale) + " " +
                                self.tr("Touch the button and a helper will check your face."))
        elif event.kind == CameraEventKind.CONNECTED:
            self._face_guidance(self.tr("The camera works again. Please look at it."))

    def _face_guidance(self, text: str) -> None:
        self.face_guidance.setText(text)
        self.face_guidance.setAccessibleName(text)
        self.ctx.say("identity.face", text)

    def _liveness_done(self, result) -> None:
        if self.view is not None:
            self.view.pause()  # the picture stays live for a second try
        if not result.passed or not result.best_jpeg:
            self.liveness = Liveness.FAILED
            # What to fix first when the picture was the trouble (closer, into the light ...).
            why = message_text(result.reason, self.ctx.locale) + " " if result.reason.startswith("face.") else ""
            self._face_guidance(why + self.tr("That did not work. Touch “Try again”, or the button and a helper "
                                              "will check."))
            self.retry.show()
            self.turn.show()
            self.retry.setFocus(Qt.OtherFocusReason)
            return
        if self.view is not None:
            self.view.close_view()
        self.liveness = Liveness.PASSED
        # One outcome per face step: a touch on "Take my photo" now would race the matcher's answer.
        self.take_face.setEnabled(False)
        matcher = self.ctx.devices.get("face_matcher")
        card = self.session.identity.card if self.session.identity else None
        if matcher is None:
            self._set_face(FaceCheck.HELPER_TO_CONFIRM, result.best_jpeg)
            return
        photo, card_photo = result.best_jpeg, card.photo if card else None
        session, identity = self.session, self.session.identity

        def compare() -> tuple[FaceCheck, float | None, str, dict]:
            try:
                result = matcher.compare(photo, card_photo)
            except Exception as error:  # noqa: BLE001 - a broken model must not leave the resident stuck
                log.error("face matcher failed (%s): a helper confirms", type(error).__name__)
                return FaceCheck.HELPER_TO_CONFIRM, None, "face_match.helper", {}
            # The score, and how it was decided (matcher, model, distance, thresholds), go with the outcome.
            return result.check, result.score, result.reason, dict(getattr(result, "details", {}) or {})

        def matched(outcome) -> None:  # back on the GUI thread; only for the same resident's step
            if session.state.value == "identity" and session.identity is identity:
                check, score, reason, details = outcome
                if reason == "face_match.not_matched":
                    self._explain_not_matched(check, photo, score, details)
                    return
                self._set_face(check, photo, score=score, match=details)

        # Decoding and model inference take a while on a 2-core kiosk: never on the GUI thread.
        self.ctx.run_task(compare, matched)

    def _explain_not_matched(self, check: FaceCheck, photo: bytes, score: float | None, details: dict) -> None:
        """The photos clearly differ: say so kindly, say a helper will check, and go on at a touch.

        The machine never refuses anyone: the application goes on, marked for a helper to confirm."""
        self.step = "face"
        self._face_guidance(message_text("face_match.not_matched", self.ctx.locale))
        self.take_face.hide()
        go_on = next_button(self.tr("Continue"), self.theme,
                            lambda: self._set_face(check, photo, score=score, match=details), "face_continue")
        (self.face_row if self.ctx.tight else self.layout_).addWidget(go_on)

    def _retry_blink(self) -> None:
        from devices.camera.liveness import Challenge

        self._retry(Challenge.BLINK)

    def _retry_turn(self) -> None:
        from devices.camera.liveness import Challenge

        self._retry(Challenge.TURN)

    def _retry(self, challenge) -> None:
        """A new challenge on the live picture (the view is paused: its thread no longer feeds the check)."""
        from devices.camera.liveness import LivenessCheck

        if self.view is None or not self.view.active:
            return
        self.retry.hide()
        self.turn.hide()
        self.check = LivenessCheck(challenge)
        self.view.resume()
        self._face_guidance(message_text(f"liveness.{challenge.value}", self.ctx.locale))

    def _take_face(self) -> None:
        from ui.camera_view import frame_jpeg

        if not self.take_face.isEnabled():  # already decided (a passed check being matched, or a photo taken)
            return
        self.take_face.setEnabled(False)
        if self.view is not None:
            self.view.close_view()
        camera, session, liveness = self.ctx.devices.get("camera"), self.session, self.liveness
        if camera is None:  # nothing to encode: the helper route at once
            self._set_face(FaceCheck.HELPER_TO_CONFIRM, None, liveness)
            return

        identity = session.identity

        def grab() -> bytes | None:
            try:
                return frame_jpeg(camera)
            except Exception as error:  # noqa: BLE001 - no photo: the helper compares in person
                log.error("face photo not taken (%s)", type(error).__name__)
                return None

        def taken(photo) -> None:  # back on the GUI thread; only for the same resident's step
            if session.state.value == "identity" and session.identity is identity:
                self._set_face(FaceCheck.HELPER_TO_CONFIRM, photo, liveness)

        # Without a passed liveness check a helper compares the photo with the card, side by side.
        # Encoding a frame is image work: off the GUI thread.
        self.ctx.run_task(grab, taken)

    def _set_face(self, check: FaceCheck, photo: bytes | None, liveness: Liveness | None = None,
                  score: float | None = None, match: dict | None = None) -> None:
        if self.session.state.value != "identity":  # a second touch on Continue, after the first moved on
            return
        self.session.identity.liveness = liveness or self.liveness
        self.session.set_face(check, photo, score, match)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt name)
        # The window hides a screen it replaces (and deletes it later): the camera must not go on
        # guiding (and speaking) over the next screen meanwhile.
        if self.isHidden() and getattr(self, "view", None) is not None:
            self.view.close_view()
        super().hideEvent(event)

    # -- words -----------------------------------------------------------------------------

    def _status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)

    def _show_error(self, text: str) -> None:
        self.error.setText("⚠ " + text)
        self.error.setAccessibleName(text)
        self.error.show()
        self.error.setFocus(Qt.OtherFocusReason)
        if not self._quiet:
            self.ctx.say("identity.error", text)

    def _hide_error(self) -> None:
        self.error.hide()
        self.error.setText("")
        self.error.setAccessibleName("")

    def prompt(self) -> str:
        """What the screen asks now (card, name to confirm, keypad, face) and the error shown, if any."""
        if self.step == "face":
            parts = [self.tr("Now a photo of your face. Look at the camera and touch the button."),
                     self.face_guidance.text()]
        elif self.step == "confirm":
            parts = [self.question]
        elif self.step == "keypad":
            parts = [self.heading.text(), self.keypad_error if self.keypad.check.property("role") == "error" else ""]
        else:
            parts = [self._card_heading()]
        parts.append(self.error.accessibleName())
        return " ".join(part for part in parts if part)
