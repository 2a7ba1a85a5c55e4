"""Appointment codes: parsed from whatever a camera reads, checked against the catalog and the day,
and carried with the application to the centre (never anything of the person)."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import applications, catalog as catalog_mod, crypto
from kiosk.appointments import PREFIX, Appointment, check, parse
from kiosk.errors import ValidationError
from kiosk.identity import Identity, IdentityMethod
from kiosk.session import Defaults, Session, State
from kiosk.store import Store
from sync.worker import application_body

from factories import answer_to_review, make_card

services = st.from_regex(r"[a-z][a-z0-9_]{1,40}", fullmatch=True)
references = st.from_regex(r"[A-Z0-9]{6,16}", fullmatch=True)
days = st.dates(min_value=_dt.date(2000, 1, 1), max_value=_dt.date(2100, 12, 31))


@given(services, days, references)
def test_every_code_we_print_reads_back(service, day, reference):
    code = Appointment(service, day, reference)
    assert parse(code.qr_text) == code
    assert parse("  " + code.qr_text + "\n") == code


@given(st.text(max_size=200))
def test_anything_else_is_not_an_appointment_and_never_raises(text):
    result = parse(text)
    assert result is None or text.strip().startswith(PREFIX)


@pytest.mark.parametrize("text", [
    PREFIX + "senior_card:20261301:ABCDEF12",   # no 13th month
    PREFIX + "senior_card:20261201:abc",        # reference too short, lower case
    PREFIX + "Senior:20261201:ABCDEF12",        # not a service id
    PREFIX + "senior_card:20261201:ABCDEF12:x",  # trailing part
    "WAYSTATION:DEMO01-261201-000001-00",       # a receipt, not an appointment
])
def test_malformed_codes_are_not_taken(text):
    assert parse(text) is None


def test_a_code_for_another_day_or_service_is_refused_in_words():
    today = _dt.date(2026, 12, 1)
    with pytest.raises(ValidationError) as wrong_day:
        check(Appointment("senior_card", _dt.date(2026, 12, 4), "ABCDEF12"), {"senior_card"}, today)
    assert wrong_day.value.code == "appointment.other_day" and "2026-12-04" in wrong_day.value.text("en")
    assert "2026-12-04" in wrong_day.value.text("zh_CN")
    with pytest.raises(ValidationError) as unknown:
        check(Appointment("passport", today, "ABCDEF12"), {"senior_card"}, today)
    assert unknown.value.code == "appointment.unknown_service"


def test_the_reference_goes_with_the_application_to_the_centre(tmp_path):
    store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
    session = Session(catalog_mod.bundled(), Defaults(locale="en"), today=lambda: _dt.date(2026, 12, 1))
    session.start_appointment(Appointment("senior_card", _dt.date(2026, 12, 1), "QWERTY12"))
    assert session.state == State.GUIDE and session.service.id == "senior_card"
    session.next()
    session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
    answer_to_review(session)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "DEMO01", _dt.date(2026, 12, 1)))
    stored = applications.load(store, receipt.application_uuid)
    assert stored.appointment == "QWERTY12"
    assert application_body(store, stored)["form"]["appointment"] == "QWERTY12"
    store.close()


def test_back_to_home_forgets_the_appointment():
    session = Session(catalog_mod.bundled(), Defaults(locale="en"), today=lambda: _dt.date(2026, 12, 1))
    session.start_appointment(Appointment("senior_card", _dt.date(2026, 12, 1), "QWERTY12"))
    session.back()
    assert session.state == State.HOME and session.appointment is None
