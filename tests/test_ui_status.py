"""Residents look up their applications by ID card or by the receipt's number."""

from __future__ import annotations

import datetime as _dt

from devices.card.reader import CardEvent, CardEventKind
from kiosk import app_number, applications, outbox
from kiosk.identity import IdentityMethod
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.qt import QLabel, QPushButton, Qt
from ui.screens.status import STATUS_NAMES

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


def test_too_few_digits_is_an_error_in_words_and_voice(qtbot, tmp_path):
    window, session = make_window("1366x768", True, "en", tmp_path)
    qtbot.addWidget(window)
    session.open_status()
    settle()
    window.screen.keypad.value = "1234"
    qtbot.mouseClick(window.screen.findChild(QPushButton, "look_up"), Qt.LeftButton)
    check = window.screen.findChild(QLabel, "keypad_check")
    assert check.text() == "⚠ Please type all 8 digits." and check.property("role") == "error"
    assert window.focusWidget() is check and list(window.spoken)[-1] == ("error", "en")
    assert session.status_results is None  # nothing looked up, nothing lost: the digits stay typed
    assert window.screen.keypad.value == "1234"
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


def look_up_by_card(qtbot, window, session, card):
    session.open_status()
    settle()
    window.bridge.card_event.emit(CardEvent(CardEventKind.READ, card, method=IdentityMethod.ID_CARD))
    qtbot.waitUntil(lambda: session.status_results is not None and bool(results(window)), timeout=5000)
    return results(window)


def test_a_rejection_shows_the_centres_reason_and_every_status_reads_as_words(qtbot, tmp_path):
    window, session = make_window("1366x768", True, "en", tmp_path)
    qtbot.addWidget(window)
    card = make_card()
    rejected, set_aside, retired = (submit_for(window.store, card) for _ in range(3))
    # As the sync worker records them: the centre's answer with its reason, a record it refused as
    # invalid (set aside for a helper), and an old application of a service the catalog dropped.
    outbox.mark_done(window.store, [outbox.Accepted(rejected.application_uuid, "c-1", "2026-11-25T08:00:00Z",
                                                    "rejected", "The photo of the household register is unreadable.")])
    outbox.quarantine(window.store, outbox.head(window.store), "validation")
    with window.store.transaction() as conn:
        conn.execute("UPDATE applications SET service_id = 'retired_service' WHERE number = ?", (retired.number,))
    lines = {line.split(" · ")[0]: line for line in look_up_by_card(qtbot, window, session, card)}
    assert "not approved" in lines[rejected.number]
    assert "Reason: The photo of the household register is unreadable." in lines[rejected.number]
    assert "set_aside" not in lines[set_aside.number] and "helper" in lines[set_aside.number]
    assert "retired_service" in lines[retired.number]  # the id, rather than a crash
    texts = {status: window.screen.status_text(status) for status in STATUS_NAMES}
    unknown = window.screen.status_text("no_such_status")
    assert all("_" not in text and text != unknown for text in texts.values()), texts  # words, not codes
    assert len(set(texts.values())) == len(texts)
    window.store.close()


def test_the_reason_needs_the_card_or_the_receipt_code_not_just_typed_digits(tmp_path):
    """Eight digits can be guessed: they show the status, the centre's reason only with card or QR."""
    from kiosk import crypto, receipts
    from kiosk.store import Store

    store = Store(tmp_path / "s.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
    card = make_card()
    receipt = submit_for(store, card)
    outbox.mark_done(store, [outbox.Accepted(receipt.application_uuid, "c-1", "2026-11-25T08:00:00Z",
                                             "needs_correction", "Your address has no house number.")])
    typed = receipts.status_by_tail(store, app_number.tail(receipt.number))
    assert typed.status == "needs_correction" and typed.reason is None
    assert receipts.status_by_number(store, receipt.qr_text[len(receipts.QR_PREFIX):]).reason
    assert receipts.status_by_id_number(store, card.id_number)[0].reason == "Your address has no house number."
    store.close()


def test_elder_status_keypad_fits_a_small_panel(qtbot, tmp_path):
    """1024x768 in elder mode: the window keeps the panel's size and every key is whole and large."""
    window, session = make_window("1024x768", True, "en", tmp_path)
    qtbot.addWidget(window)
    size = window.size()
    session.open_status()
    settle()
    assert window.size() == size
    px_per_mm = window.px_per_mm
    for key in window.screen.findChildren(QPushButton):
        if key.objectName().startswith("key_") or key.objectName() == "look_up":
            assert min(key.width(), key.height()) / px_per_mm >= 15, key.objectName()
            needed = max(key.fontMetrics().horizontalAdvance(line) for line in key.text().split("\n"))
            assert needed < key.contentsRect().width(), key.text()  # (Delete beside the keys: two lines)
            assert window.rect().contains(key.geometry().translated(key.mapTo(window, key.rect().topLeft())
                                                                    - key.geometry().topLeft()))
    window.store.close()


def test_typed_digits_find_numbers_with_long_sequences(tmp_path):
    """Past a million applications the sequence has 7 digits: 9 typed digits still find it."""
    from kiosk import crypto, receipts
    from kiosk.store import Store

    store = Store(tmp_path / "s.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
    receipt = submit_for(store, make_card())
    long_number = app_number.make("DEMO01", _dt.date(2026, 11, 24), 1_234_567)
    with store.transaction() as conn:
        conn.execute("UPDATE applications SET number = ?, seq = ? WHERE number = ?",
                     (long_number, 1_234_567, receipt.number))
    assert receipts.status_by_tail(store, app_number.tail(long_number)).number == long_number
    typed = app_number.tail(long_number)
    wrong_check = f"{(int(typed[-2:]) + 1) % 100:02d}"
    assert receipts.status_by_tail(store, typed[:-2] + wrong_check) is None
    store.close()
