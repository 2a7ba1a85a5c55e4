"""Staff sign-in and the helper console on screen, driven by the touches a helper makes.

A real kiosk window (offscreen) with a real store: the Staff button in the home screen's corner,
helper number and PIN typed on the keypad, wrong PINs until the lockout (which a new store and a
new window still show), the helper's idle sign-out that wipes the screen, each console page (Queue
with a record opened for a reason, Set aside with retry and discard, Devices with each test, Today
with its CSV, Supervisor with the PIN asked again and a harmless shutdown command), and a staff card
from the simulated reader.  The idle clock is a test clock: nothing waits five minutes.  Leaving,
restarting and shutting down the kiosk are checked by the exit code asked for (`requested_exit`):
the Qt event loop they end is not running in a test.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from devices.card.reader import CardEvent, CardEventKind
from devices.simulated.reader import SimulatedReader
from kiosk import applications, audit, exit_codes, outbox, roster, samples
from kiosk.applications import Draft
from kiosk.config import HelpersConfig
from kiosk.sign_in import LOCK_AFTER
from kiosk.staff import Role
from ui.gallery import make_window, settle
from ui.keypad import MASK
from ui.qt import QAbstractButton, QApplication, QEvent, QLabel, QPushButton, QScrollArea, Qt, QWidget

SUPERVISOR = ("0001", "周主管", "770315")
HELPER = ("0007", "王芳", "384712")
RESIDENT_NAME = "欧阳娜娜"


class Clock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "en", tmp_path)
    # The kiosk's end is recorded, not carried out: Qt's exit() outside a running exec() would make every
    # later event loop of this test process return at once.
    window.staff.control.quit_app = lambda code: None
    clock = Clock()
    window.staff.clock = clock
    window.staff.last_touch = clock()
    roster.add(window.store, *SUPERVISOR[:2], Role.SUPERVISOR, SUPERVISOR[2])
    roster.add(window.store, *HELPER[:2], Role.HELPER, HELPER[2])
    window.clock = clock
    yield window
    if not getattr(window, "closed_by_test", False):
        close(window)


def close(window) -> None:
    window.closed_by_test = True
    window.tasks.wait()
    window.close()
    window.store.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def find(window, name: str, kind=QWidget):
    places = [window.staff.overlay] if window.staff.overlay is not None else [window.screen]
    for place in places:
        for widget in place.findChildren(kind, name):
            if widget.isVisible():
                return widget
    return None


def touch(qtbot, window, name: str) -> None:
    widget = find(window, name, QPushButton)
    assert widget is not None, f"no visible {name!r}"
    assert widget.isEnabled(), f"{name!r} is disabled"
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.LeftButton)
    settle()


def done(window) -> None:
    """Let the store's worker finish (scrypt, queries) and its answers arrive, and the work those answers
    start in turn (a sign-out after an audit entry, a page's refresh after a retry)."""
    for _ in range(6):
        window.tasks.wait()
        window.compute.wait()
        settle()


def type_digits(qtbot, window, digits: str) -> None:
    for digit in digits:
        touch(qtbot, window, f"key_{digit}")


def texts(window) -> list[str]:
    """Every text a person or a screen reader could get from the window now."""
    found = []
    for widget in window.findChildren(QWidget):
        if widget.objectName() == "retired":
            continue
        found.append(widget.accessibleName())
        found.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
    return found


def sign_in(qtbot, window, number: str, pin: str) -> None:
    touch(qtbot, window, "staff")
    assert find(window, "console_sign_in") is not None
    type_digits(qtbot, window, number)
    touch(qtbot, window, "sign_in_next")
    type_digits(qtbot, window, pin)
    touch(qtbot, window, "sign_in_next")
    done(window)


def audit_rows(window):
    return window.store.conn.execute("SELECT actor, action, subject, detail FROM audit_log ORDER BY id").fetchall()


def submit_sample(window, service_index: int = 2, name: str = RESIDENT_NAME):
    service = window.session.catalog.services[service_index]
    answers = {f.id: (name if f.charset == "name" else samples.answer_for(f)) for f in service.fields if not f.is_photo}
    draft = Draft(service_id=service.id, locale="zh_CN", answers=answers, identity={"method": "simulated"},
                  id_number=samples.SAMPLE_ID, visit_seconds=300.0)
    return applications.submit(window.store, draft, "DEMO01")


# -- sign-in -------------------------------------------------------------------------------------------


def test_the_staff_button_sits_small_in_the_bottom_right_corner(kiosk):
    settle()
    staff = find(kiosk, "staff", QPushButton)
    tiles = [w for w in kiosk.screen.findChildren(QPushButton) if w.objectName().startswith("tile_")]
    corner = staff.mapTo(kiosk, staff.rect().bottomRight())
    assert corner.x() >= kiosk.width() - kiosk.px_per_mm * 10 and corner.y() >= kiosk.height() - kiosk.px_per_mm * 25
    assert staff.width() < min(tile.width() for tile in tiles) / 2  # not a tile a resident reaches for
    assert staff.property("role") != "primary"
    assert kiosk.top_bar.findChild(QPushButton, "staff") is None  # not in the top bar


def test_number_and_pin_sign_in_and_the_pin_is_never_shown(qtbot, kiosk):
    touch(qtbot, kiosk, "staff")
    type_digits(qtbot, kiosk, HELPER[0])
    touch(qtbot, kiosk, "sign_in_next")
    assert "Helper 0007: type your PIN." in find(kiosk, "sign_in_instruction", QLabel).text()
    type_digits(qtbot, kiosk, HELPER[2])
    shown = texts(kiosk)
    assert MASK * len(HELPER[2]) in shown and not any(HELPER[2] in text for text in shown)
    touch(qtbot, kiosk, "sign_in_next")
    assert not any(HELPER[2] in text for text in texts(kiosk))  # cleared before it was checked
    done(kiosk)
    assert kiosk.helper is not None and kiosk.helper.number == HELPER[0]
    assert find(kiosk, "console_who", QLabel).text() == "王芳 · helper 0007 · helper"
    assert ("helper:0007", "helper.signed_in", "0007", "method=pin") in audit_rows(kiosk)
    assert find(kiosk, "console_open_supervisor") is None  # a helper, not a supervisor
    assert ("staff", "en") in list(kiosk.spoken)  # "Staff sign-in." was said; the number and PIN never


def test_a_wrong_pin_says_the_same_as_an_unknown_number(qtbot, kiosk):
    sign_in(qtbot, kiosk, HELPER[0], "902615")
    wrong_pin = find(kiosk, "sign_in_error", QLabel).text()
    touch(qtbot, kiosk, "sign_in_cancel")
    sign_in(qtbot, kiosk, "4321", HELPER[2])
    assert find(kiosk, "sign_in_error", QLabel).text() == wrong_pin
    assert "number or PIN is not right" in wrong_pin and kiosk.helper is None


def test_five_wrong_pins_lock_and_a_new_store_and_window_still_say_until_when(qtbot, kiosk, tmp_path):
    touch(qtbot, kiosk, "staff")
    type_digits(qtbot, kiosk, HELPER[0])
    touch(qtbot, kiosk, "sign_in_next")
    for _ in range(LOCK_AFTER):
        type_digits(qtbot, kiosk, "902615")
        touch(qtbot, kiosk, "sign_in_next")
        done(kiosk)
    locked = find(kiosk, "sign_in_error", QLabel).text()
    assert "locked until" in locked and "in about 5 min" in locked, locked
    close(kiosk)
    # The kiosk restarts: a new window on a new Store over the same database and key.
    again, _ = make_window("1366x768", False, "en", tmp_path)
    try:
        sign_in(qtbot, again, HELPER[0], HELPER[2])  # even the right PIN
        assert again.helper is None
        assert "locked until" in find(again, "sign_in_error", QLabel).text()
    finally:
        close(again)


def test_the_helper_is_signed_out_after_the_idle_time_and_the_screen_is_wiped(qtbot, kiosk):
    receipt = submit_sample(kiosk)
    kiosk.staff.configure(HelpersConfig(idle_minutes=5))
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    touch(qtbot, kiosk, "open_0")
    touch(qtbot, kiosk, "reason_resident_present")
    done(kiosk)
    assert any(RESIDENT_NAME in text for text in texts(kiosk))  # the record is open
    kiosk.clock.now += 4 * 60
    kiosk.staff.tick()
    assert kiosk.helper is not None  # four minutes: still here
    kiosk.clock.now += 61
    wiped = []
    kiosk.session.add_listener(lambda reason: wiped.append(reason))
    kiosk.staff.tick()
    done(kiosk)
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert kiosk.helper is None and kiosk.staff.overlay is None
    assert "wiped:helper_idle" in wiped and kiosk.session.is_fresh()
    left = texts(kiosk)
    assert not any(RESIDENT_NAME in text or receipt.number in text for text in left)
    assert ("helper:0007", "helper.signed_out", "0007", "reason=idle") in audit_rows(kiosk)


def test_a_touch_keeps_the_helper_signed_in(qtbot, kiosk):
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    kiosk.clock.now += 4 * 60
    touch(qtbot, kiosk, "console_open_today")
    kiosk.clock.now += 4 * 60
    kiosk.staff.tick()
    assert kiosk.helper is not None


def test_back_to_the_resident_screen_keeps_the_helper_and_staff_reopens_without_a_pin(qtbot, kiosk):
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    asked = []
    kiosk.staff.guided_start_requested.connect(lambda: asked.append(True))
    touch(qtbot, kiosk, "console_back")
    assert kiosk.staff.overlay is None and kiosk.helper is not None
    touch(qtbot, kiosk, "staff")
    assert find(kiosk, "console") is not None  # straight to the console
    touch(qtbot, kiosk, "console_guided")
    assert asked == [True] and kiosk.staff.overlay is None and kiosk.helper is not None
    touch(qtbot, kiosk, "staff")
    touch(qtbot, kiosk, "console_sign_out")
    done(kiosk)
    assert kiosk.helper is None
    assert ("helper:0007", "helper.signed_out", "0007", "reason=button") in audit_rows(kiosk)


def test_a_registered_staff_card_asks_for_the_pin_only(qtbot, kiosk):
    roster.register_card(kiosk.store, HELPER[0], "04A1B2C3D4E5F6")
    reader = SimulatedReader()
    kiosk.bridge.attach_reader(reader)
    reader.start()
    try:
        reader.present_staff_card("04A1B2C3D4E5F7")  # not registered: nothing happens
        qtbot.wait(300)
        done(kiosk)
        assert kiosk.staff.overlay is None
        reader.present_staff_card("04a1b2c3d4e5f6")
        qtbot.waitUntil(lambda: find(kiosk, "pin_keypad") is not None, timeout=5000)
        assert "Staff card of helper 0007" in find(kiosk, "sign_in_instruction", QLabel).text()
        type_digits(qtbot, kiosk, HELPER[2])
        touch(qtbot, kiosk, "sign_in_next")
        done(kiosk)
        assert kiosk.helper.number == HELPER[0]
        assert ("helper:0007", "helper.signed_in", "0007", "method=card") in audit_rows(kiosk)
    finally:
        reader.stop()


# -- the pages -----------------------------------------------------------------------------------------


def test_supervisors_alone_see_the_supervisor_page(qtbot, kiosk):
    sign_in(qtbot, kiosk, SUPERVISOR[0], SUPERVISOR[2])
    pages = [w.objectName() for w in kiosk.staff.overlay.findChildren(QPushButton) if w.isVisible()
             and w.objectName().startswith("console_open_")]
    assert pages == ["console_open_queue", "console_open_help_requests", "console_open_set_aside",
                     "console_open_faces", "console_open_proxy", "console_open_devices", "console_open_today",
                     "console_open_supervisor"]


def test_queue_counts_lists_and_opens_a_record_only_for_a_reason(qtbot, kiosk):
    waiting, refused = submit_sample(kiosk), submit_sample(kiosk, 0)
    row = next(r for r in outbox.due(kiosk.store, now=10 ** 12) if r.application_uuid == refused.application_uuid)
    outbox.quarantine(kiosk.store, row, "sync.rejected", server_code="bad")
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    done(kiosk)
    assert find(kiosk, "count_waiting", QLabel).text() == "1  waiting to be sent"
    assert find(kiosk, "count_set_aside", QLabel).text() == "1  set aside by the centre"
    line = find(kiosk, "line_0", QLabel).text()
    assert refused.number in line and "set aside by the centre" in line and "self-service" in line
    assert not any(RESIDENT_NAME in text for text in texts(kiosk))  # the list holds nothing personal
    touch(qtbot, kiosk, "open_1")
    assert "Why are you opening" in find(kiosk, "reason_question", QLabel).text()
    assert not any(RESIDENT_NAME in text for text in texts(kiosk))
    touch(qtbot, kiosk, "reason_correction")
    done(kiosk)
    assert any(RESIDENT_NAME in text for text in texts(kiosk))
    assert ("helper:0007", "application.opened", waiting.number, "reason=correction") in audit_rows(kiosk)
    touch(qtbot, kiosk, "record_close")
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert not any(RESIDENT_NAME in text for text in texts(kiosk))


def test_set_aside_retry_and_discard_with_a_reason(qtbot, kiosk):
    nudged = []
    kiosk.devices["sync_now"] = lambda: nudged.append(True)
    first, second = submit_sample(kiosk), submit_sample(kiosk, 1)
    due = {r.application_uuid: r for r in outbox.due(kiosk.store, now=10 ** 12)}
    for receipt in (first, second):
        outbox.quarantine(kiosk.store, due[receipt.application_uuid], "sync.rejected", server_code="invalid_address",
                          message="The address has no house number.")
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    touch(qtbot, kiosk, "console_open_set_aside")
    done(kiosk)
    entry = find(kiosk, "entry_0", QLabel).text()
    assert first.number in entry and "did not accept it. The address has no house number." in entry
    touch(qtbot, kiosk, "retry_0")
    done(kiosk)
    assert nudged == [True] and "back in the queue" in find(kiosk, "set_aside_done", QLabel).text()
    assert outbox.counts(kiosk.store).quarantined == 1
    touch(qtbot, kiosk, "discard_0")
    assert "personal data is deleted" in find(kiosk, "discard_warning", QLabel).text()
    touch(qtbot, kiosk, "discard_withdrawn")
    done(kiosk)
    assert f"{second.number} was discarded." == find(kiosk, "set_aside_done", QLabel).text()
    assert find(kiosk, "set_aside_empty", QLabel) is not None
    log = audit_rows(kiosk)
    assert ("helper:0007", "application.requeued", first.application_uuid, "") in log
    assert ("helper:0007", "application.discarded", second.number, "reason=withdrawn") in log
    assert audit.verify(kiosk.store.conn)


class SavingPrinter:
    """Stands in for CUPS (no print server runs here): keeps the PDF it was given, as `lp` would take it."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.jobs = folder, []

    def print_pdf(self, path: Path) -> str:
        self.jobs.append(path.read_bytes())
        return "request id is test-1"

    def describe(self) -> str:
        return "saving test printer"


def test_devices_page_states_and_tests(qtbot, kiosk, tmp_path):
    from devices.speech.audio_sink import RecordingSink
    from devices.speech.speaker import Speaker

    reader = SimulatedReader()
    kiosk.devices["reader"] = reader
    kiosk.bridge.attach_reader(reader)
    printer = kiosk.devices["printer"] = SavingPrinter(tmp_path)
    speaker = Speaker(sink=RecordingSink(), cache_dir=tmp_path / "speech-cache")
    kiosk.devices["speaker"] = speaker
    kiosk.voice.speaker = speaker
    nudged = []
    kiosk.devices["sync_now"] = lambda: nudged.append(True)
    reader.start()
    try:
        qtbot.waitUntil(lambda: kiosk.bridge.connection is not None, timeout=5000)
        sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
        touch(qtbot, kiosk, "console_open_devices")
        assert find(kiosk, "state_reader", QLabel).text().startswith("Connected")
        assert "No camera configured" in find(kiosk, "state_camera", QLabel).text()
        assert not find(kiosk, "test_camera", QPushButton).isEnabled()
        touch(qtbot, kiosk, "test_reader")
        assert "Lay a card" in find(kiosk, "state_reader", QLabel).text()
        reader.present(0)
        qtbot.waitUntil(lambda: "Card read correctly" in find(kiosk, "state_reader", QLabel).text(), timeout=5000)
        card_name = reader.cards[0].name
        assert card_name not in find(kiosk, "state_reader", QLabel).text()  # masked
        touch(qtbot, kiosk, "test_printer")
        qtbot.waitUntil(lambda: "went to the printer" in find(kiosk, "state_printer", QLabel).text(), timeout=10000)
        assert printer.jobs and printer.jobs[0].startswith(b"%PDF")
        touch(qtbot, kiosk, "test_speech")
        assert ("console.speech_test", "en") in list(kiosk.spoken)
        assert speaker.wait_idle(30)
        touch(qtbot, kiosk, "test_sync")
        assert nudged == [True]
    finally:
        reader.stop()
        speaker.close()


def test_today_page_and_its_csv(qtbot, kiosk, tmp_path):
    submit_sample(kiosk)
    kiosk.staff.configure(HelpersConfig(), export_dir=tmp_path / "usb")
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    touch(qtbot, kiosk, "console_open_today")
    done(kiosk)
    assert find(kiosk, "today_0", QLabel).text() == "1  Residents served"
    assert "median 5 min" in find(kiosk, "service_0", QLabel).text()
    assert str(tmp_path / "usb") in find(kiosk, "export_folder", QLabel).text()
    touch(qtbot, kiosk, "export_csv")
    done(kiosk)
    [path] = list((tmp_path / "usb").glob("waystation-today-*.csv"))
    assert path.name in find(kiosk, "export_done", QLabel).text()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert RESIDENT_NAME not in path.read_text(encoding="utf-8")


def test_supervisor_leaves_only_after_the_pin_again(qtbot, kiosk):
    sign_in(qtbot, kiosk, SUPERVISOR[0], SUPERVISOR[2])
    touch(qtbot, kiosk, "console_open_supervisor")
    touch(qtbot, kiosk, "supervisor_exit")
    assert "leave the kiosk" in find(kiosk, "pin_prompt_heading", QLabel).text()
    type_digits(qtbot, kiosk, "902615")
    touch(qtbot, kiosk, "pin_prompt_confirm")
    done(kiosk)
    assert "not right" in find(kiosk, "pin_prompt_error", QLabel).text()
    assert kiosk.staff.control.requested_exit is None
    type_digits(qtbot, kiosk, SUPERVISOR[2])
    touch(qtbot, kiosk, "pin_prompt_confirm")
    done(kiosk)
    assert kiosk.staff.control.requested_exit == exit_codes.LEFT_BY_SUPERVISOR
    assert kiosk.helper is None
    actions = [(actor, action) for actor, action, _, _ in audit_rows(kiosk)]
    assert actions[-3:] == [("helper:0001", "helper.pin_confirmed"), ("helper:0001", "kiosk.exit"),
                            ("helper:0001", "helper.signed_out")]


def test_supervisor_shutdown_runs_the_configured_command(qtbot, kiosk, tmp_path):
    marker = tmp_path / "powered-off"
    kiosk.staff.configure(HelpersConfig(shutdown_command=(sys.executable, "-c", f"open({str(marker)!r}, 'w')")))
    sign_in(qtbot, kiosk, SUPERVISOR[0], SUPERVISOR[2])
    touch(qtbot, kiosk, "console_open_supervisor")
    touch(qtbot, kiosk, "supervisor_shutdown")
    type_digits(qtbot, kiosk, SUPERVISOR[2])
    touch(qtbot, kiosk, "pin_prompt_confirm")
    done(kiosk)
    done(kiosk)
    assert marker.exists() and kiosk.staff.control.requested_exit == exit_codes.SHUT_DOWN


def test_a_failing_shutdown_command_is_said_and_the_kiosk_stays(qtbot, kiosk):
    kiosk.staff.configure(HelpersConfig(shutdown_command=(sys.executable, "-c", "raise SystemExit('no power')")))
    sign_in(qtbot, kiosk, SUPERVISOR[0], SUPERVISOR[2])
    touch(qtbot, kiosk, "console_open_supervisor")
    touch(qtbot, kiosk, "supervisor_shutdown")
    type_digits(qtbot, kiosk, SUPERVISOR[2])
    touch(qtbot, kiosk, "pin_prompt_confirm")
    done(kiosk)
    done(kiosk)
    assert kiosk.staff.control.requested_exit is None and kiosk.helper is not None
    assert "no power" in find(kiosk, "console_notice", QLabel).text()


def test_wrong_pins_asked_again_lock_and_sign_out(qtbot, kiosk):
    sign_in(qtbot, kiosk, SUPERVISOR[0], SUPERVISOR[2])
    touch(qtbot, kiosk, "console_open_supervisor")
    touch(qtbot, kiosk, "supervisor_restart")
    for _ in range(LOCK_AFTER):
        type_digits(qtbot, kiosk, "902615")
        touch(qtbot, kiosk, "pin_prompt_confirm")
        done(kiosk)
    assert kiosk.helper is None and kiosk.staff.control.requested_exit is None
    assert "locked until" in find(kiosk, "sign_in_error", QLabel).text()
    assert ("helper:0001", "helper.signed_out", "0001", "reason=locked") in audit_rows(kiosk)


def test_the_card_reader_event_of_a_residents_card_does_not_open_sign_in(qtbot, kiosk):
    kiosk.bridge.card_event.emit(CardEvent(CardEventKind.ERROR, uid=""))
    done(kiosk)
    assert kiosk.staff.overlay is None


def test_correct_and_resend_on_the_set_aside_page_opens_the_correction_with_the_helper(qtbot, kiosk):
    """Correct and resend: the console closes and the correction starts at the identity step, led by the
    signed-in helper, its form filled in from the set-aside application (opening it is audited)."""
    receipt = submit_sample(kiosk)
    row = next(r for r in outbox.due(kiosk.store, now=10 ** 12) if r.application_uuid == receipt.application_uuid)
    outbox.quarantine(kiosk.store, row, "sync.rejected")
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    touch(qtbot, kiosk, "console_open_set_aside")
    done(kiosk)
    touch(qtbot, kiosk, "correct_0")
    done(kiosk)
    assert kiosk.staff.overlay is None  # the console has closed; the helper stays signed in
    assert kiosk.helper is not None and kiosk.helper.number == HELPER[0]
    session = kiosk.session
    assert session.state.value == "identity" and session.service.id == kiosk.session.catalog.services[2].id
    assert session.assistance is not None and session.assistance.helper_number == HELPER[0]
    assert session.correction is not None and session.correction.old_uuid == receipt.application_uuid
    assert RESIDENT_NAME in session.answers.values()  # the old answers, filled in
    assert ("helper:0007", "application.opened", receipt.number) in [r[:3] for r in audit_rows(kiosk)]


def test_start_a_guided_application_from_the_console(qtbot, kiosk):
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    touch(qtbot, kiosk, "console_guided")
    done(kiosk)
    assert kiosk.staff.overlay is None
    assert kiosk.session.assistance is not None and kiosk.session.assistance.helper_number == HELPER[0]
    assert not kiosk.session.assistance.is_proxy
    assert kiosk.guided_banner.isVisible() and HELPER[1] in kiosk.guided_banner.text.text()


def test_apply_for_someone_else_lists_the_proxy_services_and_starts_one(qtbot, kiosk):
    sign_in(qtbot, kiosk, HELPER[0], HELPER[2])
    touch(qtbot, kiosk, "console_open_proxy")
    done(kiosk)
    allowed = [s for s in kiosk.session.catalog.services if s.proxy_allowed]
    assert allowed
    for service in kiosk.session.catalog.services:
        assert (find(kiosk, f"proxy_{service.id}", QPushButton) is not None) == service.proxy_allowed, service.id
    touch(qtbot, kiosk, f"proxy_{allowed[0].id}")
    done(kiosk)
    assert kiosk.staff.overlay is None
    assistance = kiosk.session.assistance
    assert assistance is not None and assistance.is_proxy and kiosk.session.service.id == allowed[0].id
    assert assistance.helper_number == HELPER[0]


@pytest.mark.parametrize("action,code", [("leave", exit_codes.LEFT_BY_SUPERVISOR), ("restart", exit_codes.RESTART)])
def test_leaving_or_restarting_ends_the_running_event_loop_with_its_code(action, code):
    """In a process of its own (ending an event loop marks the test process's loops as done): a running
    QApplication.exec() returns the code kiosk/exit_codes.py documents, which `waystation run` returns."""
    import subprocess

    script = ("import sys; from ui.qt import QApplication, QTimer; app = QApplication([]);"
              "from ui.console.kiosk_control import KioskControl; control = KioskControl();"
              f"QTimer.singleShot(50, control.{action}); sys.exit(app.exec())")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", script], cwd=root, timeout=60, capture_output=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)})
    assert result.returncode == code, result.stderr
