"""After a helper's session at the kiosk, no PIN and no plain personal data is left in a file or a log.

A station's data dir (database with its WAL, the log file, the Today export) and the process's
temporary folder are searched byte for byte, and every log record at DEBUG level (caplog) too,
after: a resident's application with a distinctive name, ID number, address and mobile; a helper
signing in with a wrong PIN, then the right one; a staff card laid on the reader; the record opened
for a reason (so the personal data was on screen); a card read on the Devices page; Today exported;
the supervisor's PIN asked again; signing out.  The PINs, the card's UID and the resident's data in
any form a file could hold them (UTF-8, UTF-16, the ID number with spaces) must be nowhere.
"""

from __future__ import annotations

import datetime as _dt
import logging
import tempfile
from pathlib import Path

from factories import fill_to_review, make_card
from kiosk import applications, log as log_setup, roster
from kiosk.session import Session
from kiosk.staff import Role
from test_ui_staff_console import done, find, touch, type_digits
from devices.simulated.reader import SimulatedReader
from kiosk.config import HelpersConfig
from ui.gallery import make_window
from ui.qt import QApplication, QEvent, QLabel

PIN, WRONG_PIN, SUPERVISOR_PIN = "384712", "902615", "770315"
UID = "04C0FFEE15BADA"
NAME = "欧阳娜娜"
ADDRESS = "山东省济南市历下区泉城路九十九号"
MOBILE = "13987654321"


def forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def test_no_pin_and_no_plain_personal_data_after_a_helper_session(qtbot, tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    data = tmp_path / "data"
    data.mkdir()
    log_path = log_setup.setup(data / "logs", level=logging.DEBUG)
    born = _dt.date(1961, 3, 9)
    card = make_card(name=NAME, born=born, sequence=358)
    window, session = make_window("1366x768", False, "en", data)
    reader = SimulatedReader(cards=[card])
    window.devices["reader"] = reader
    window.bridge.attach_reader(reader)
    reader.start()
    try:
        roster.add(window.store, "0001", "周主管", Role.SUPERVISOR, SUPERVISOR_PIN)
        roster.register_card(window.store, "0001", UID)
        window.staff.configure(HelpersConfig(), export_dir=data / "exports")
        resident = Session(session.catalog)
        fill_to_review(resident, "residence_permit", card)
        for field in resident.service.fields:
            if field.type == "mobile":
                resident.answers[field.id] = MOBILE
            elif field.charset == "address" and not field.prefill:
                resident.answers[field.id] = ADDRESS
        applications.submit(window.store, resident.prepare_submit(), "DEMO01")

        # A staff card, a wrong PIN, then the right one.
        reader.present_staff_card(UID)
        qtbot.waitUntil(lambda: find(window, "pin_keypad") is not None, timeout=5000)
        type_digits(qtbot, window, WRONG_PIN)
        touch(qtbot, window, "sign_in_next")
        done(window)
        type_digits(qtbot, window, SUPERVISOR_PIN)
        touch(qtbot, window, "sign_in_next")
        done(window)
        assert window.helper is not None
        # The record, opened for a reason: the personal data is on screen.
        touch(qtbot, window, "open_0")
        touch(qtbot, window, "reason_resident_present")
        done(window)
        assert any(NAME in label.text() for label in window.staff.overlay.findChildren(QLabel))
        touch(qtbot, window, "record_close")
        # A card read on the Devices page; Today exported; the PIN asked again.
        touch(qtbot, window, "console_open_devices")
        touch(qtbot, window, "test_reader")
        reader.present(0)
        qtbot.waitUntil(lambda: "Card read correctly" in find(window, "state_reader", QLabel).text(), timeout=5000)
        touch(qtbot, window, "console_open_today")
        done(window)
        touch(qtbot, window, "export_csv")
        done(window)
        touch(qtbot, window, "console_open_supervisor")
        touch(qtbot, window, "supervisor_restart")
        type_digits(qtbot, window, WRONG_PIN)
        touch(qtbot, window, "pin_prompt_confirm")
        done(window)
        touch(qtbot, window, "pin_prompt_cancel")
        touch(qtbot, window, "console_sign_out")
        done(window)
        assert window.helper is None
    finally:
        reader.stop()
        window.tasks.wait()
        window.close()
        window.store.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        for handler in logging.getLogger().handlers:
            handler.flush()

    secrets = {"PIN": PIN, "wrong PIN": WRONG_PIN, "supervisor PIN": SUPERVISOR_PIN, "card UID": UID,
               "name": NAME, "ID number": card.id_number, "ID number grouped": " ".join(
                   (card.id_number[:6], card.id_number[6:14], card.id_number[14:])),
               "address": ADDRESS, "card address": card.address, "mobile": MOBILE}
    files = [path for folder in (data, temp) for path in Path(folder).rglob("*") if path.is_file()]
    assert log_path in files and any(path.name.startswith("waystation-today-") for path in files)
    assert any(path.name == "gallery.db" for path in files)  # the store make_window opened, with its -wal
    found = []
    for path in files:
        raw = path.read_bytes()
        for what, secret in secrets.items():
            if any(form in raw for form in forms(secret)):
                found.append(f"{what} in {path.relative_to(tmp_path)}")
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    for what, secret in secrets.items():
        if secret in logged:
            found.append(f"{what} in a log record")
    assert not found, found
