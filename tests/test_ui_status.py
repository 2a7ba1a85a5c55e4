"""Residents look up their applications by ID card or by the receipt's number."""

from __future__ import annotations

import datetime as _dt

from devices.card_reader import CardEvent, CardEventKind
from kiosk import app_number, applications
from kiosk.identity import IdentityMethod
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.qt import QLabel, QPushButton, Qt

from factories import TINY_JPEG, make_card


def submit_for(store, card, service="senior_card"):
    draft = applications.Draft(service, "zh_CN", {"name": card.name}, [applications.Attachment("p", "image/jpeg",
                               TINY_JPEG)], {"method": "id_card"}, card.id_number)
    return applications.submit(store, draft, "DEMO01", _dt.date(2026, 11, 24))


def results(window):
    return [w.text() for w in window.screen.findChildren(QLabel) if w.objectName().startswith("result_")]


def test_look_up_by_typed_receipt_digits(qtbot, tmp_path):
    window, session = make_window("1366x768", True, "en", tmp_path)
    qtbot.addWidget(window)
    receipt = submit_for(window.store, make_card())
    qtbot.mouseClick(window.screen.findChild(QPushButton, "check_status"), Qt.LeftButton)
    assert session.state == State.STATUS
    seq, check = receipt.number.split("-")[2:]
    for digit in seq + check:
        qtbot.mouseClick(window.screen.findChild(QPushButton, f"key_{digit}"), Qt.LeftButton)
    qtbot.mouseClick(window.screen.findChild(QPushButton, "look_up"), Qt.LeftButton)
    qtbot.waitUntil(lambda: session.status_results is not None and bool(results(window)), timeout=5000)
    assert receipt.number in results(window)[0] and "waiting to be sent" in results(window)[0]
    window.store.close()


def test_look_up_by_card_shows_only_that_residents_applications(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    qtbot.addWidget(window)
    mine = [submit_for(window.store, make_card()).number for _ in range(2)]
    other = submit_for(window.store, make_card(name="赵六", sequence=35)).number
    session.open_status()
    settle()
    window.bridge.card_event.emit(CardEvent(CardEventKind.READ, make_card(), method=IdentityMethod.ID_CARD))
    qtbot.waitUntil(lambda: len(results(window)) == 2, timeout=5000)
    shown = " ".join(results(window))
    assert all(number in shown for number in mine) and other not in shown
    assert "李秀英" not in shown  # no personal data on the status screen
    assert all(app_number.is_valid(line.split(" · ")[0]) for line in results(window))
    window.store.close()


def test_a_wrong_number_finds_nothing_and_says_so(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "en", tmp_path)
    qtbot.addWidget(window)
    receipt = submit_for(window.store, make_card())
    seq = receipt.number.split("-")[2]
    session.open_status()
    settle()
    window.screen.keypad.value = seq + "00"  # wrong check digits
    qtbot.mouseClick(window.screen.findChild(QPushButton, "look_up"), Qt.LeftButton)
    qtbot.waitUntil(lambda: session.status_results == [], timeout=5000)
    assert window.screen.findChild(QLabel, "none") is not None
    window.store.close()
