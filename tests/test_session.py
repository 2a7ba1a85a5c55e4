"""The resident's journey, driven without Qt."""

import datetime as _dt

import pytest

from kiosk import applications, samples, receipts
from kiosk.errors import SessionError, StoreError, ValidationError
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.session import Defaults, Session, State

from factories import TINY_JPEG, fill_to_review, make_card


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def session(catalog, clock):
    return Session(catalog, Defaults(idle_warning_after_s=60, idle_countdown_s=20), clock=clock)


@pytest.mark.parametrize("service_id", ["social_security_card", "senior_card", "residence_permit",
                                        "household_certificate", "housing_fund_withdrawal", "newborn_bundle"])
def test_every_service_goes_home_to_receipt_and_back(catalog, store, card, service_id):
    session = Session(catalog)
    fill_to_review(session, service_id, card)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert session.state == State.RECEIPT and session.receipt == receipt
    stored = applications.load(store, receipt.application_uuid)
    assert stored.service_id == service_id
    assert len(stored.attachments) == len(catalog.service(service_id).photo_fields)
    session.finish()
    assert session.state == State.HOME and session.is_fresh()


def test_form_is_prefilled_from_the_card(session, card):
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    assert session.state == State.FORM
    assert session.answers["name"] == card.name
    assert session.answers["id_number"] == card.id_number
    assert session.answers["birth_date"] == card.birth_date.isoformat()


def test_elder_mode_asks_one_question_a_screen_and_keeps_place(session, card):
    session.choose_service("residence_permit")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    assert len(session.page_fields()) == 4
    session.set_elder_mode(True)
    assert len(session.page_fields()) == 1
    session.set_answer("mobile", "13800138000")
    session.page = 3
    field = session.page_fields()[0]
    session.set_elder_mode(False)
    assert field in session.page_fields()


