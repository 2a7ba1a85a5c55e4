"""The form part of a resident's session: its pages, the answers, and their validation.

A mixin of `kiosk.session.Session`, kept apart because it is one concept: which
fields a screen shows (one in elder mode, a few otherwise), what the resident
answered, what they typed that did not validate (kept, never lost) and why.
It uses the session's `service`, `elder_mode`, `defaults`, `page`, `identity`,
`answers`, `raw_input`, `draft_input`, `errors`, `_today`, `_require_form` and `_changed`.

Bound fields: a field pre-filled from what the identity step verified (the card's
name, number, sex...; or the number typed with a helper) holds that value and no
other.  `set_answers` refuses a different one, and the session refuses to edit or
submit it: the application's identity is the verified identity, whatever a screen does.
"""

from __future__ import annotations

from kiosk import fields as field_rules
from kiosk.catalog import Field
from kiosk.errors import ValidationError
from kiosk.identity import CardKind


class FormPages:
    def fields_per_page(self) -> int:
        return 1 if self.elder_mode else self.defaults.fields_per_page

    def pages(self) -> list[tuple[Field, ...]]:
        fields = self.service.form_fields
        size = self.fields_per_page()
        return [fields[i:i + size] for i in range(0, len(fields), size)]

    def page_fields(self) -> tuple[Field, ...]:
        pages = self.pages()
        return pages[self.page] if pages and self.page < len(pages) else ()

    def set_answer(self, field_id: str, value: str) -> bool:
        """Record an answer; returns False (and keeps the raw text and the error) when invalid."""
        return self.set_answers({field_id: value})

    def bound_fields(self) -> dict[str, str]:
        """{field id: verified value} for the form's fields bound to the verified identity."""
        if self.identity is None or self.service is None:
            return {}
        sources = self._binding_sources()
        return {field.id: self._verified_value(field, sources[field.prefill]) for field in self.service.fields
                if field.prefill and field.prefill in sources}

    def _binding_sources(self) -> dict[str, str]:
        """{pre-fill source: value} the form's fields are bound to: what the identity step verified."""
        return self.identity.verified_sources()

    def _card_bound(self) -> bool:
        return self.identity is not None and self.identity.card_verified

    def bound_reason(self) -> str:
        """The message code saying why a bound field cannot be changed (card, or typed number)."""
        return "identity.card_field" if self._card_bound() else "identity.typed_field"

    def bound_note(self) -> str:
        """The message code of the words shown beside a bound value: where it came from."""
        return "identity.from_card" if self._card_bound() else "identity.from_typed_number"

    def _verified_value(self, field: Field, raw: str) -> str:
        """The verified value as the field stores it (normalised), or as read when the field's rules refuse it.

        The card is the authority on its holder's name and address: a rare character the form's
        character set lacks (many are outside the common Han block) or a longer address than the form
        expects must not leave a resident facing a refusal they cannot correct.  The card reader has
        already refused control and bidi characters and checked the number (devices/card/checks.py).
        """
        try:
            return self._check(field, raw)
        except ValidationError:
            return raw

    def set_answers(self, values: dict[str, str], *, notify: bool = True) -> bool:
        """Record several answers at once (one screen's worth); False if any did not validate.

        A bound field keeps its verified value: a different one is refused with an error
        saying why (identity.card_field / identity.typed_field).
        """
        self._require_form()
        ok = True
        bound = self.bound_fields()
        for field_id, value in values.items():
            field = self.service.field(field_id)
            self.draft_input.pop(field_id, None)  # taken: from now on the answer (or its error) is shown
            if field_id in bound:
                if self._verified_value(field, value) != bound[field_id]:
                    self.errors[field_id] = ValidationError(self.bound_reason(), field=field_id)
                    ok = False
                else:
                    self.errors.pop(field_id, None)
                self.answers[field_id] = bound[field_id]
                self.raw_input.pop(field_id, None)
                continue
            try:
                self.answers[field_id] = self._check(field, value)
            except ValidationError as error:
                self.raw_input[field_id] = value
                self.answers.pop(field_id, None)
                self.errors[field_id] = error
                ok = False
            else:
                self.raw_input.pop(field_id, None)
                self.errors.pop(field_id, None)
        if notify:
            self._changed("answer" if ok else "error")
        return ok

    def _check(self, field: Field, value):
        foreign = bool(self.identity and self.identity.card and self.identity.card.kind == CardKind.FOREIGN_PERMANENT)
        return field_rules.validate(field, value, self._today(), foreign_card=foreign)

    def shown_value(self, field_id: str) -> str:
        """What the field's widget shows: a draft kept over a language or mode switch, else the typed
        text if it did not validate, else the answer."""
        if field_id in self.draft_input:
            return self.draft_input[field_id]
        return self.raw_input.get(field_id, self.answers.get(field_id, ""))

    def keep_draft(self, values: dict[str, str]) -> None:
        """Keep what is typed on the form page while its screen is built again (the language or elder
        mode changed): shown as typed, half-typed too, with no error until "Next" takes it.  Elder mode
        splits a page into one question a screen: each question keeps its draft until it comes."""
        self._require_form()
        bound = self.bound_fields()
        for field_id, value in values.items():
            self.service.field(field_id)  # a field of this service, or CatalogError
            if field_id not in bound:  # a verified value is shown as verified, never as a draft
                self.draft_input[field_id] = value

    def _first_page_with_drafts(self) -> int | None:
        """The first page with a draft not yet taken (after a mode switch split the page it was typed on)."""
        return next((i for i, page in enumerate(self.pages()) if any(f.id in self.draft_input for f in page)),
                    None)

    def _validate_page(self) -> bool:
        bound = self.bound_fields()
        for field in self.page_fields():
            if field.id in bound:  # the verified value, which nobody can change: nothing to correct here
                self.answers[field.id] = bound[field.id]
                self.errors.pop(field.id, None)
                continue
            if field.id in self.raw_input:
                continue  # already carries its error
            try:
                self.answers[field.id] = self._check(field, self.answers.get(field.id, ""))
                self.errors.pop(field.id, None)
            except ValidationError as error:
                self.errors[field.id] = error
        return not any(field.id in self.errors for field in self.page_fields())

    def review_items(self) -> list[tuple[Field, str]]:
        return [(field, self.answers.get(field.id, "")) for field in self.service.form_fields]
