"""The verified identity is the application's identity (DESIGN.md, "Identity"), driven without Qt.

Once a card (or an ID number typed with a helper) has verified who the resident
is, the form fields it pre-filled hold its values: the form refuses another
value, the review refuses to edit them, and the core refuses a submit whose
answers differ, whatever a screen did.  The stored application carries what was
verified (sealed), for the centre.
"""

from __future__ import annotations

import dataclasses

import pytest

from kiosk import applications, id_number
from kiosk.errors import SessionError, ValidationError
from kiosk.identity import FaceCheck, Identity, IdentityMethod, Liveness
from kiosk.session import Session, State

from factories import TINY_JPEG, answer_to_review, fill_to_review, make_card

CARD_METHODS = [IdentityMethod.ID_CARD, IdentityMethod.SMART_CARD, IdentityMethod.SIMULATED]


def at_form(catalog, service_id: str, identity: Identity) -> Session:
    session = Session(catalog)
    session.choose_service(service_id)
    session.next()
    session.identify(identity)
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    assert session.state == State.FORM
    return session


def never_commit(draft):
    raise AssertionError("a refused submit must not reach the store")


@pytest.mark.parametrize("method", CARD_METHODS)
@pytest.mark.parametrize("field_id, other", [("name", "王五"), ("id_number", id_number.make("110101", make_card().birth_date, 31)),
                                            ("birth_date", "1960-01-01")])
def test_a_card_field_cannot_be_changed_on_the_form(catalog, card, method, field_id, other):
    session = at_form(catalog, "senior_card", Identity.from_card(card, method))
    before = session.answers[field_id]
    assert not session.set_answer(field_id, other)
    assert session.answers[field_id] == before and session.shown_value(field_id) == before
    error = session.errors[field_id]
    assert error.code == "identity.card_field"
    assert "不能修改" in error.text("zh_CN") and "cannot be changed" in error.text("en")
    assert "helper" in error.text("en")  # the way to apply for someone else


def test_the_same_value_in_another_spelling_is_accepted(catalog):
    card = next(c for c in (make_card(sequence=n) for n in range(1, 400)) if c.id_number.endswith("X"))
    session = at_form(catalog, "senior_card", Identity.from_card(card, IdentityMethod.ID_CARD))
    assert session.set_answer("id_number", card.id_number.lower().replace("0", "0 ", 1))
    assert session.answers["id_number"] == card.id_number and "id_number" not in session.errors


@pytest.mark.parametrize("field_id", ["name", "id_number", "sex"])
def test_a_card_field_cannot_be_edited_from_the_review(catalog, card, field_id):
    session = Session(catalog)
    fill_to_review(session, "social_security_card", card)
    with pytest.raises(SessionError) as refused:
        session.edit(field_id)
    assert refused.value.code == "identity.card_field" and "cannot be changed" in refused.value.text("en")
    assert session.state == State.REVIEW
    session.edit("mobile")  # the resident's own answers still can be
    assert session.state == State.FORM


@pytest.mark.parametrize("method", CARD_METHODS)
@pytest.mark.parametrize("field_id, other", [("name", "王五"), ("id_number", id_number.make("110101", make_card().birth_date, 31)),
                                            ("sex", "m")])
def test_a_submit_whose_answers_differ_from_the_card_is_refused(catalog, store, card, method, field_id, other):
    session = Session(catalog)
    fill_to_review(session, "social_security_card", card)
    session.identity.method = method
    session.answers[field_id] = other  # whatever a screen (or anything else) did to the answers
    with pytest.raises(ValidationError) as refused:
        session.submit(never_commit)
    assert refused.value.code == "identity.mismatch" and refused.value.field == field_id
    assert "不能提交" in refused.value.text("zh_CN") and "cannot be submitted" in refused.value.text("en")
    assert session.state == State.REVIEW and session.errors[field_id].code == "identity.mismatch"
    assert store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0


def test_a_missing_card_answer_is_refused_too(catalog, card):
    session = Session(catalog)
    fill_to_review(session, "senior_card", card)
    del session.answers["name"]
    with pytest.raises(ValidationError) as refused:
        session.submit(never_commit)
    assert refused.value.code == "identity.mismatch"


