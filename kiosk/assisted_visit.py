"""The guided, proxy and correction parts of a resident's session (帮办, 代办, correct and resend).

A mixin of `kiosk.session.Session`, kept apart because it is one concept: a station helper leads
the visit.  It uses the session's `state`, `service`, `catalog`, `identity`, `answers`, `raw_input`,
`errors`, `photos`, `defaults`, `_require`, `_go`, `_changed` and `_check`.

- `start_guided` / `start_proxy` / `start_correction`: a signed-in helper starts a visit.  The
  session then knows who helps (`assistance`); every screen shows it.
- Identity is still proven by the resident (the agent, in a proxy visit); a correction must be
  proven by the same person the old application verified.
- Before submit the resident confirms: `ask_consent()` (from the review, after every check), then
  `consent_by_card()` (the same card again) or `consent_by_signature()`; only then does
  `prepare_submit` freeze the draft, which `finish_draft` completes with `assisted_by`, the consent,
  the proxy's two people and the link to a corrected application.
- A station in outreach mode (`Defaults.guided_only`) starts no service without a helper.
"""

from __future__ import annotations

from kiosk import proxy
from kiosk.applications import Attachment, Draft
from kiosk.corrections import CorrectionSource
from kiosk.errors import SessionError, ValidationError
from kiosk.guided import (
    GUIDED, PROXY, SIGNATURE, SIGNATURE_ATTACHMENT, Assistance, Consent, can_confirm_by_card, confirm_by_card,
    confirm_by_signature,
)
from kiosk.identity import CardData, Identity
from kiosk.signature import Signature
from kiosk.staff import Helper
from kiosk.visit_state import State


