"""Proxy applications (代办), driven without Qt: the agent is verified, the principal is the applicant.

The agent's card is read (nothing of the agent is typed); the principal's name and ID number are
typed and validated (GB 11643 check digit), the relationship chosen from a list, the signed letter
photographed.  The service's questions about the applicant hold the principal's details and cannot
be typed over; both people go with the application, told apart, and the centre's model accepts it.
"""

from __future__ import annotations

import datetime as _dt
import string

import pytest
from hypothesis import assume, given, settings, strategies as st

from kiosk import applications, catalog as catalog_mod, id_number, proxy
from kiosk.errors import CatalogError, SessionError, ValidationError
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.session import Session, State
from kiosk.staff import Helper
from sync.protocol import ApplicationIn
from sync.worker import application_body

from factories import TINY_JPEG, answer_to_review, make_card

HELPER = Helper("H007", "张三")
AGENT = make_card(name="李大伟", sequence=31)
PRINCIPAL = make_card(name="王秀兰", born=_dt.date(1938, 3, 9), sequence=42)
TODAY = _dt.date(2026, 6, 1)


def principal_answers(name: str = PRINCIPAL.name, number: str = PRINCIPAL.id_number, relationship: str = "child"):
    return {proxy.PRINCIPAL_NAME: name, proxy.PRINCIPAL_ID: number, proxy.RELATIONSHIP: relationship}


def proxy_at_form(catalog, service_id: str = "senior_card", agent=AGENT, elder: bool = False) -> Session:
    session = Session(catalog)
    session.elder_mode = elder
    session.start_proxy(HELPER, service_id)
    session.next()
    session.identify(Identity.from_card(agent, IdentityMethod.ID_CARD))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    assert session.state == State.FORM
    return session


def to_review(session: Session) -> None:
    assert session.set_answers(principal_answers())
    session.next()
    answer_to_review(session)


# -- the principal's details ------------------------------------------------------------------------


seventeen_digits = st.from_regex(r"[1-6][0-9]{5}(19[0-9]{2}|200[0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[0-9]{3}",
                                 fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(first17=seventeen_digits, position=st.integers(0, 17), digit=st.sampled_from("0123456789X"))
def test_a_principal_number_is_taken_with_its_check_digit_and_refused_with_one_wrong(first17, position, digit):
    number = first17 + id_number.check_char(first17)
    principal = proxy.validate_principal("王秀兰", number, "child", AGENT.id_number, TODAY)
    assert principal.id_number == number
    changed = number[:position] + digit + number[position + 1:]
    assume(changed != number)
    with pytest.raises(ValidationError) as refused:
        proxy.validate_principal("王秀兰", changed, "child", AGENT.id_number, TODAY)
    assert refused.value.field == proxy.PRINCIPAL_ID and refused.value.code.startswith("id.")
    assert refused.value.text("zh_CN") and refused.value.text("en")


@settings(max_examples=200, deadline=None)
@given(name=st.text(max_size=60))
def test_any_typed_principal_name_is_taken_as_a_name_or_refused_in_words(name):
    try:
        principal = proxy.validate_principal(name, PRINCIPAL.id_number, "spouse", AGENT.id_number, TODAY)
    except ValidationError as error:
        assert error.field == proxy.PRINCIPAL_NAME
        assert error.code in ("field.required", "text.too_short", "text.too_long", "text.chars")
        return
    assert 2 <= len(principal.name) <= 50 and principal.name == principal.name.strip()
    assert all(ch.isalpha() or ch in " ·・" for ch in principal.name)


@settings(max_examples=100, deadline=None)
@given(relationship=st.text(alphabet=string.ascii_lowercase + "_ ", max_size=20) | st.sampled_from(
    proxy.RELATIONSHIP_VALUES))
def test_the_relationship_is_one_of_the_list(relationship):
    try:
        principal = proxy.validate_principal("王秀兰", PRINCIPAL.id_number, relationship, AGENT.id_number, TODAY)
    except ValidationError as error:
        assert relationship not in proxy.RELATIONSHIP_VALUES
        assert error.field == proxy.RELATIONSHIP and error.code in ("choice.invalid", "field.required")
        return
    assert principal.relationship == relationship in proxy.RELATIONSHIP_VALUES


def test_the_relationships_are_the_ones_a_station_uses_in_both_languages():
    labels = {field.id: field for field in proxy.principal_fields()}[proxy.RELATIONSHIP].options
    assert [o.label.zh_CN for o in labels][:4] == ["配偶", "子女", "父母", "其他亲属"]
    assert all(o.label.en and o.label.zh_CN for o in labels)


def test_the_agent_cannot_be_their_own_principal():
    with pytest.raises(ValidationError) as refused:
        proxy.validate_principal("李大伟", AGENT.id_number.lower(), "other", AGENT.id_number, TODAY)
    assert refused.value.code == "proxy.same_person" and "代理人本人的号码" in refused.value.text("zh_CN")


def test_a_principal_never_shows_the_number_in_a_repr():
    principal = proxy.validate_principal("王秀兰", PRINCIPAL.id_number, "child", AGENT.id_number, TODAY)
    assert PRINCIPAL.id_number not in repr(principal) and "王秀兰" not in str(principal)


# -- the proxy visit ---------------------------------------------------------------------------------


def test_only_services_the_catalog_opens_to_proxies_can_be_done_by_an_agent(catalog):
    opened = {service.id for service in catalog.services if service.proxy_allowed}
    assert opened == {"social_security_card", "senior_card", "household_certificate"}
    session = Session(catalog)
    with pytest.raises(CatalogError) as refused:
        session.start_proxy(HELPER, "residence_permit")
    assert refused.value.code == "proxy.not_allowed" and "本人办理" in refused.value.text("zh_CN")
    assert session.state == State.HOME and session.assistance is None


def test_an_old_catalog_without_the_flag_still_loads_and_allows_no_proxy():
    raw = catalog_mod.bundled_bytes().decode().replace('"proxy_allowed": true,', "")
    assert not any(service.proxy_allowed for service in catalog_mod.parse(raw).services)


def test_the_agent_must_lay_a_card(catalog):
    session = Session(catalog)
    session.start_proxy(HELPER, "senior_card")
    session.next()
    with pytest.raises(ValidationError) as refused:
        session.identify(Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=AGENT.id_number))
    assert refused.value.code == "proxy.card_required" and session.state == State.IDENTITY


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_the_principals_questions_come_first_on_pages_of_their_own(catalog, elder):
    session = proxy_at_form(catalog, elder=elder)
    pages = [[field.id for field in page] for page in session.pages()]
    own = [page for page in pages if any(proxy.is_principal_field(f) for f in page)]
    assert all(all(proxy.is_principal_field(f) for f in page) for page in own)
    assert pages[:len(own)] == own and sum(len(p) for p in own) == 3
    assert session.bound_fields() == {}  # nothing is bound before the principal's details are known
    assert "name" not in session.answers  # the agent's card fills none of the applicant's questions


