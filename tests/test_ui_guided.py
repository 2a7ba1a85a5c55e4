"""Guided (帮办) and proxy (代办) applications on screen, driven by touches, up to the receipt.

A helper is signed in (`window.set_helper`: the sign-in screens are another engineer's part) and
starts the visit through the window's entry point, as the console will.  Cards come from the
simulated reader on its own thread through the device bridge; the helper types names on a keyboard
through the input method (QInputMethodEvent commits, as pinyin input hands over the chosen
characters); the resident (or the agent) confirms by laying the card again or by signing with a
finger on the pad (mouse presses and moves, as Qt hands a touch to a widget).
"""

from __future__ import annotations

import pytest

from devices.simulated.fixtures import FIXTURE_CARDS
from kiosk import applications, id_number, proxy
from kiosk.guided import SIGNATURE_ATTACHMENT
from kiosk.session import State
from kiosk.staff import Helper
from ui.gallery import settle
from ui.keypad import Keypad
from ui.qt import QLabel, QLineEdit, QPoint, QPushButton, Qt
from ui.signature_pad import SignaturePad

from test_ui_journey import (  # noqa: F401 (the reader fixture)
    CARD, close_window, fill_page, find, helper_types, open_window, reader, screen_is, touch, type_on_keypad,
)

HELPER = Helper("H001", "张三")
AGENT = 1  # another fixture card: the agent in the proxy journey


def banner_text(window) -> str:
    banner = window.guided_banner
    return banner.text.text() if banner.isVisible() else ""


def sign(qtbot, window) -> None:
    """A resident writes on the pad with a finger: a zigzag, as a name is written."""
    pad = window.screen.findChild(SignaturePad, "signature_pad")
    assert pad is not None and pad.isVisible()
    mm = window.px_per_mm
    qtbot.mousePress(pad, Qt.LeftButton, pos=QPoint(round(8 * mm), round(12 * mm)))
    for step in range(1, 30):
        qtbot.mouseMove(pad, QPoint(round((8 + step * 2) * mm), round((12 + (6 if step % 2 else 0)) * mm)))
    qtbot.mouseRelease(pad, Qt.LeftButton, pos=QPoint(round(68 * mm), round(12 * mm)))


def through_the_form(qtbot, window, session) -> None:
    pages = 0
    while screen_is(window, State.FORM):
        pages += 1
        assert pages <= 20
        fill_page(qtbot, window, session)
        touch(qtbot, window, "next")
    while screen_is(window, State.DOCUMENTS):
        touch(qtbot, window, "take_photo")
        touch(qtbot, window, "next")
    assert screen_is(window, State.REVIEW)


def receipt_number(qtbot, window) -> str:
    qtbot.waitUntil(lambda: find(window, "number", QLabel) is not None, timeout=10_000)
    return find(window, "number", QLabel).text().split()[-1]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_guided_application_without_a_card_the_helper_types_the_name(qtbot, tmp_path, reader, locale):
    """No card at the start: the ID number typed with the helper, the name typed by the helper through the
    input method; the resident confirms by laying the card that carries that number."""
    window, session = open_window(tmp_path, locale, reader)
    card = FIXTURE_CARDS[CARD]
    try:
        assert not window.start_guided("senior_card")  # nobody signed in: refused, said
        window.set_helper(HELPER)
        settle()
        assert window.start_guided("senior_card")
        settle()
        assert screen_is(window, State.GUIDE)
        assert "张三" in banner_text(window) and "H001" in banner_text(window)
        touch(qtbot, window, "start")
        assert "H001" in banner_text(window)
        touch(qtbot, window, "use_keypad")
        type_on_keypad(qtbot, window, window.screen.findChild(Keypad, "id_keypad"), card.id_number)
        touch(qtbot, window, "keypad_done")
        assert screen_is(window, State.FORM) and "H001" in banner_text(window)
        edit = find(window, "edit_name", QLineEdit)
        assert edit is not None and edit.testAttribute(Qt.WA_InputMethodEnabled)
        assert window.focusWidget() is edit  # the helper can type at once
        helper_types(qtbot, edit, card.name)  # pinyin input commits the characters
        through_the_form(qtbot, window, session)
        assert "H001" in banner_text(window)
        touch(qtbot, window, "submit")
        assert screen_is(window, State.CONSENT) and "H001" in banner_text(window)
        assert window.store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
        reader.present(CARD)  # laid on the reader: it carries the typed number
        number = receipt_number(qtbot, window)
        assert screen_is(window, State.RECEIPT) and "H001" in banner_text(window)
        uuid = window.store.conn.execute("SELECT uuid FROM applications WHERE number = ?", (number,)).fetchone()[0]
        stored = applications.load(window.store, uuid)
        assert stored.answers["name"] == card.name and stored.assisted_by == "H001"
        assert stored.consent["method"] == "card_again" and stored.verified["method"] == "keypad_with_helper"
        touch(qtbot, window, "finish")
        touch(qtbot, window, "skip_rating") if find(window, "skip_rating") else session.finish()
        assert banner_text(window) == "" and session.assistance is None  # the visit is over
    finally:
        close_window(window)


