"""The resident's session as an explicit state machine, without Qt.

home → guide → identity → form (pages) → documents → review → submitted →
receipt → home, with back and cancel everywhere, and an idle warning that
ends in a wipe.  The UI draws whatever `state` says and calls the methods
below on touches; tests drive the same methods directly.

Privacy: `wipe()` drops every piece of the resident's data the session holds
(answers, raw and draft keypad text, photos, identity, errors, receipt) and resets
language, elder mode, volume and rate to the station defaults, closes the
sound panel and clears the notice.  A session is "fresh" only when nothing a
resident can change differs from those defaults: anything else (even a
changed speech rate on the home screen) is wiped by the idle timer.
"""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass
from typing import Callable

from kiosk import appointments
from kiosk.applications import Attachment, Draft
from kiosk.appointments import Appointment
from kiosk.assisted_visit import AssistedVisit
from kiosk.catalog import Catalog, Field, Service
from kiosk.errors import KioskError, SessionError, ValidationError
from kiosk.form_pages import FormPages
from kiosk.identity import FaceCheck, Identity
from kiosk.idle_timer import IdleTimer
from kiosk.receipts import Receipt
from kiosk.visit_state import State


@dataclass(frozen=True)
class Defaults:
    """The station's settings every new resident starts from."""

    locale: str = "zh_CN"
    elder_mode: bool = False
    volume: float = 0.8
    rate_normal: int = 165  # words per minute
    rate_elder: int = 130
    idle_warning_after_s: float = 90
    idle_countdown_s: float = 30
    fields_per_page: int = 4
    guided_only: bool = False  # outreach (上门服务): no service starts without a helper leading it


Listener = Callable[[str], None]


