"""The identity screen's steps: one name to confirm at a time, the core's expiry check, what Repeat says,
and a face check that can be tried again (a real video clip as the camera)."""

from __future__ import annotations

import datetime as dt

import camera_clips
from devices.card.reader import CardEvent, CardEventKind
from devices.simulated.reader import SimulatedReader
from factories import make_card
from kiosk.identity import Identity, IdentityMethod, Liveness
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.qt import QLabel, QLineEdit, QPushButton, Qt


def open_identity(qtbot, tmp_path, service="senior_card", locale="en"):
    window, session = make_window("1366x768", False, locale, tmp_path)
    qtbot.addWidget(window)
    reader = SimulatedReader()
    window.bridge.attach_reader(reader)
    reader.start()
    session.choose_service(service)
    session.next()
    settle()
    return window, session, reader


def shown(window, name, kind=QPushButton):
    return [w for w in window.screen.findChildren(kind, name) if not w.isHidden()]


def test_a_second_card_before_yes_replaces_the_question(qtbot, tmp_path):
    window, session, reader = open_identity(qtbot, tmp_path)
    try:
        first, second = make_card("李秀英"), make_card("王建国", sequence=31)
        reader.present_card(first)
        qtbot.waitUntil(lambda: len(shown(window, "confirm_yes")) == 1, timeout=5_000)
        reader.remove()
        reader.present_card(second)
        qtbot.waitUntil(lambda: any("王*国" in w.text() for w in shown(window, "confirm_name", QLabel)),
                        timeout=5_000)
        settle()
        assert len(shown(window, "confirm_yes")) == 1 and len(shown(window, "confirm_no")) == 1
        assert [w.text() for w in shown(window, "confirm_name", QLabel)] == ["Is this you: 王*国?"]
        assert window.screen.prompt() == "Is this you: 王*国?"  # Repeat asks the question on screen
        qtbot.mouseClick(shown(window, "confirm_yes")[0], Qt.LeftButton)
        assert session.state == State.FORM and session.identity.id_number == second.id_number
    finally:
        reader.stop()
        window.store.close()


def test_an_expired_card_is_refused_by_the_core_and_said(qtbot, tmp_path):
    window, session, reader = open_identity(qtbot, tmp_path)
    try:
        window.bridge.card_event.emit(CardEvent(CardEventKind.READ, make_card(valid_until=dt.date(2020, 1, 1)),
                                                method=IdentityMethod.ID_CARD))
        settle()
        qtbot.mouseClick(shown(window, "confirm_yes")[0], Qt.LeftButton)
        error = window.screen.findChild(QLabel, "error")
        assert not error.isHidden() and "expired" in error.text()
        assert session.state == State.IDENTITY and session.identity is None
        assert not shown(window, "confirm_yes") and shown(window, "use_keypad")  # another card, or type it
        assert error.accessibleName() in window.screen.prompt()
        assert "place your ID card" in window.screen.prompt()
    finally:
        reader.stop()
        window.store.close()


def test_repeat_says_the_keypad_step_and_its_error(qtbot, tmp_path):
    window, session, reader = open_identity(qtbot, tmp_path)
    try:
        qtbot.mouseClick(shown(window, "use_keypad")[0], Qt.LeftButton)
        settle()
        assert window.screen.prompt().startswith("Type the ID number")
        keypad = window.screen.keypad
        for key in "11010119520618002":
            keypad.press(key)
        keypad.press("9")  # a wrong check digit
        qtbot.mouseClick(shown(window, "keypad_done")[0], Qt.LeftButton)
        error = window.screen.findChild(QLabel, "keypad_check")  # under the display, in the error style
        assert not error.isHidden() and error.property("role") == "error" and error.text().startswith("⚠")
        assert window.focusWidget() is error and list(window.spoken)[-1] == ("identity.error", "en")
        prompt = window.screen.prompt()
        assert prompt.startswith("Type the ID number") and window.screen.keypad_error in prompt
        assert "check digit" in window.screen.keypad_error
        assert "place your ID card" not in prompt
        window.repeat()
        assert list(window.spoken)[-1] == ("identity", "en")
    finally:
        reader.stop()
        window.store.close()


def test_a_failed_face_check_can_be_tried_again_or_done_by_turning(qtbot, tmp_path):
    from devices.camera.capture import open_camera

    clip = camera_clips.write_clip(tmp_path / "photo.avi", camera_clips.still_photo_frames(count=30))
    camera = open_camera(str(clip))  # a printed photo held up: it never blinks
    camera.start()
    window, session = make_window("1366x768", False, "en", tmp_path)
    window.devices["camera"] = camera
    qtbot.addWidget(window)
    try:
        session.choose_service("residence_permit")
        session.next()
        session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
        settle()
        guidance = window.screen.findChild(QLabel, "face_guidance")
        assert not shown(window, "face_retry") and not shown(window, "face_turn")
        qtbot.waitUntil(lambda: bool(shown(window, "face_retry")), timeout=25_000)  # after the 12 s the check allows
        assert "Try again" in guidance.text() and shown(window, "face_turn")
        assert guidance.text() in window.screen.prompt()
        qtbot.mouseClick(shown(window, "face_turn")[0], Qt.LeftButton)
        assert not shown(window, "face_retry") and "turn your head" in guidance.text()
        assert window.screen.check.challenge.value == "turn"
        qtbot.mouseClick(shown(window, "take_face")[0], Qt.LeftButton)
        qtbot.waitUntil(lambda: session.state == State.FORM, timeout=5_000)
        assert session.identity.liveness == Liveness.FAILED  # tried and not passed: recorded as such
        assert session.identity.record()["liveness"] == "failed"
    finally:
        camera.stop()
        window.store.close()


def test_a_number_typed_with_a_helper_is_shown_read_only_with_the_way_to_change_it(qtbot, tmp_path):
    window, session, reader = open_identity(qtbot, tmp_path)
    try:
        number = make_card().id_number
        qtbot.mouseClick(shown(window, "use_keypad")[0], Qt.LeftButton)
        settle()
        for key in number:
            window.screen.keypad.press(key)
        qtbot.mouseClick(shown(window, "keypad_done")[0], Qt.LeftButton)
        settle()
        assert session.state == State.FORM
        assert not shown(window, "open_id_number") and shown(window, "edit_name", QLineEdit)  # the name is typed
        note = shown(window, "bound_note_id_number", QLabel)[0]
        assert "typed at the start" in note.text() and "go back" in note.text()
        assert shown(window, "bound_id_number", QLabel)[0].text().replace(" ", "") == number
    finally:
        reader.stop()
        window.store.close()