class AssistedVisit:
    # -- bookkeeping (called by Session._reset and _drop_personal_data) -------------------------

    def _reset_assistance(self) -> None:
        self.assistance: Assistance | None = None
        self.consent: Consent | None = None
        self.consent_way = ""  # "signature" once the resident chose to sign (elder mode: one way a screen)
        self.correction: CorrectionSource | None = None
        self.corrected_number = ""  # the number of the application a correction replaced (for the receipt)

    def _drop_assisted_data(self) -> None:
        """At the receipt or the end of a visit: the signature and what a correction started from go.
        (Who helped, and which number was corrected, stay until the visit ends: the receipt says them.)"""
        if self.correction is not None and self.state == State.SUBMITTED:  # committed: the receipt says it
            self.corrected_number = self.correction.old_number
        self.consent = None
        self.correction = None

    @property
    def is_proxy(self) -> bool:
        return self.assistance is not None and self.assistance.is_proxy

    # -- starting -----------------------------------------------------------------------------

    def start_guided(self, helper: Helper, service_id: str | None = None) -> None:
        """From home: a helper leads the visit; with `service_id` its guide opens at once, else the
        home screen waits for the helper (or resident) to pick a tile."""
        self._require_helper_at_home(helper)
        service = self.catalog.service(service_id) if service_id else None
        self.assistance = Assistance(GUIDED, helper.number, helper.name)
        if service is None:
            return self._changed("assistance")
        self.service = service
        self._go(State.GUIDE)

    def start_proxy(self, helper: Helper, service_id: str) -> None:
        """From home: an agent applies for a principal who cannot come; CatalogError("proxy.not_allowed")
        for a service the catalog does not open to proxies."""
        self._require_helper_at_home(helper)
        service = proxy.service_for_proxy(self.catalog.service(service_id))
        self.assistance = Assistance(PROXY, helper.number, helper.name)
        self.service = service
        self._go(State.GUIDE)

    def start_correction(self, helper: Helper, source: CorrectionSource) -> None:
        """From home: correct an application the centre set aside, with the resident present.  The form
        is filled in from the old application; the identity step comes first (the resident proves who
        they are again, and must be the person the old application verified)."""
        self._require_helper_at_home(helper)
        service = self.catalog.service(source.service_id)
        if source.mode == PROXY:
            service = proxy.service_for_proxy(service)
        self.assistance = Assistance(source.mode, helper.number, helper.name)
        self.service, self.correction = service, source
        for field in service.fields:
            if field.is_photo:
                if field.id in source.photos:
                    self.photos[field.id] = source.photos[field.id]
                continue
            if field.id not in source.answers:
                continue
            try:
                self.answers[field.id] = self._check(field, source.answers[field.id])
            except ValidationError as error:  # the rules changed since: shown as typed, with why
                self.raw_input[field.id], self.errors[field.id] = source.answers[field.id], error
        self._go(State.IDENTITY)

    def _require_helper_at_home(self, helper: Helper | None) -> None:
        if helper is None:
            raise SessionError("guided.helper_required")
        self._require(State.HOME)

    def _require_assistance_for_service(self) -> None:
        """Outreach: every application is guided; a tile touched with no helper is refused, saying why."""
        if self.defaults.guided_only and self.assistance is None:
            raise SessionError("outreach.helper_required")

    # -- identity --------------------------------------------------------------------------------

    def _check_identity(self, identity: Identity) -> None:
        """Refuse an identity this visit cannot take: a proxy's agent needs a card (their name is what
        the card says), and a correction the same person as the application it corrects."""
        if self.is_proxy and identity.card is None:
            raise ValidationError("proxy.card_required", field="identity")
        if (self.correction is not None and self.correction.id_number
                and identity.id_number != self.correction.id_number):
            raise ValidationError("correction.other_person", field="identity")

    def _binding_sources(self) -> dict[str, str]:
        """The values the form's card-filled questions are bound to: in a proxy visit the principal's
        validated answers (the application is theirs), else what the identity step verified."""
        if self.is_proxy:
            principal = proxy.principal_from_answers(self.answers)
            return principal.sources() if principal is not None else {}
        return super()._binding_sources()

    def bound_reason(self) -> str:
        return "proxy.principal_field" if self.is_proxy else super().bound_reason()

    def bound_note(self) -> str:
        return "proxy.from_principal" if self.is_proxy else super().bound_note()

    def _check(self, field, value):
        value = super()._check(field, value)
        if field.id == proxy.PRINCIPAL_ID and self.is_proxy and self.identity is not None:
            proxy.check_not_agent(value, self.identity.id_number)
        return value

    def set_answers(self, values: dict[str, str], *, notify: bool = True) -> bool:
        ok = super().set_answers(values, notify=False)
        if self.is_proxy and any(proxy.is_principal_field(field_id) for field_id in values):
            # The principal's answers changed: the questions bound to them follow.
            for field_id, value in self.bound_fields().items():
                self.answers[field_id] = value
                self.raw_input.pop(field_id, None)
                self.errors.pop(field_id, None)
        if notify:
            self._changed("answer" if ok else "error")
        return ok

    def pages(self):
        """In a proxy visit the principal's questions have page(s) of their own, before the rest: the
        questions bound to them are never on the page where they are still being typed."""
        if not self.is_proxy:
            return super().pages()
        size = self.fields_per_page()
        own = [f for f in self.service.form_fields if proxy.is_principal_field(f.id)]
        rest = [f for f in self.service.form_fields if not proxy.is_principal_field(f.id)]
        return [tuple(part[i:i + size]) for part in (own, rest) for i in range(0, len(part), size)]

    # -- consent -------------------------------------------------------------------------------

    def consent_needed(self) -> bool:
        return self.assistance is not None

    def can_consent_by_card(self) -> bool:
        return can_confirm_by_card(self.identity)

    def ask_consent(self) -> None:
        """From the review: after every check passed, the resident confirms (card again or signature)."""
        self._require(State.REVIEW)
        if not self.consent_needed():
            raise SessionError(detail="a self-service application is submitted from the review")
        self.check_answers()  # a refusal is shown on the review, as for a self-service submit
        self.consent, self.consent_way = None, ""
        self.errors.pop("consent", None)
        self._go(State.CONSENT)

    def choose_consent_way(self, way: str) -> None:
        """On the consent screen: "signature" to sign, "" for the card again (elder mode shows one)."""
        self._require(State.CONSENT)
        self.consent_way = "signature" if way == "signature" else ""
        self._changed("consent_way")

    def consent_by_card(self, card: CardData) -> None:
        """The card laid on the reader on the consent screen; ValidationError if it is not the card
        verified at the identity step (the error stays on the screen)."""
        self.record_consent(_made(lambda: confirm_by_card(self.identity, card)))

    def consent_by_signature(self, signature: Signature) -> None:
        """The signature drawn on the consent screen; ValidationError if it is not one.  (Drawing its PNG
        takes tens of milliseconds: the screen makes the consent off the GUI thread with
        `kiosk.guided.confirm_by_signature` and hands it to `record_consent`.)"""
        self.record_consent(_made(lambda: confirm_by_signature(signature)))

    def record_consent(self, made: Consent | ValidationError) -> None:
        """Keep the consent given (or the reason it was not: kept, shown on the screen, and raised)."""
        self._require(State.CONSENT)
        if isinstance(made, ValidationError):
            self.errors["consent"] = made
            self._changed("error")
            raise made
        if not isinstance(made, Consent):
            raise SessionError(detail="not a consent")
        self.consent = made
        self.errors.pop("consent", None)
        self._changed("consent")

    def _require_consent(self) -> None:
        if self.consent_needed() and (self.state != State.CONSENT or self.consent is None):
            raise SessionError("consent.required")

    # -- the draft -------------------------------------------------------------------------------

    def finish_draft(self, draft: Draft, bound: dict[str, str]) -> Draft:
        """Add who helped, the consent and (for a proxy) both people to a frozen draft."""
        if self.assistance is None:
            return draft
        draft.assistance, draft.assisted_by = self.assistance.mode, self.assistance.helper_number
        draft.consent = self.consent.wire()
        if self.consent.method == SIGNATURE:
            draft.attachments.append(Attachment(SIGNATURE_ATTACHMENT, "image/png", self.consent.signature_png))
        if self.correction is not None:
            draft.corrects = self.correction.old_uuid
        if self.is_proxy:
            principal = proxy.principal_from_answers(self.answers)
            if principal is None:  # never: the principal's questions are required
                raise SessionError("session.bad_state", detail="proxy without a principal")
            draft.answers = {key: value for key, value in draft.answers.items() if not proxy.is_principal_field(key)}
            sources = {field_id: self.service.field(field_id).prefill for field_id in bound}
            draft.proxy = proxy.wire(principal, self.identity.card.name, self.identity.id_number, sources)
            draft.id_number = principal.id_number  # the applicant finds it later with their own card
            if draft.verified:
                draft.verified["bound_answers"] = {}  # nothing of the form is bound to the agent's card
        return draft



def _made(make) -> Consent | ValidationError:
    try:
        return make()
    except ValidationError as error:
        return error