def test_the_applicants_questions_hold_the_principals_details_and_cannot_be_typed_over(catalog):
    session = proxy_at_form(catalog)
    assert session.set_answers(principal_answers())
    assert session.bound_fields() == {"name": PRINCIPAL.name, "id_number": PRINCIPAL.id_number,
                                      "birth_date": PRINCIPAL.birth_date.isoformat()}
    session.next()
    assert not session.set_answer("name", AGENT.name)
    assert session.errors["name"].code == "proxy.principal_field"
    assert "委托人" in session.errors["name"].text("zh_CN")
    assert session.bound_note() == "proxy.from_principal"
    answer_to_review(session)
    with pytest.raises(SessionError) as refused:
        session.edit("id_number")
    assert refused.value.code == "proxy.principal_field"
    session.edit(proxy.PRINCIPAL_NAME)  # the principal's own answers can be changed, and the rest follows
    assert session.set_answers({proxy.PRINCIPAL_NAME: "王秀芬"})
    assert session.answers["name"] == "王秀芬"


def test_the_principal_number_cannot_be_the_agents(catalog):
    session = proxy_at_form(catalog)
    assert not session.set_answers(principal_answers(number=AGENT.id_number))
    assert session.errors[proxy.PRINCIPAL_ID].code == "proxy.same_person"
    session.next()
    assert session.state == State.FORM and session.page == 0


@pytest.mark.parametrize("service_id", ["senior_card", "social_security_card", "household_certificate"])
def test_both_people_go_with_the_application_told_apart(catalog, store, service_id):
    session = proxy_at_form(catalog, service_id)
    to_review(session)
    assert session.service.photo_fields[0].id == proxy.LETTER  # the letter first of the documents
    session.ask_consent()
    session.consent_by_card(AGENT)  # the agent confirms, with the agent's card
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    stored = applications.load(store, receipt.application_uuid)
    assert stored.proxy["agent"] == {"name": AGENT.name, "id_number": AGENT.id_number}
    assert stored.proxy["principal"] == {"name": PRINCIPAL.name, "id_number": PRINCIPAL.id_number}
    assert stored.proxy["relationship"] == "child" and stored.proxy["authorisation"] == proxy.LETTER
    assert stored.verified["id_number"] == AGENT.id_number and stored.verified["bound_answers"] == {}
    assert stored.answers["id_number"] == PRINCIPAL.id_number and stored.answers["name"] == PRINCIPAL.name
    assert not set(stored.answers) & set(proxy.PRINCIPAL_FIELDS)  # in `proxy`, not among the answers
    assert [a.data for a in stored.attachments if a.name == proxy.LETTER] == [TINY_JPEG]
    row = store.conn.execute("SELECT assistance, assisted_by, id_lookup FROM applications").fetchone()
    assert row[:2] == ("proxy", "H007")
    assert row[2] == store.sealer.blind_index(PRINCIPAL.id_number)  # the applicant looks it up with their card
    ApplicationIn.model_validate(application_body(store, stored))  # as the centre reads it


def test_the_review_masks_both_numbers():
    from kiosk import screen_mask

    by_id = {field.id: field for field in proxy.principal_fields()}
    assert screen_mask.kind(by_id[proxy.PRINCIPAL_ID]) == screen_mask.ID_NUMBER
    assert screen_mask.mask(screen_mask.ID_NUMBER, PRINCIPAL.id_number) == id_number.mask(PRINCIPAL.id_number)


def test_a_change_of_agent_card_drops_the_principal_typed_for_the_first(catalog):
    session = proxy_at_form(catalog)
    assert session.set_answers(principal_answers())
    session.back()
    session.identify(Identity.from_card(make_card(name="赵六", sequence=35), IdentityMethod.ID_CARD))
    assert proxy.principal_from_answers(session.answers) is None
