"""The document step with a video clip of a tilted page as the configured camera: guide, auto-capture, retake."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

import camera_clips
from factories import make_card
from kiosk import samples
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.session import State
from test_document_photo import rule_angle
from ui.gallery import make_window, settle
from ui.qt import QLabel, QPushButton, Qt


def tilted_page_clip(path, tilt: float = 14.0):
    """The page slid in (moving), then laid still and sharp on the desk, tilted and seen a little off square."""
    rng = np.random.default_rng(11)
    homography = camera_clips.page_homography(tilt, 0.06)
    frames = [camera_clips.document_frame(homography, rng, shift=(60 - 6.0 * i, 20 - 2.0 * i)) for i in range(10)]
    frames += [camera_clips.document_frame(homography, rng) for _ in range(40)]
    return camera_clips.write_clip(path, frames)


def to_documents(window, session) -> None:
    session.choose_service("residence_permit")
    session.next()
    session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM, None)
    while session.state == State.FORM:
        session.next({f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()})
    settle()
    assert session.state == State.DOCUMENTS


def find(window, name, kind=QPushButton):
    return window.screen.findChild(kind, name)


@pytest.fixture
def kiosk(qtbot, tmp_path):
    from devices.camera.capture import open_camera

    cameras = []

    def open_kiosk(source, locale="en"):
        camera = open_camera(str(source))
        camera.start()
        cameras.append(camera)
        window, session = make_window("1366x768", False, locale, tmp_path)
        window.devices["camera"] = camera
        qtbot.addWidget(window)
        to_documents(window, session)
        return window, session

    yield open_kiosk
    for camera in cameras:
        camera.stop()


def test_a_tilted_page_is_taken_by_itself_upright_and_can_be_retaken(qtbot, tmp_path, kiosk):
    window, session = kiosk(tilted_page_clip(tmp_path / "page.avi"))
    screen = window.screen
    document = session.current_document().id
    guidance = find(window, "document_guidance", QLabel)
    assert find(window, "camera_view", QLabel) is not None
    assert find(window, "take_photo").text() == "Take photo now"  # the fallback is there from the start
    qtbot.waitUntil(lambda: screen.view.frames_shown > 3, timeout=10_000)
    # Nobody touches anything: the photo is taken when the page is still and sharp.
    qtbot.waitUntil(lambda: not find(window, "use_photo").isHidden(), timeout=20_000)
    assert screen.captured_by == "auto"
    assert "Use this photo" in guidance.text() and "Use this photo" in screen.prompt()
    assert not find(window, "retake").isHidden() and find(window, "take_photo").isHidden()
    assert ("documents.guidance", "en") in window.spoken
    # Retake: the live view comes back and takes it again by itself.
    qtbot.mouseClick(find(window, "retake"), Qt.LeftButton)
    assert find(window, "use_photo").isHidden() and not screen.view.isHidden() and screen.candidate is None
    qtbot.waitUntil(lambda: not find(window, "use_photo").isHidden(), timeout=20_000)
    assert screen.captured_by == "auto"
    qtbot.mouseClick(find(window, "use_photo"), Qt.LeftButton)
    settle()
    stored = cv2.imdecode(np.frombuffer(session.photos[document], np.uint8), cv2.IMREAD_COLOR)
    height, width = stored.shape[:2]
    assert height > width and abs(width / height - 210 / 297) < 0.06  # the page, not the desk
    assert abs(rule_angle(stored)) <= 3.0  # straightened: the 14° tilt is gone
    assert find(window, "taken", QLabel) is not None and find(window, "camera_view", QLabel) is None


def test_take_photo_now_is_the_fallback_and_a_missing_camera_is_said(qtbot, tmp_path, kiosk):
    window, session = kiosk(tmp_path / "unplugged.avi")  # no such file: the camera is missing
    screen = window.screen
    name = f"error_{session.current_document().id}"
    assert find(window, name, QLabel) is None  # no error label until there is an error
    qtbot.waitUntil(lambda: find(window, name, QLabel) is not None, timeout=10_000)
    error = find(window, name, QLabel)
    assert not error.isHidden() and window.screen.focusWidget() is error  # focused, for a screen reader
    assert "helper" in error.text()
    assert error.accessibleName() in screen.prompt()  # Repeat says the error too
    assert ("error", "en") in window.spoken
    qtbot.mouseClick(find(window, "take_photo"), Qt.LeftButton)  # no picture to take: said, not stuck
    spoken = list(window.spoken).count(("error", "en"))
    qtbot.waitUntil(lambda: list(window.spoken).count(("error", "en")) > spoken, timeout=5_000)
    assert screen.mode == "live" and not find(window, name, QLabel).isHidden()
    assert find(window, "use_photo").isHidden()


def test_manual_photo_goes_through_the_same_review(qtbot, tmp_path, kiosk):
    frames = [camera_clips.document_frame(camera_clips.page_homography(10.0), None, blur=3.0)] * 20  # never sharp
    window, session = kiosk(camera_clips.write_clip(tmp_path / "blurred.avi", frames))
    screen = window.screen
    qtbot.waitUntil(lambda: "not sharp" in find(window, "document_guidance", QLabel).text(), timeout=10_000)
    qtbot.mouseClick(find(window, "take_photo"), Qt.LeftButton)
    qtbot.waitUntil(lambda: not find(window, "use_photo").isHidden(), timeout=10_000)
    assert screen.captured_by == "manual"
    qtbot.mouseClick(find(window, "use_photo"), Qt.LeftButton)
    assert session.photos[session.current_document().id][:3] == b"\xff\xd8\xff"
