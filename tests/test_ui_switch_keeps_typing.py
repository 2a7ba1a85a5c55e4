"""Switching language or elder mode keeps what the resident has typed on the page, not yet "Next"-ed.

A switch builds the screen again in the new language or size.  What was typed on
it (text boxes, keypad digits of a date, a mobile or an ID number, the receipt
number on the status look-up, choices) is still there afterwards, half-typed
values included and without an error for them, in both directions: normal to
elder mode (one question a screen: the other questions keep theirs until they
come) and back.  Every switch is a touch on the top bar, as a resident would.
"""

from __future__ import annotations

import datetime as _dt

import pytest

from kiosk import samples
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.session import State
from test_ui_journey import close_window, find, helper_types, open_keypad, touch
from ui.gallery import make_window, settle
from ui.keypad import Keypad
from ui.qt import QLabel, QLineEdit, QPushButton

CERTIFICATE = "M330012345"
BIRTH = (_dt.date.today() - _dt.timedelta(days=30)).strftime("%Y%m%d")  # a baby's: within the last year


@pytest.fixture
def kiosk(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    yield window, session
    close_window(window)


def keypad_value(window, name: str) -> str:
    keypad = window.screen.findChild(Keypad, name)
    assert keypad is not None, f"no {name} on {window.screen.objectName()}"
    return keypad.value


def type_digits(qtbot, window, keypad: Keypad, digits: str) -> None:
    for digit in digits:
        touch(qtbot, window, f"key_{digit}", keypad)


def errors_shown(window) -> list[str]:
    return [label.text() for label in window.screen.findChildren(QLabel) if label.objectName().startswith("error_")
            and label.isVisible()]


def at_the_baby_page(session) -> None:
    """A parent with a card, on the newborn form's second page: a choice, a date, free text and a mobile."""
    card = CardData("王小明", "M", "汉", _dt.date(1990, 6, 18), "北京市东城区景山前街4号", samples.SAMPLE_ID,
                    "北京市公安局东城分局", _dt.date(2016, 5, 1), None)
    session.choose_service("newborn_bundle")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    session.next({f.id: samples.answer_for(f) for f in session.page_fields()})
    settle()
    assert [f.id for f in session.page_fields()] == ["baby_sex", "baby_birth_date", "birth_certificate_number",
                                                     "mobile"]


def test_a_form_page_keeps_every_kind_of_input_across_language_and_elder_mode(qtbot, kiosk):
    window, session = kiosk
    at_the_baby_page(session)
    touch(qtbot, window, "choice_baby_sex_f")
    type_digits(qtbot, window, open_keypad(qtbot, window, "baby_birth_date"), BIRTH[:6])  # half a date
    helper_types(qtbot, find(window, "edit_birth_certificate_number", QLineEdit), CERTIFICATE)
    type_digits(qtbot, window, open_keypad(qtbot, window, "mobile"), "13987")  # half a number

    def shows_the_typing(mobile: str = "13987") -> None:
        assert find(window, "choice_baby_sex_f", QPushButton).isChecked()
        assert keypad_value(window, "keypad_baby_birth_date") == BIRTH[:6]
        assert find(window, "edit_birth_certificate_number", QLineEdit).text() == CERTIFICATE
        assert keypad_value(window, "keypad_mobile") == mobile
        assert errors_shown(window) == []  # nothing was "Next"-ed: no error for half-typed values

    touch(qtbot, window, "language")
    assert session.locale == "en"
    shows_the_typing()
    touch(qtbot, window, "language")
    assert session.locale == "zh_CN"
    shows_the_typing()

    # Elder mode: one question a screen, from the first question of the page; each keeps its typing.
    touch(qtbot, window, "elder_mode")
    assert session.elder_mode and [f.id for f in session.page_fields()] == ["baby_sex"]
    assert find(window, "choice_baby_sex_f", QPushButton).isChecked()
    touch(qtbot, window, "next")
    assert keypad_value(window, "keypad_baby_birth_date") == BIRTH[:6] and errors_shown(window) == []
    type_digits(qtbot, window, window.screen.findChild(Keypad, "keypad_baby_birth_date"), BIRTH[6:])
    touch(qtbot, window, "next")
    assert find(window, "edit_birth_certificate_number", QLineEdit).text() == CERTIFICATE
    touch(qtbot, window, "language")  # and a language switch in elder mode, on a text box
    assert find(window, "edit_birth_certificate_number", QLineEdit).text() == CERTIFICATE
    touch(qtbot, window, "next")
    assert keypad_value(window, "keypad_mobile") == "13987" and errors_shown(window) == []
    type_digits(qtbot, window, window.screen.findChild(Keypad, "keypad_mobile"), "654")  # typed in elder mode

    # And back to normal mode, in the other language: the whole page, as typed.
    touch(qtbot, window, "elder_mode")
    touch(qtbot, window, "language")
    assert (session.elder_mode, session.locale, session.state) == (False, "zh_CN", State.FORM)
    assert find(window, "choice_baby_sex_f", QPushButton).isChecked()
    assert keypad_value(window, "keypad_baby_birth_date") == BIRTH
    assert find(window, "edit_birth_certificate_number", QLineEdit).text() == CERTIFICATE
    assert keypad_value(window, "keypad_mobile") == "13987654"
    assert errors_shown(window) == []
    # What was kept is what "Next" takes.
    type_digits(qtbot, window, open_keypad(qtbot, window, "mobile"), "321")
    touch(qtbot, window, "next")
    assert session.state != State.FORM or session.page != 1, errors_shown(window)
    assert session.answers["baby_birth_date"] == f"{BIRTH[:4]}-{BIRTH[4:6]}-{BIRTH[6:]}"
    assert session.answers["birth_certificate_number"] == CERTIFICATE
    assert session.answers["mobile"] == "13987654321" and session.answers["baby_sex"] == "f"


def test_the_id_keypad_keeps_its_digits_across_language_and_elder_mode(qtbot, kiosk):
    window, session = kiosk
    touch(qtbot, window, "tile_residence_permit")
    touch(qtbot, window, "start")
    touch(qtbot, window, "use_keypad")
    keypad = window.screen.findChild(Keypad, "id_keypad")
    type_digits(qtbot, window, keypad, samples.SAMPLE_ID[:10])
    for switch in ("language", "elder_mode", "language", "elder_mode"):
        touch(qtbot, window, switch)
        keypad = find(window, "id_keypad", Keypad)
        assert keypad is not None and keypad.isVisible(), f"the keypad closed after {switch}"
        assert keypad.value == samples.SAMPLE_ID[:10]
        assert find(window, "keypad_done", QPushButton) is not None
    type_digits(qtbot, window, keypad, samples.SAMPLE_ID[10:])
    touch(qtbot, window, "keypad_done")
    assert session.identity is not None and session.identity.id_number == samples.SAMPLE_ID


def test_the_status_look_up_keeps_the_receipt_digits_across_language_and_elder_mode(qtbot, kiosk):
    window, session = kiosk
    touch(qtbot, window, "check_status")
    type_digits(qtbot, window, window.screen.findChild(Keypad, "number_keypad"), "2611")
    for switch in ("elder_mode", "language", "elder_mode", "language"):
        touch(qtbot, window, switch)
        assert session.state == State.STATUS
        assert keypad_value(window, "number_keypad") == "2611", f"the digits went after {switch}"