class Session(AssistedVisit, FormPages):
    """One resident's visit.  Listeners hear a short reason string after every change.

    A helper may lead it (guided, proxy, or a correction): see kiosk/assisted_visit.py."""

    def __init__(self, catalog: Catalog, defaults: Defaults = Defaults(),
                 clock: Callable[[], float] = time.monotonic, today: Callable[[], _dt.date] = _dt.date.today):
        self.catalog = catalog
        self.defaults = defaults
        self._clock = clock
        self._today = today
        self._listeners: list[Listener] = []
        self._reset()

    # -- bookkeeping -------------------------------------------------------------

    def _reset(self) -> None:
        d = self.defaults
        self.state = State.HOME
        self.locale = d.locale
        self.elder_mode = d.elder_mode
        self.volume = d.volume
        self.rate = d.rate_elder if d.elder_mode else d.rate_normal
        self.service: Service | None = None
        self.identity: Identity | None = None
        self.answers: dict[str, str] = {}
        self.raw_input: dict[str, str] = {}  # what was typed but did not validate: kept, never lost
        # What was typed on a form page, not yet taken by "Next" or "Back", kept while a language or mode
        # switch builds the screen again (see FormPages.keep_draft): not validated, shown as typed.
        self.draft_input: dict[str, str] = {}
        self.photos: dict[str, bytes] = {}
        self.errors: dict[str, ValidationError] = {}
        self.page = 0
        self.doc_index = 0
        self.returning_to_review = False
        self.receipt: Receipt | None = None
        self.rating_level = ""  # the 好差评 level chosen on the rating screen (a low one asks for reasons)
        self.rating_reasons: list[str] = []  # the reasons ticked for a low level (catalog rating_reasons)
        self.submit_error: KioskError | None = None
        self.status_results: list | None = None
        self.sound_panel_open = False
        self.notice: str | None = None  # key of the notice above the screen (help_coming, help_failed, qr_invalid)
        self.notice_error: KioskError | None = None  # with notice "error": what to say, in words
        self.appointment: Appointment | None = None  # the appointment code the resident came with, if any
        self.visit_started: float | None = None  # session clock when the service was chosen (Today's figures)
        self.idle = IdleTimer(self._clock, d.idle_warning_after_s, d.idle_countdown_s)
        self._reset_assistance()

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self, reason: str) -> None:
        for listener in list(self._listeners):
            listener(reason)

    def _require(self, *states: State) -> None:
        if self.state not in states:
            raise SessionError(detail=f"in {self.state.value}, expected {'/'.join(s.value for s in states)}")

    def _require_form(self) -> None:
        self._require(State.FORM)

    def _go(self, state: State, reason: str = "state") -> None:
        self.state = state
        self._changed(reason)

    # -- settings the resident may change ----------------------------------------

    def set_locale(self, locale: str) -> None:
        self.locale = locale
        self._changed("locale")

    def set_elder_mode(self, on: bool) -> None:
        first = self.page_fields()[0].id if self.state == State.FORM and self.page_fields() else None
        self.elder_mode = on
        self.rate = self.defaults.rate_elder if on else self.defaults.rate_normal
        if first:  # keep the field the resident was on in view
            self.page = next(i for i, page in enumerate(self.pages()) if any(f.id == first for f in page))
        self._changed("mode")

    def set_volume(self, volume: float) -> None:
        self.volume = min(1.0, max(0.0, volume))
        self._changed("volume")

    def set_rate(self, rate: int) -> None:
        self.rate = min(260, max(80, rate))
        self._changed("rate")

    def default_rate(self) -> int:
        """The station's rate for the current mode (elder mode starts slower)."""
        return self.defaults.rate_elder if self.elder_mode else self.defaults.rate_normal

    def set_sound_panel(self, open_: bool) -> None:
        """Show or hide the speed and volume buttons."""
        self.sound_panel_open = bool(open_)
        self._changed("sound_panel")

    def show_notice(self, key: str | None, error: KioskError | None = None) -> None:
        """Show a notice above every screen (a helper is coming, a wrong code), or clear it (None).
        With key "error", `error` says what is wrong.  It stays while the resident goes on with the
        application, until the session ends (the idle timer ends a session that shows one) or the
        resident leaves the receipt for the rating (see start_rating)."""
        self.notice = key
        self.notice_error = error if key == "error" else None
        self._changed("notice")

    # -- the journey ---------------------------------------------------------------

    def choose_service(self, service_id: str) -> None:
        self._require(State.HOME)
        self._require_assistance_for_service()
        self.service = self.catalog.service(service_id)
        self.visit_started = self._clock()
        self._go(State.GUIDE)

    def start_appointment(self, appointment: Appointment) -> None:
        """From home: an appointment code opens its service's guide; ValidationError says why it cannot."""
        self._require(State.HOME)
        self._require_assistance_for_service()
        appointments.check(appointment, {service.id for service in self.catalog.services}, self._today())
        self.appointment = appointment
        self.service = self.catalog.service(appointment.service_id)
        self.visit_started = self._clock()
        self._go(State.GUIDE)

    def open_status(self) -> None:
        """From home: look up the progress of earlier applications."""
        self._require(State.HOME)
        self.status_results = None
        self._go(State.STATUS)

    def show_status(self, results: list) -> None:
        """Results of a look-up (StatusLine values: number, service, dates, status; no personal data)."""
        self._require(State.STATUS)
        self.status_results = list(results)
        self._changed("status")

    def begin(self) -> None:
        self._require(State.GUIDE)
        self._go(State.IDENTITY)

    def identify(self, identity: Identity) -> None:
        """Accept how the resident proved who they are; pre-fill the form from the card."""
        self._require(State.IDENTITY)
        self._check_identity(identity)  # a proxy's agent, a correction's resident (kiosk/assisted_visit.py)
        card = identity.card
        if card is not None and card.is_expired(self._today()):
            raise ValidationError("card.expired", field="identity")
        if self.identity is not None and self.identity.id_number != identity.id_number:
            # Another person's card: nothing the previous one entered or was pre-filled with may stay.
            for holder in (self.answers, self.raw_input, self.draft_input, self.photos, self.errors):
                holder.clear()
        self.identity = identity
        # What the card (or the typed number) verified fills its fields, over anything typed there
        # before: those fields are bound to the identity and cannot be changed from now on.
        for field_id, value in self.bound_fields().items():
            self.answers[field_id] = value
            self.raw_input.pop(field_id, None)
            self.errors.pop(field_id, None)
        if not self.needs_face():
            self._enter_form()
        else:
            self._changed("identity")

    def needs_face(self) -> bool:
        return (self.service is not None and self.service.identity_level == "card_face"
                and (self.identity is None or self.identity.face == FaceCheck.NOT_DONE))

    def set_face(self, check: FaceCheck, photo: bytes | None = None, score: float | None = None,
                 match: dict[str, str] | None = None) -> None:
        """The face step's outcome; `score` and `match` (matcher, model, distance, thresholds) are the
        automatic matcher's, when one compared the faces."""
        self._require(State.IDENTITY)
        if self.identity is None:
            raise SessionError("session.identity_required")
        self.identity.face = check
        self.identity.face_photo = photo
        self.identity.face_score = score
        self.identity.face_match = dict(match or {})
        self._enter_form()

    def _enter_form(self) -> None:
        self.page = 0
        self._go(State.FORM)

    def next(self, answers: dict[str, str] | None = None) -> None:
        """Forward from the guide, a form page (with what was typed on it), or a document."""
        if self.state == State.GUIDE:
            return self.begin()
        self._require(State.FORM, State.DOCUMENTS)
        if self.state == State.FORM:
            if answers:
                self.set_answers(answers, notify=False)
            if not self._validate_page():
                return self._changed("error")
            if self.returning_to_review:
                drafted = self._first_page_with_drafts()
                if drafted is not None:  # typed on a page a mode switch split: that first, then the review
                    self.page = drafted
                    return self._changed("page")
                self.returning_to_review = False
                return self._go(State.REVIEW)
            if self.page + 1 < len(self.pages()):
                self.page += 1
                return self._changed("page")
            if self.service.photo_fields:
                self.doc_index = 0
                return self._go(State.DOCUMENTS)
            return self._go(State.REVIEW)
        field = self.service.photo_fields[self.doc_index]
        if field.required and field.id not in self.photos:
            self.errors[field.id] = ValidationError("photo.missing", field=field.id)
            return self._changed("error")
        self.errors.pop(field.id, None)
        if self.returning_to_review or self.doc_index + 1 >= len(self.service.photo_fields):
            self.returning_to_review = False
            return self._go(State.REVIEW)
        self.doc_index += 1
        self._changed("page")

    def current_document(self) -> Field:
        self._require(State.DOCUMENTS)
        return self.service.photo_fields[self.doc_index]

    def add_photo(self, field_id: str, data: bytes) -> bool:
        self._require(State.DOCUMENTS)
        field = self.service.field(field_id)
        try:
            self.photos[field_id] = self._check(field, data)
        except ValidationError as error:
            self.errors[field_id] = error
            self._changed("error")
            return False
        self.errors.pop(field_id, None)
        self._changed("photo")
        return True

    def back(self) -> None:
        """One step back; nothing entered is dropped, until the resident is back at home, where
        everything personal goes (the next person may be the one who touches next)."""
        if self.state in (State.HOME, State.SUBMITTED, State.RECEIPT):
            raise SessionError(detail=f"no back from {self.state.value}")
        self.returning_to_review = False
        if self.state == State.CONSENT:
            self.consent = None
            return self._go(State.REVIEW)
        if self.state in (State.GUIDE, State.STATUS):
            self._drop_personal_data()
            self.service = None
            self.appointment = None
            return self._go(State.HOME)
        if self.state == State.IDENTITY:
            return self._go(State.GUIDE)
        if self.state == State.FORM:
            for field in self.page_fields():  # the screen handed over what it keeps (set_answers)
                self.draft_input.pop(field.id, None)
            if self.page > 0:
                self.page -= 1
                return self._changed("page")
            return self._go(State.IDENTITY)
        if self.state == State.DOCUMENTS:
            if self.doc_index > 0:
                self.doc_index -= 1
                return self._changed("page")
            self.page = max(0, len(self.pages()) - 1)
            return self._go(State.FORM)
        # REVIEW
        if self.service.photo_fields:
            self.doc_index = len(self.service.photo_fields) - 1
            return self._go(State.DOCUMENTS)
        self.page = max(0, len(self.pages()) - 1)
        self._go(State.FORM)

    def edit(self, field_id: str) -> None:
        """From the review, jump to one answer; 'next' returns to the review.

        A field bound to the verified identity is not editable: SessionError saying why.
        """
        self._require(State.REVIEW)
        field = self.service.field(field_id)
        if field_id in self.bound_fields():
            raise SessionError(self.bound_reason(), detail=f"field {field_id} is bound to the verified identity")
        self.returning_to_review = True
        if field.is_photo:
            self.doc_index = self.service.photo_fields.index(field)
            return self._go(State.DOCUMENTS)
        self.page = next(i for i, page in enumerate(self.pages()) if field in page)
        self._go(State.FORM)

    # -- submit ----------------------------------------------------------------------

    def check_answers(self) -> None:
        """Check everything once more (the review's Submit): the verified identity's answers as verified,
        every other answer by its rules.  A refusal is kept in `submit_error`, shown and spoken on the
        review (where a refusal on the consent screen returns), and raised."""
        self._require(State.REVIEW, State.CONSENT)
        if self.identity is None:
            raise SessionError("session.identity_required")
        bound = self.bound_fields()
        try:
            for field_id, verified in bound.items():
                # Whatever a screen did: the application's identity is the one that was verified.
                if self.answers.get(field_id, "") != verified:
                    raise ValidationError("identity.mismatch", field=field_id)
            for field in self.service.fields:
                if field.id in bound:
                    continue  # equal to what was verified (checked above): the card, not the form's rules, decides
                value = self.photos.get(field.id, b"") if field.is_photo else self.answers.get(field.id, "")
                self._check(field, value)
        except ValidationError as error:
            # Shown (with the field's name) and spoken on the review screen: a refused Submit is never silent.
            self.errors[error.field] = self.submit_error = error
            self.state = State.REVIEW
            self._changed("error")
            raise
        self.submit_error = None

    def prepare_submit(self) -> Draft:
        """Check everything once more and freeze a draft; the caller commits it off the GUI thread.

        A visit a helper leads is submitted from the consent screen, once the resident confirmed."""
        self._require(State.REVIEW, State.CONSENT)
        self._require_consent()
        self.check_answers()
        bound = self.bound_fields()
        attachments = [Attachment(fid, _mime(data), data) for fid, data in self.photos.items()]
        if self.identity.face_photo:  # the live face, kept (encrypted) for the helper's or centre's check
            attachments.append(Attachment("face_photo", _mime(self.identity.face_photo), self.identity.face_photo))
        draft = Draft(
            service_id=self.service.id, locale=self.locale, answers=dict(self.answers),
            attachments=attachments,
            identity=self.identity.record(), id_number=self.identity.id_number,
            verified={**self.identity.verified(),
                      "bound_answers": {fid: self.service.field(fid).prefill for fid in bound}}
            if self.identity.id_number else {},
            parts=tuple(part.id for part in self.service.parts),
            appointment=self.appointment.reference if self.appointment else "",
            visit_seconds=round(self._clock() - self.visit_started, 1) if self.visit_started is not None else None,
            card_photo=self.identity.card.photo if self.identity.card is not None
            and self.identity.face == FaceCheck.HELPER_TO_CONFIRM else None,
        )
        draft = self.finish_draft(draft, bound)
        self._go(State.SUBMITTED)
        return draft

    def submitted(self, receipt: Receipt) -> None:
        self._require(State.SUBMITTED)
        self.receipt = receipt
        # The answers are safe in the store: drop them from memory now.
        self._drop_personal_data()
        self._go(State.RECEIPT, "receipt")

    def submit_failed(self, error: KioskError) -> None:
        """The commit failed (e.g. disk full): back to the review with everything kept."""
        self._require(State.SUBMITTED)
        self.submit_error = error
        self._go(State.REVIEW, "error")

    def submit(self, commit: Callable[[Draft], Receipt]) -> Receipt:
        """Synchronous submit (tests, command line): prepare, commit, show the receipt."""
        draft = self.prepare_submit()
        try:
            receipt = commit(draft)
        except KioskError as error:
            self.submit_failed(error)
            raise
        self.submitted(receipt)
        return receipt

    def start_rating(self) -> None:
        """From the receipt ('Done') to the rating screen: five choices, or Skip.

        The notice goes: the application is done, and the anonymous rating is a page of its own.  A
        helper called before it still comes (the request is in the helpers' queue, and it was said);
        above the rating, "a helper is coming to you" would read as the rating's own call for help,
        and be kept with a low rating as one (RatingScreen: helper_called).  A helper called from the
        rating shows its notice there."""
        self._require(State.RECEIPT)
        self.rating_level = ""
        self.rating_reasons = []
        self.notice, self.notice_error = None, None
        self._go(State.RATING)

    def choose_rating(self, level: str) -> None:
        """A low level (不满意, 非常不满意) stays on the rating screen to ask for reasons; the screen
        records a high one at once (kiosk/ratings.py) and finishes."""
        self._require(State.RATING)
        self.rating_level = level
        self._changed("rating")

    def toggle_rating_reason(self, reason: str) -> None:
        """Tick or untick one reason for a low rating."""
        self._require(State.RATING)
        if reason in self.rating_reasons:
            self.rating_reasons.remove(reason)
        else:
            self.rating_reasons.append(reason)
        self._changed("rating")

    def finish(self) -> None:
        """The resident is done (receipt screen 'finish'), or cancels anywhere."""
        self.wipe("finished")

    cancel = finish

    # -- idle ----------------------------------------------------------------------------

    def is_fresh(self) -> bool:
        """Nothing here differs from what the next resident should find (the idle timer leaves it be)."""
        d = self.defaults
        return (self.state == State.HOME and self.locale == d.locale and self.elder_mode == d.elder_mode
                and self.volume == d.volume and self.rate == self.default_rate()
                and not self.sound_panel_open and self.notice is None
                and self.service is None and self.identity is None and self.receipt is None
                and not (self.answers or self.raw_input or self.draft_input or self.photos or self.errors
                         or self.status_results))

    def touch(self) -> None:
        """Any touch: the resident is here."""
        if self.idle.touch():
            self._changed("still_here")

    still_here = touch

    @property
    def warning_since(self) -> float | None:
        return self.idle.warning_since

    @property
    def last_touch(self) -> float:
        return self.idle.last_touch

    @last_touch.setter
    def last_touch(self, value: float) -> None:
        self.idle.last_touch = value

    def countdown_left(self) -> float:
        return self.idle.countdown_left()

    def tick(self) -> None:
        """Called about once a second: raises the idle warning, then wipes."""
        if self.is_fresh() or (self.state == State.SUBMITTED and not self.idle.warning):
            return
        event = self.idle.tick()
        if event == "warning":
            self._changed("idle_warning")
        elif event == "expired":
            self.wipe("idle")
        elif event == "countdown":
            self._changed("countdown")

    def _drop_personal_data(self) -> None:
        self._drop_assisted_data()
        for holder in (self.answers, self.raw_input, self.draft_input, self.photos, self.errors):
            holder.clear()
        self.status_results = None
        if self.identity is not None:
            self.identity.face_photo = None
            self.identity.card = None
            self.identity.id_number = ""
        self.identity = None

    def wipe(self, reason: str = "wipe") -> None:
        """End the visit: drop all the resident's data and return to a fresh home screen."""
        self._drop_personal_data()
        self._reset()
        self._changed("wiped:" + reason)


def _mime(data: bytes) -> str:
    return "image/png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "image/jpeg"