def test_expired_card_is_refused_in_words(session):
    session.choose_service("senior_card")
    session.next()
    expired = make_card(valid_until=_dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as caught:
        session.identify(Identity.from_card(expired, IdentityMethod.ID_CARD))
    assert caught.value.code == "card.expired" and "expired" in caught.value.text("en")
    assert session.state == State.IDENTITY


def test_bad_answer_keeps_what_was_typed_and_blocks_next(session, card):
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    assert not session.set_answer("mobile", "1380013800")
    assert session.shown_value("mobile") == "1380013800"
    assert session.errors["mobile"].code == "mobile.invalid"
    session.next()
    assert session.state == State.FORM and session.page == 0
    assert session.set_answer("mobile", "13800138000") and "mobile" not in session.errors


def test_back_from_every_step_loses_nothing(session, card):
    fill_to_review(session, "residence_permit", card)
    answers, photos = dict(session.answers), dict(session.photos)
    expected = [State.DOCUMENTS, State.DOCUMENTS, State.FORM, State.FORM, State.IDENTITY, State.GUIDE]
    seen = []
    while session.state != State.GUIDE:
        session.back()
        seen.append(session.state)
    assert seen == expected
    assert session.answers == answers and session.photos == photos
    session.back()  # home: the next touch may be someone else's
    assert session.state == State.HOME and session.answers == {} and session.photos == {}


def test_edit_from_review_returns_to_review(session, card):
    fill_to_review(session, "senior_card", card)
    session.edit("mobile")
    assert session.state == State.FORM and any(f.id == "mobile" for f in session.page_fields())
    session.set_answer("mobile", "13900139000")
    session.next()
    assert session.state == State.REVIEW
    assert dict((f.id, v) for f, v in session.review_items())["mobile"] == "13900139000"


def test_missing_document_photo_is_asked_for(session, card):
    session.choose_service("residence_permit")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    while session.state == State.FORM:
        for field in session.page_fields():
            session.set_answer(field.id, session.answers.get(field.id) or samples.answer_for(field))
        session.next()
    assert session.state == State.DOCUMENTS
    session.next()
    document = session.current_document()
    assert session.state == State.DOCUMENTS and session.errors[document.id].code == "photo.missing"
    assert not session.add_photo(document.id, b"not an image")
    assert session.add_photo(document.id, TINY_JPEG) and document.id not in session.errors


def test_card_face_service_waits_for_the_face_step(session, card):
    session.choose_service("social_security_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    assert session.state == State.IDENTITY and session.needs_face()
    session.set_face(FaceCheck.HELPER_TO_CONFIRM, TINY_JPEG)
    assert session.state == State.FORM


def test_failed_commit_returns_to_review_with_everything_kept(session, card):
    fill_to_review(session, "senior_card", card)
    answers = dict(session.answers)

    def disk_full(draft):
        raise StoreError("store.disk_full")

    with pytest.raises(StoreError):
        session.submit(disk_full)
    assert session.state == State.REVIEW and session.answers == answers
    assert "full" in session.submit_error.text("en")


def test_actions_out_of_order_are_refused(session):
    with pytest.raises(SessionError):
        session.next()
    with pytest.raises(SessionError):
        session.back()
    with pytest.raises(SessionError):
        session.prepare_submit()


def test_idle_warning_then_wipe_resets_everything(session, card, clock):
    session.set_locale("en")
    session.set_elder_mode(True)
    session.set_volume(0.3)
    fill_to_review(session, "senior_card", card)
    events = []
    session.add_listener(events.append)
    clock.now += 59
    session.tick()
    assert session.warning_since is None
    clock.now += 1
    session.tick()
    assert "idle_warning" in events and session.countdown_left() == 20
    clock.now += 10
    session.tick()
    assert session.state == State.REVIEW and session.countdown_left() == 10
    clock.now += 10
    session.tick()
    assert events[-1] == "wiped:idle"
    assert session.state == State.HOME and session.is_fresh()
    assert (session.locale, session.elder_mode, session.volume) == ("zh_CN", False, 0.8)
    assert session.answers == {} and session.identity is None and session.photos == {}


def test_still_here_cancels_the_wipe(session, card, clock):
    fill_to_review(session, "senior_card", card)
    clock.now += 60
    session.tick()
    clock.now += 15
    session.still_here()
    clock.now += 30
    session.tick()
    assert session.state == State.REVIEW and session.warning_since is None


def test_a_fresh_home_screen_never_warns(session, clock):
    clock.now += 10_000
    session.tick()
    assert session.warning_since is None


CHANGES_ON_HOME = {
    "rate": lambda s: s.set_rate(s.rate - 20),
    "volume": lambda s: s.set_volume(0.4),
    "locale": lambda s: s.set_locale("en"),
    "elder_mode": lambda s: s.set_elder_mode(True),
    "sound_panel": lambda s: s.set_sound_panel(True),
    "notice": lambda s: s.show_notice("help_coming"),
}


@pytest.mark.parametrize("change", sorted(CHANGES_ON_HOME))
def test_whatever_a_resident_changed_on_home_is_reset_for_the_next_one(session, clock, change):
    """A resident who slows the voice (or opens the sound panel, calls a helper ...) on the home
    screen and walks away: the idle timer warns and wipes it, as on any other screen."""
    CHANGES_ON_HOME[change](session)
    assert session.state == State.HOME and not session.is_fresh()
    events = []
    session.add_listener(events.append)
    clock.now += 60
    session.tick()
    assert events == ["idle_warning"]
    clock.now += 20
    session.tick()
    assert events[-1] == "wiped:idle" and session.is_fresh()
    assert (session.rate, session.volume, session.locale, session.elder_mode) == (
        session.defaults.rate_normal, session.defaults.volume, "zh_CN", False)
    assert not session.sound_panel_open and session.notice is None
    clock.now += 10_000
    session.tick()
    assert session.warning_since is None  # and now it is left alone


def test_a_foreign_permanent_residence_card_fills_and_passes_the_form(catalog, store):
    from devices.simulated.fixtures import FIXTURE_CARDS
    from kiosk.identity import CardKind

    foreign = next(card for card in FIXTURE_CARDS if card.kind == CardKind.FOREIGN_PERMANENT)
    session = Session(catalog)
    fill_to_review(session, "senior_card", foreign)
    assert session.answers["id_number"] == foreign.id_number
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert receipts.status_by_id_number(store, foreign.id_number)[0].number == receipt.number


def test_a_foreign_number_is_not_accepted_from_a_resident(session, card):
    from kiosk import fields as field_rules

    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    # The number field is the card's (bound): nothing typed replaces it, a foreign number least of all.
    assert not session.set_answer("id_number", "GBR110760214017")
    assert session.errors["id_number"].code == "identity.card_field"
    assert session.answers["id_number"] == card.id_number
    # ...and the rule itself: only a foreign card's holder has a number in that format.
    with pytest.raises(ValidationError) as refused:
        field_rules.validate(session.service.field("id_number"), "GBR110760214017", foreign_card=False)
    assert refused.value.code == "id.length"


def test_backing_out_to_home_drops_the_residents_data_and_idle_still_resets(session, card, clock):
    session.set_locale("en")
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    while session.state != State.HOME:
        session.back()
    assert session.answers == {} and session.identity is None and session.raw_input == {}
    assert session.locale == "en"  # the resident's own settings stay while they are here
    clock.now += 1000
    session.tick()
    clock.now += 1000
    session.tick()
    assert session.locale == "zh_CN" and session.is_fresh()  # ...and go after the idle wipe


def test_a_second_card_replaces_everything_the_first_filled_in(session, card):
    other = make_card(name="赵六", sequence=35)
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(other, IdentityMethod.ID_CARD))  # a spouse's card, by mistake
    session.set_answer("mobile", "13900139000")
    session.back()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    assert session.answers["name"] == card.name and session.answers["id_number"] == card.id_number
    assert "mobile" not in session.answers


def test_the_same_card_again_keeps_what_the_resident_was_correcting(session, card):
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    assert not session.set_answer("mobile", "1380013800")  # the resident's own answer, one digit short
    session.back()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))  # back, and the card once more
    # The field still shows what was typed, with its error; the card did not silently overwrite it.
    assert session.shown_value("mobile") == "1380013800" and "mobile" in session.errors
    assert "mobile" not in session.answers
    assert session.set_answer("mobile", "13800138000") and session.answers["mobile"] == "13800138000"
