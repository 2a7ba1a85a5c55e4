"""The session's form drafts: what was typed on a page, kept while a language or mode switch rebuilds it.

The screens' side is tests/test_ui_switch_keeps_typing.py; here the core's rules,
without Qt: a draft is shown as typed and not checked, "Next" takes it (and only
then checks it), a review-bound "Next" does not skip a draft a mode switch moved
to another page, and a draft is personal data like any answer: wiped with it.
"""

from __future__ import annotations

import pytest

from kiosk.identity import Identity, IdentityMethod
from kiosk.session import Defaults, Session, State

from factories import fill_to_review, make_card


@pytest.fixture
def session(catalog):
    return Session(catalog, Defaults(elder_mode=False))


def test_a_draft_is_shown_unchecked_until_next_takes_it(session):
    fill_to_review(session, "senior_card", make_card())
    session.edit("emergency_mobile")
    session.keep_draft({"emergency_mobile": "139"})
    assert session.shown_value("emergency_mobile") == "139" and "emergency_mobile" not in session.errors
    session.next({"emergency_mobile": "139"})  # the screen hands over what it shows
    assert session.state == State.FORM and session.errors["emergency_mobile"].code
    assert "emergency_mobile" not in session.draft_input


def test_back_to_review_goes_first_to_a_draft_a_mode_switch_put_on_another_page(session):
    fill_to_review(session, "senior_card", make_card())
    session.edit("emergency_contact")  # normal mode: the page with the contact and their mobile
    session.keep_draft({"emergency_contact": "李小红", "emergency_mobile": "13912345678"})
    session.set_elder_mode(True)  # one question a screen: the mobile's draft is on the next one
    session.next({"emergency_contact": "李小红"})
    assert session.state == State.FORM and [f.id for f in session.page_fields()] == ["emergency_mobile"]
    assert session.shown_value("emergency_mobile") == "13912345678"
    session.next({"emergency_mobile": "13912345678"})
    assert session.state == State.REVIEW
    assert (session.answers["emergency_contact"], session.answers["emergency_mobile"]) == ("李小红", "13912345678")


def at_the_form(session: Session, card) -> None:
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
    assert session.state == State.FORM and session.page == 0


def test_drafts_go_with_the_wipe_and_with_another_persons_card(session):
    at_the_form(session, make_card())
    session.keep_draft({"emergency_mobile": "1390000"})  # a later page's, kept over a mode switch
    session.wipe("idle")
    assert session.draft_input == {}
    at_the_form(session, make_card())
    session.keep_draft({"mobile": "1390000", "emergency_mobile": "1391111"})
    session.back()  # to the identity step: this page's draft was the screen's to hand over
    assert session.draft_input == {"emergency_mobile": "1391111"}
    session.identify(Identity.from_card(make_card(name="张伟明", sequence=31), IdentityMethod.SIMULATED))
    assert session.draft_input == {}  # nothing the previous person typed shows on the next one's form
