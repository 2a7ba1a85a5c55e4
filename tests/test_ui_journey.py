"""The resident's journey on screen, driven by touches on the widgets a person would touch.

Every bundled service, in both languages: Chinese in elder mode (switched on
with the top bar's button, as a resident would) and English in normal mode,
so every service is also seen in both modes.  The card comes from the
simulated reader on its own thread, through the window's device bridge, as
from a real reader.  Digits are typed on the on-screen keypads, choices are
touched, and free text is typed on a helper's keyboard (QTest key clicks on
the text box).  Nothing here calls the session directly to move on.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent

from devices.simulated.fixtures import FIXTURE_CARDS
from devices.simulated.reader import SimulatedReader
from kiosk import app_number, catalog as catalog_mod, samples
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.keypad import Keypad
from ui.qt import QApplication, QEvent, QLabel, QLineEdit, QPushButton, QScrollArea, Qt, QWidget

SERVICES = [service.id for service in catalog_mod.bundled().services]
CARD = 0  # 张伟明, a valid card
CJK = re.compile(r"[\u4e00-\u9fff]")


# -- touching what a person touches ------------------------------------------------------------


def find(window, name: str, kind: type = QWidget, inside: QWidget | None = None):
    """The visible widget called `name` on the current screen, the top bar, the sound panel or the idle
    warning (old screens are deleted later, so only the current one is searched)."""
    places = [inside] if inside is not None else [window.screen, window.top_bar, window.sound_panel, window.overlay]
    for place in places:
        for widget in place.findChildren(kind, name):  # the top bar's old buttons linger, hidden
            if widget.isVisible():
                return widget
    return None


def touch(qtbot, window, name: str, inside: QWidget | None = None) -> None:
    """Touch the visible button called `name` (scrolling it into view first, as a person would)."""
    widget = find(window, name, QPushButton, inside)
    assert widget is not None, f"no visible {name!r} on {window.screen.objectName()}"
    assert widget.isEnabled(), name
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.LeftButton)
    settle()  # the event loop runs between two touches of a person: new widgets are shown, old ones go


def helper_types(qtbot, edit: QLineEdit, text: str) -> None:
    """A helper types on a keyboard: Latin letters and digits as key presses, Chinese through the
    input method (pinyin), which hands the text box the chosen characters as a commit."""
    edit.setFocus()
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(edit, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(edit, event)
    settle()


def type_on_keypad(qtbot, window, keypad: Keypad, digits: str) -> None:
    touch(qtbot, window, "key_clear", keypad)
    for digit in digits:
        touch(qtbot, window, f"key_{digit}", keypad)


def open_keypad(qtbot, window, field_id: str) -> Keypad:
    keypad = window.screen.findChild(Keypad, f"keypad_{field_id}")
    assert keypad is not None, field_id
    if not keypad.isVisible():  # normal mode: the keypad opens under its value when touched
        touch(qtbot, window, f"open_{field_id}")
    assert keypad.isVisible()
    return keypad


def answer(field, today: _dt.date) -> str:
    """What the resident enters for `field` (typed form, without separators)."""
    value = samples.answer_for(field, today)
    return value.replace("-", "") if field.type == "date" else value


def fill_page(qtbot, window, session) -> None:
    """Answer what is empty on the current form page by touches and (for free text) a helper's typing."""
    today = _dt.date.today()
    for field in session.page_fields():
        shown = session.shown_value(field.id)
        if find(window, f"bound_{field.id}", QLabel) is not None:
            continue  # from the card: shown, not typed
        if field.type == "choice":
            if not shown:
                touch(qtbot, window, f"choice_{field.id}_{field.options[0].value}")  # rebuilds the screen
            continue
        if field.type in ("id_number", "mobile", "date") or field.charset == "digits":
            if not shown:
                type_on_keypad(qtbot, window, open_keypad(qtbot, window, field.id), answer(field, today))
            continue
        edit = find(window, f"edit_{field.id}", QLineEdit)
        assert edit is not None, field.id
        if not edit.text():
            helper_types(qtbot, edit, answer(field, today))


# -- the window -------------------------------------------------------------------------------------


@pytest.fixture
def reader():
    reader = SimulatedReader()
    reader.start()
    yield reader
    reader.stop()


def open_window(tmp_path: Path, locale: str, reader: SimulatedReader | None = None, elder: bool = False):
    window, session = make_window("1366x768", elder, locale, tmp_path)
    if reader is not None:
        window.bridge.attach_reader(reader)
    return window, session


def close_window(window) -> None:
    """Close and delete now (window and session refer to each other: the collector would be late)."""
    window.tasks.wait()
    window.close()
    window.store.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def screen_is(window, state: State) -> bool:
    return window.screen is not None and window.screen.objectName() == f"screen_{state.value}"


def go_to_form(qtbot, window, session, reader, service_id: str) -> None:
    touch(qtbot, window, f"tile_{service_id}")
    assert screen_is(window, State.GUIDE)
    touch(qtbot, window, "start")
    assert screen_is(window, State.IDENTITY)
    reader.present(CARD)
    qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)
    name_shown = find(window, "confirm_name", QLabel).text()
    assert FIXTURE_CARDS[CARD].name not in name_shown  # masked on screen
    touch(qtbot, window, "confirm_yes")
    if session.needs_face():
        touch(qtbot, window, "take_face")
    assert screen_is(window, State.FORM)