def test_the_wrong_card_does_not_confirm_and_a_signature_does(qtbot, tmp_path, reader):
    window, session = open_window(tmp_path, "en", reader)
    try:
        window.set_helper(HELPER)
        settle()
        window.start_guided("household_certificate")
        settle()
        touch(qtbot, window, "start")
        reader.present(CARD)
        qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)
        touch(qtbot, window, "confirm_yes")
        through_the_form(qtbot, window, session)
        touch(qtbot, window, "submit")
        assert screen_is(window, State.CONSENT)
        window.spoken.clear()
        reader.present(AGENT)  # someone else's card
        qtbot.waitUntil(lambda: find(window, "error_consent", QLabel) is not None, timeout=5000)
        assert "not the card checked" in find(window, "error_consent", QLabel).text()
        assert ("consent", "en") in window.spoken  # the screen says it again, with why
        assert screen_is(window, State.CONSENT)
        sign(qtbot, window)
        touch(qtbot, window, "confirm_signature")
        number = receipt_number(qtbot, window)
        uuid = window.store.conn.execute("SELECT uuid FROM applications WHERE number = ?", (number,)).fetchone()[0]
        stored = applications.load(window.store, uuid)
        assert stored.consent["method"] == "signature"
        (png,) = [a for a in stored.attachments if a.name == SIGNATURE_ATTACHMENT]
        assert png.mime == "image/png" and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        close_window(window)