def test_a_typed_number_is_bound_and_the_rest_is_the_residents(catalog, card):
    typed = card.id_number
    session = at_form(catalog, "senior_card", Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=typed))
    assert session.answers["id_number"] == typed and set(session.bound_fields()) == {"id_number"}
    assert not session.set_answer("id_number", id_number.make("110101", card.birth_date, 31))
    error = session.errors["id_number"]
    assert error.code == "identity.typed_field" and "go back" in error.text("en")
    assert session.set_answer("name", "王五")  # no card: the name is the resident's (and the helper's) to type
    # To change the number: back to the identity step, type it again; the new number is bound.
    other = id_number.make("110101", card.birth_date, 31)
    while session.state != State.IDENTITY:
        session.back()
    session.identify(Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=other))
    assert session.answers["id_number"] == other and "name" not in session.answers


def test_a_card_after_a_typed_number_fills_its_fields_over_what_was_typed(catalog, store, card):
    session = at_form(catalog, "senior_card", Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=card.id_number))
    assert session.set_answer("name", "王五")
    session.back()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))  # the same person's card after all
    assert session.answers["name"] == card.name
    answer_to_review(session)
    session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert session.state == State.RECEIPT


def test_the_application_carries_what_was_verified_sealed(catalog, store, card):
    session = Session(catalog)
    session.choose_service("social_security_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    session.identity.liveness = Liveness.PASSED
    session.set_face(FaceCheck.MATCHED, TINY_JPEG, score=0.71)
    answer_to_review(session)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    stored = applications.load(store, receipt.application_uuid)
    assert stored.verified == {
        "method": "id_card", "id_number": card.id_number, "card_kind": "resident",
        "face_check": "matched", "face_score": 0.71, "liveness": "passed",
        "bound_answers": {"name": "card.name", "sex": "card.sex", "id_number": "card.id_number"},
    }
    assert stored.answers["id_number"] == card.id_number
    # Sealed at rest like every personal datum: the number is nowhere in the database file in clear.
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = b"".join(path.read_bytes() for path in store.path.parent.glob(store.path.name + "*"))
    assert card.id_number.encode() not in raw


def test_a_typed_number_is_recorded_as_typed(catalog, store, card):
    session = at_form(catalog, "senior_card", Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=card.id_number))
    answer_to_review(session)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    verified = applications.load(store, receipt.application_uuid).verified
    assert verified["method"] == "keypad_with_helper" and verified["id_number"] == card.id_number
    assert verified["card_kind"] is None and verified["face_score"] is None
    assert verified["bound_answers"] == {"id_number": "card.id_number"}


def test_another_persons_card_replaces_the_binding(catalog, card):
    other = dataclasses.replace(make_card(name="赵六", sequence=35))
    session = at_form(catalog, "senior_card", Identity.from_card(other, IdentityMethod.ID_CARD))
    session.back()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    assert session.bound_fields()["name"] == card.name and session.answers["id_number"] == card.id_number


def test_an_identity_without_a_number_binds_nothing_and_claims_nothing(catalog, store):
    session = at_form(catalog, "senior_card", Identity(IdentityMethod.QR_CODE))
    assert session.bound_fields() == {}
    answer_to_review(session)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert applications.load(store, receipt.application_uuid).verified == {}  # nothing verified: nothing sent


def test_a_card_name_with_a_rare_character_goes_through_as_the_card_says(catalog, store):
    """Many names hold characters outside the common Han block (here U+2420C, CJK Extension B).  The
    form's character rules would refuse them, and the resident cannot type over the card: the card decides."""
    card = make_card(name="王\U0002420c华")
    session = Session(catalog)
    fill_to_review(session, "senior_card", card)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert applications.load(store, receipt.application_uuid).answers["name"] == card.name


@pytest.mark.parametrize("score, sent", [(0.712345, 0.7123), (1.0000001, 1.0), (-1.5, -1.0), (float("nan"), None),
                                         (float("inf"), None), (None, None)])
def test_the_face_score_is_sent_within_the_protocols_range(card, score, sent):
    """A matcher's rounding must not get an application refused by the centre (scores are -1..1), and a
    score that is not a number is no score, never a perfect match."""
    identity = Identity.from_card(card, IdentityMethod.ID_CARD)
    identity.face_score = score
    assert identity.verified()["face_score"] == sent