# -- the journeys ---------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("service_id", SERVICES)
def test_full_journey_by_touch(qtbot, tmp_path, reader, service_id: str, locale: str) -> None:
    elder = locale == "zh_CN"
    window, session = open_window(tmp_path, locale, reader)
    try:
        if elder:
            touch(qtbot, window, "elder_mode")
            assert session.elder_mode and find(window, "elder_mode").isChecked()
        go_to_form(qtbot, window, session, reader, service_id)
        pages = 0
        while screen_is(window, State.FORM):
            pages += 1
            assert pages <= 20, "the form does not move on"
            shown = [f for f in session.page_fields() if find(window, f"label_{f.id}", QLabel) is not None]
            if elder:
                assert len(shown) == 1, "elder mode asks one question a screen"
            fill_page(qtbot, window, session)
            touch(qtbot, window, "next")
            errors = [w.text() for w in window.screen.findChildren(QLabel) if w.objectName().startswith("error_")]
            assert not errors, errors
        service = session.service
        while screen_is(window, State.DOCUMENTS):
            touch(qtbot, window, "take_photo")
            assert find(window, "taken", QLabel) is not None  # the photo is shown, with words
            touch(qtbot, window, "next")
        assert screen_is(window, State.REVIEW)
        for field in service.form_fields:
            # Every answer can be changed, except what the card verified, which says where it came from.
            if field.prefill:
                assert find(window, f"edit_{field.id}", QPushButton) is None, f"a Change for {field.id}"
                assert find(window, f"bound_{field.id}", QLabel) is not None, field.id
            else:
                assert find(window, f"edit_{field.id}", QPushButton) is not None, f"no Change for {field.id}"
        touch(qtbot, window, "submit")
        qtbot.waitUntil(lambda: find(window, "number", QLabel) is not None, timeout=10_000)  # saved off the GUI thread
        assert screen_is(window, State.RECEIPT)
        number = find(window, "number", QLabel).text().split()[-1]  # "Application number: DEMO01-..."
        assert app_number.is_valid(number), number
        assert (window.receipts_dir / f"{number}.pdf").read_bytes()[:5] == b"%PDF-"
        heading = find(window, "heading", QLabel).text()
        assert bool(CJK.search(heading)) == (locale == "zh_CN"), heading
        touch(qtbot, window, "finish")
        assert screen_is(window, State.RATING)  # 好差评: five choices with words, or Skip
        if locale == "zh_CN":
            assert find(window, "rate_very_satisfied", QPushButton).text() == "非常满意"
            touch(qtbot, window, "rate_satisfied")
        else:  # a low rating asks why (reasons from the catalog), then Send
            touch(qtbot, window, "rate_very_dissatisfied")
            touch(qtbot, window, "reason_too_slow")
            assert find(window, "reason_too_slow", QPushButton).text().startswith("✓ ")  # more than colour
            touch(qtbot, window, "send_rating")
        window.tasks.wait()
        assert screen_is(window, State.HOME) and session.is_fresh()
        count = window.store.conn.execute("SELECT count(*) FROM applications").fetchone()[0]
        assert count == 1
        kept = window.store.conn.execute("SELECT application_number, level, reasons FROM ratings").fetchall()
        assert kept == [(number, "satisfied", "")] if locale == "zh_CN" else \
            kept == [(number, "very_dissatisfied", "too_slow")], kept
    finally:
        close_window(window)


@pytest.mark.parametrize("locale, words", [("en", "From your card"), ("zh_CN", "来自您的证件")])
def test_what_the_card_verified_is_shown_read_only_with_words(qtbot, tmp_path, reader, locale, words) -> None:
    """Name and ID number from the card: no text box or keypad to change them, and words saying why."""
    window, session = open_window(tmp_path, locale, reader)
    card = FIXTURE_CARDS[CARD]
    try:
        go_to_form(qtbot, window, session, reader, "senior_card")
        for field_id in ("name", "id_number"):
            assert find(window, f"edit_{field_id}", QLineEdit) is None, field_id
            assert window.screen.findChild(Keypad, f"keypad_{field_id}") is None, field_id
            assert find(window, f"open_{field_id}", QPushButton) is None, field_id
            note = find(window, f"bound_note_{field_id}", QLabel)
            assert note is not None and words in note.text(), field_id
            assert note.property("role") is None  # full-contrast words, not a greyed-out hint
        assert find(window, "bound_name", QLabel).text() == card.name
        assert find(window, "bound_id_number", QLabel).text().replace(" ", "") == card.id_number
        assert find(window, "keypad_mobile", Keypad) is not None or find(window, "open_mobile") is not None
        while screen_is(window, State.FORM):
            fill_page(qtbot, window, session)
            touch(qtbot, window, "next")
        assert screen_is(window, State.REVIEW)
        for field_id in ("name", "id_number", "birth_date"):
            assert find(window, f"edit_{field_id}", QPushButton) is None, field_id
            assert words in find(window, f"bound_{field_id}", QLabel).text()
        touch(qtbot, window, "edit_mobile")  # the resident's own answers can still be changed
        assert screen_is(window, State.FORM)
    finally:
        close_window(window)