def test_a_tap_is_not_a_signature(qtbot, tmp_path, reader):
    window, session = open_window(tmp_path, "zh_CN", reader)
    try:
        window.set_helper(HELPER)
        settle()
        window.start_guided("household_certificate")
        settle()
        touch(qtbot, window, "start")
        reader.present(CARD)
        qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)
        touch(qtbot, window, "confirm_yes")
        through_the_form(qtbot, window, session)
        touch(qtbot, window, "submit")
        pad = window.screen.findChild(SignaturePad, "signature_pad")
        qtbot.mouseClick(pad, Qt.LeftButton, pos=QPoint(40, 40))
        touch(qtbot, window, "confirm_signature")  # checked (and drawn) off the GUI thread
        qtbot.waitUntil(lambda: find(window, "error_consent", QLabel) is not None, timeout=5000)
        assert "签名太短" in find(window, "error_consent", QLabel).text()
        assert window.store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
        touch(qtbot, window, "back")
        assert screen_is(window, State.REVIEW)  # back to check again; nothing lost
    finally:
        close_window(window)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_proxy_application_by_touch_to_the_receipt(qtbot, tmp_path, reader, locale):
    window, session = open_window(tmp_path, locale, reader)
    agent = FIXTURE_CARDS[AGENT]
    principal_number = id_number.make("110105", agent.birth_date.replace(year=1940), 26)
    try:
        window.set_helper(HELPER)
        settle()
        assert not window.start_proxy("residence_permit")  # not open to agents: refused
        assert window.start_proxy("senior_card")
        settle()
        touch(qtbot, window, "start")
        assert find(window, "use_keypad") is None  # the agent's card, never a typed number
        heading = find(window, "heading", QLabel).text()
        assert ("代理人" in heading) if locale == "zh_CN" else ("Agent" in heading)
        reader.present(AGENT)
        qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)
        touch(qtbot, window, "confirm_yes")
        assert screen_is(window, State.FORM)
        line = find(window, "proxy_agent", QLabel).text()
        assert agent.name in line and agent.id_number not in line and agent.id_number[:6] in line
        assert find(window, f"label_{proxy.PRINCIPAL_NAME}", QLabel) is not None
        assert find(window, "bound_name", QLabel) is None  # the applicant's questions come after
        helper_types(qtbot, find(window, f"edit_{proxy.PRINCIPAL_NAME}", QLineEdit), "王秀兰")
        keypad = window.screen.findChild(Keypad, f"keypad_{proxy.PRINCIPAL_ID}")
        if not keypad.isVisible():
            touch(qtbot, window, f"open_{proxy.PRINCIPAL_ID}")
        type_on_keypad(qtbot, window, keypad, principal_number)
        touch(qtbot, window, f"choice_{proxy.RELATIONSHIP}_child")
        touch(qtbot, window, "next")
        assert find(window, "bound_name", QLabel).text() == "王秀兰"  # the applicant is the principal
        through_the_form(qtbot, window, session)
        # The review: the agent from the card, the principal's details, both numbers masked.
        assert find(window, "value_agent_id_number", QLabel).text() == id_number.mask(agent.id_number)
        assert find(window, f"value_{proxy.PRINCIPAL_ID}", QLabel).text() == id_number.mask(principal_number)
        assert find(window, "value_id_number", QLabel).text() == id_number.mask(principal_number)
        assert find(window, "edit_agent_name", QPushButton) is None and find(window, "edit_name", QPushButton) is None
        assert find(window, f"edit_{proxy.PRINCIPAL_NAME}", QPushButton) is not None
        texts = " ".join(w.text() for w in window.screen.findChildren(QLabel) if w.isVisible())
        assert principal_number not in texts and agent.id_number not in texts
        touch(qtbot, window, "submit")
        assert screen_is(window, State.CONSENT)
        sign(qtbot, window)
        touch(qtbot, window, "confirm_signature")
        number = receipt_number(qtbot, window)
        uuid = window.store.conn.execute("SELECT uuid FROM applications WHERE number = ?", (number,)).fetchone()[0]
        stored = applications.load(window.store, uuid)
        assert stored.proxy["agent"]["id_number"] == agent.id_number
        assert stored.proxy["principal"] == {"name": "王秀兰", "id_number": principal_number}
        assert stored.proxy["relationship"] == "child"
        assert {a.name for a in stored.attachments} >= {proxy.LETTER, SIGNATURE_ATTACHMENT}
    finally:
        close_window(window)


def test_signing_out_ends_the_visit_the_helper_led(qtbot, tmp_path, reader):
    window, session = open_window(tmp_path, "en", reader)
    try:
        window.set_helper(HELPER)
        settle()
        window.start_guided("senior_card")
        settle()
        touch(qtbot, window, "start")
        window.set_helper(None)
        settle()
        assert screen_is(window, State.HOME) and session.is_fresh() and session.assistance is None
        assert not window.guided_banner.isVisible()
        refused = []
        window.visit_refused.connect(refused.append)
        assert not window.start_proxy("senior_card")
        assert refused and refused[0].code == "guided.helper_required"
    finally:
        close_window(window)


def test_a_visit_on_screen_gives_way_to_the_one_the_helper_starts(qtbot, tmp_path, reader):
    window, session = open_window(tmp_path, "en", reader)
    try:
        touch(qtbot, window, "tile_senior_card")
        touch(qtbot, window, "start")
        window.set_helper(HELPER)
        settle()
        assert window.start_guided()  # at home, the helper (or the resident) picks the tile
        settle()
        assert screen_is(window, State.HOME) and "H001" in banner_text(window)
        touch(qtbot, window, "tile_household_certificate")
        assert screen_is(window, State.GUIDE) and session.assistance.helper_number == "H001"
    finally:
        close_window(window)

