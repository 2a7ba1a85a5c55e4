"""A receipt's QR code held to the camera on the home screen opens its status, an appointment code opens
its service (camera = a video file)."""

from __future__ import annotations

import datetime as _dt

import pytest

from kiosk import applications
from kiosk.session import State
from ui.qt import QLabel

import camera_clips
from factories import TINY_JPEG, make_card


@pytest.fixture
def window_with_clip(qtbot, tmp_path):
    """make(payload_for) → a kiosk window whose camera plays a clip of a QR code with that payload."""
    from devices.camera.capture import open_camera
    from kiosk import catalog, crypto
    from kiosk.session import Defaults, Session
    from kiosk.store import Store
    from ui.main_window import KioskWindow

    made = []

    def make(payload_for):
        store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
        card = make_card()
        receipt = applications.submit(store, applications.Draft(
            "senior_card", "en", {"name": card.name}, [applications.Attachment("p", "image/jpeg", TINY_JPEG)],
            {"method": "id_card"}, card.id_number), "DEMO01", _dt.date(2026, 11, 24))
        clip = camera_clips.write_clip(tmp_path / "qr.avi", camera_clips.qr_clip_frames(payload_for(receipt)))
        camera = open_camera(str(clip))
        session = Session(catalog.bundled(), Defaults(locale="en"))
        window = KioskWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=1366 / 344,
                             receipts_dir=tmp_path / "r", devices={"camera": camera})
        window.resize(1366, 768)
        window.show()
        qtbot.addWidget(window)
        camera.start()
        made.append((camera, store))
        return window, session, receipt

    yield make
    for camera, store in made:
        camera.stop()
        store.close()


def test_receipt_qr_on_the_home_screen_shows_its_status(qtbot, window_with_clip):
    window, session, receipt = window_with_clip(lambda receipt: receipt.qr_text)
    qtbot.waitUntil(lambda: session.state == State.STATUS and bool(session.status_results), timeout=15_000)
    qtbot.waitUntil(lambda: window.screen.findChild(QLabel, "result_0") is not None, timeout=5_000)
    assert receipt.number in window.screen.findChild(QLabel, "result_0").text()


def test_an_appointment_code_for_today_opens_its_service(qtbot, window_with_clip):
    from kiosk.appointments import Appointment

    code = Appointment("residence_permit", _dt.date.today(), "A1B2C3D4")
    window, session, _ = window_with_clip(lambda receipt: code.qr_text)
    qtbot.waitUntil(lambda: session.state == State.GUIDE, timeout=15_000)
    assert session.service.id == "residence_permit" and session.appointment == code
    qtbot.waitUntil(lambda: window.screen.findChild(QLabel, "appointment") is not None, timeout=5_000)
    assert "A1B2C3D4" in window.screen.findChild(QLabel, "appointment").text()


def test_an_appointment_for_another_day_is_explained_and_nothing_opens(qtbot, window_with_clip):
    from kiosk.appointments import Appointment

    day = _dt.date.today() + _dt.timedelta(days=3)
    window, session, _ = window_with_clip(lambda receipt: Appointment("senior_card", day, "ZX9Y8W7V").qr_text)
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=15_000)
    assert day.isoformat() in window.notice.text() and "not today" in window.notice.text()
    assert session.state == State.HOME and ("error", "en") in window.spoken
    assert not session.is_fresh()  # the idle timer clears the notice for the next resident


def test_a_code_that_is_not_a_receipt_is_explained(qtbot, window_with_clip):
    window, session, _ = window_with_clip(lambda receipt: "https://example.org/not-a-receipt")
    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=15_000)
    assert "not a Waystation receipt or appointment" in window.notice.text()
    assert session.state == State.HOME and ("error", "en") in window.spoken