def test_a_submit_the_core_refuses_is_shown_and_spoken_on_the_review(qtbot, tmp_path, reader) -> None:
    """Whatever a screen did wrong, a refused Submit says why in words and voice, and nothing is sent."""
    window, session = open_window(tmp_path, "en", reader)
    try:
        go_to_form(qtbot, window, session, reader, "senior_card")
        while screen_is(window, State.FORM):
            fill_page(qtbot, window, session)
            touch(qtbot, window, "next")
        assert screen_is(window, State.REVIEW)
        session.answers["name"] = "王五"  # not the card's name: as if a screen had let it be changed
        window.spoken.clear()
        touch(qtbot, window, "submit")
        assert screen_is(window, State.REVIEW)  # not submitted
        shown = find(window, "submit_error", QLabel)
        assert shown is not None and "differs from the one that was checked" in shown.text()
        assert shown.text().startswith("⚠ Full name:")  # names the answer it is about
        assert ("error", "en") in window.spoken
        assert window.store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    finally:
        close_window(window)


def test_wrong_mobile_shows_the_error_beside_the_field_and_keeps_the_digits(qtbot, tmp_path, reader) -> None:
    window, session = open_window(tmp_path, "en", reader)
    try:
        go_to_form(qtbot, window, session, reader, "senior_card")
        keypad = open_keypad(qtbot, window, "mobile")
        type_on_keypad(qtbot, window, keypad, "1380013")  # four digits short
        touch(qtbot, window, "next")
        assert screen_is(window, State.FORM)  # did not move on
        error = find(window, "error_mobile", QLabel)
        assert error is not None and "11 digits" in error.text() and error.text().startswith("⚠")
        field_label = find(window, "label_mobile", QLabel)
        assert error.parentWidget() is field_label.parentWidget(), "the error is beside its field"
        assert window.focusWidget() is error, "focus moves to the error"
        assert window.screen.findChild(Keypad, "keypad_mobile").value == "1380013", "what was typed is kept"
        assert find(window, "open_mobile").text() == "138 0013"
        # Correct it: the error goes, the journey goes on.
        type_on_keypad(qtbot, window, window.screen.findChild(Keypad, "keypad_mobile"), "13800138000")
        touch(qtbot, window, "next")
        assert find(window, "error_mobile", QLabel) is None
    finally:
        close_window(window)


def test_call_a_helper_records_the_request_and_tells_the_resident(qtbot, tmp_path, reader) -> None:
    window, session = open_window(tmp_path, "zh_CN", reader)
    try:
        touch(qtbot, window, "tile_residence_permit")
        touch(qtbot, window, "call_helper")
        qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=5000)
        assert "工作人员" in window.notice.text()
        rows = window.store.conn.execute("SELECT screen, service_id FROM help_requests").fetchall()
        assert rows == [("guide", "residence_permit")]
        assert ("help_coming", "zh_CN") in window.spoken
        touch(qtbot, window, "back")  # the notice stays while the resident goes on
        assert window.notice.isVisible()
    finally:
        close_window(window)


def test_language_switch_retranslates_the_screen(qtbot, tmp_path, reader) -> None:
    window, session = open_window(tmp_path, "zh_CN", reader)
    try:
        touch(qtbot, window, "tile_social_security_card")
        title = find(window, "title", QLabel).text()
        start = find(window, "start").text()
        assert CJK.search(title) and CJK.search(start)
        touch(qtbot, window, "language")
        assert session.locale == "en" and screen_is(window, State.GUIDE)  # same screen, other language
        assert find(window, "title", QLabel).text() == "Social security card"
        assert not CJK.search(find(window, "start").text())
        texts = [w.text() for w in window.findChildren(QLabel) + window.findChildren(QPushButton)
                 if w.isVisible() and w.text()]
        assert not [t for t in texts if CJK.search(t) and t != "中文"], texts
        touch(qtbot, window, "language")
        assert find(window, "start").text() == start
    finally:
        close_window(window)


def test_elder_mode_asks_one_question_a_screen(qtbot, tmp_path, reader) -> None:
    window, session = open_window(tmp_path, "en", reader)
    try:
        go_to_form(qtbot, window, session, reader, "residence_permit")
        normal = [f.id for f in session.service.form_fields if find(window, f"label_{f.id}", QLabel) is not None]
        assert len(normal) > 1
        touch(qtbot, window, "elder_mode")
        assert screen_is(window, State.FORM)
        shown = [f.id for f in session.service.form_fields if find(window, f"label_{f.id}", QLabel) is not None]
        assert shown == normal[:1], "one question, the one the resident was on"
        assert find(window, "progress", QLabel).text().startswith("Residence permit · Question 1 of ")
        assert find(window, "next").height() >= window.px_per_mm * 15
    finally:
        close_window(window)
