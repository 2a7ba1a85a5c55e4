"""The resident journey with a video file as the configured camera (no camera device exists here)."""

from __future__ import annotations

import pytest

from kiosk import applications, samples
from kiosk.identity import FaceCheck, Identity, IdentityMethod, Liveness
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.qt import QPushButton, Qt

import camera_clips
from factories import make_card


def test_face_step_passes_liveness_from_a_blinking_clip_and_documents_use_the_camera(qtbot, tmp_path):
    from devices.camera.capture import open_camera

    clip = camera_clips.write_clip(tmp_path / "blink.avi", camera_clips.blink_frames())
    camera = open_camera(str(clip))
    camera.start()
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    window.devices["camera"] = camera
    qtbot.addWidget(window)
    try:
        session.choose_service("residence_permit")
        session.next()
        session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
        settle()
        assert window.screen.findChild(type(window.notice), "face_guidance") is not None
        qtbot.waitUntil(lambda: session.state == State.FORM, timeout=20_000)
        assert session.identity.face == FaceCheck.HELPER_TO_CONFIRM  # no model configured
        assert session.identity.liveness == Liveness.PASSED
        assert session.identity.face_photo[:3] == b"\xff\xd8\xff"
        while session.state == State.FORM:
            session.next({f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()})
        settle()
        while session.state == State.DOCUMENTS:
            document = session.current_document().id
            if document not in session.photos:
                take_and_use(qtbot, window)
                qtbot.waitUntil(lambda: document in session.photos, timeout=5_000)
                assert session.photos[document][:3] == b"\xff\xd8\xff"
            session.next()
        window.submit()
        qtbot.waitUntil(lambda: session.state == State.RECEIPT, timeout=10_000)
        stored = applications.load(window.store, session.receipt.application_uuid)
        assert stored.identity["liveness"] == "passed"
        assert stored.identity["face"] == "helper_to_confirm" and [a.name for a in stored.attachments][-1] == "face_photo" and len(stored.attachments) == 3
    finally:
        camera.stop()
        window.store.close()


def take_and_use(qtbot, window) -> None:
    """'Take photo now' (straightened off the GUI thread), then 'Use this photo' once it is shown."""
    use = window.screen.findChild(QPushButton, "use_photo")
    if use.isHidden():  # not already taken by itself
        qtbot.mouseClick(window.screen.findChild(QPushButton, "take_photo"), Qt.LeftButton)
        qtbot.waitUntil(lambda: not use.isHidden(), timeout=5_000)
    qtbot.mouseClick(use, Qt.LeftButton)
    settle()


def test_no_camera_leaves_the_helper_route(qtbot, tmp_path):
    window, session = make_window("1366x768", True, "en", tmp_path)
    qtbot.addWidget(window)
    session.choose_service("social_security_card")
    session.next()
    session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
    settle()
    assert "helper" in window.screen.findChild(type(window.notice), "face_guidance").text()
    qtbot.mouseClick(window.screen.findChild(QPushButton, "take_face"), Qt.LeftButton)
    assert session.state == State.FORM and session.identity.face == FaceCheck.HELPER_TO_CONFIRM
    assert session.identity.liveness == Liveness.SKIPPED  # no camera: no challenge was tried
    window.store.close()


def test_a_missing_camera_is_explained_and_the_helper_route_stays_open(qtbot, tmp_path):
    from devices.camera.capture import open_camera

    camera = open_camera(str(tmp_path / "unplugged.avi"))  # no such file yet: the camera is "missing"
    camera.start()
    window, session = make_window("1366x768", False, "en", tmp_path)
    window.devices["camera"] = camera
    qtbot.addWidget(window)
    try:
        session.choose_service("social_security_card")
        session.next()
        session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
        settle()
        guidance = window.screen.findChild(type(window.notice), "face_guidance")
        qtbot.waitUntil(lambda: "helper will check" in guidance.text(), timeout=10_000)
        assert window.screen.findChild(type(window.notice), "card_photo_unavailable") is not None
        assert ("identity.face", "en") in window.spoken
        qtbot.mouseClick(window.screen.findChild(QPushButton, "take_face"), Qt.LeftButton)
        qtbot.waitUntil(lambda: session.state == State.FORM, timeout=5_000)  # the frame is encoded off the GUI thread
        assert session.identity.face == FaceCheck.HELPER_TO_CONFIRM
        assert session.identity.liveness == Liveness.SKIPPED and session.identity.record()["liveness"] == "skipped"
    finally:
        camera.stop()
        window.store.close()


def test_a_busy_gui_thread_gets_only_the_newest_picture(qtbot, tmp_path):
    """Frames that arrive while the GUI thread is busy replace each other; they do not queue up."""
    import time

    from devices.camera.capture import open_camera
    from ui.camera_view import CameraView
    from ui.qt import QApplication

    clip = camera_clips.write_clip(tmp_path / "still.avi", camera_clips.still_photo_frames(count=20))
    camera = open_camera(str(clip))
    seen = []
    view = CameraView(camera, lambda image, timestamp: seen.append(timestamp) or ("", None), lambda text: None,
                      lambda result: None, 120)
    qtbot.addWidget(view)
    camera.start()
    try:
        time.sleep(1.5)  # the GUI thread is busy (here: asleep) while ~20 frames arrive
        QApplication.processEvents()
        assert len(seen) >= 10  # the analysis kept up on the camera's thread
        assert view.frames_shown == 1 and view.pixmap() is not None and not view.pixmap().isNull()
    finally:
        view.close_view()
        camera.stop()


@pytest.fixture
def face_step(qtbot, tmp_path):
    """face_step(matcher) -> (window, session) on the face step of residence_permit, the camera playing a
    blinking clip.  (Matchers here are stand-ins for OpenCV's SFace model, whose weights cannot be fetched.)"""
    from devices.camera.capture import open_camera

    opened = []

    def start(matcher):
        clip = camera_clips.write_clip(tmp_path / "blink.avi", camera_clips.blink_frames())
        camera = open_camera(str(clip))
        camera.start()
        window, session = make_window("1366x768", False, "en", tmp_path)
        window.devices.update(camera=camera, face_matcher=matcher)
        qtbot.addWidget(window)
        opened.append((camera, window))
        session.choose_service("residence_permit")
        session.next()
        session.identify(Identity.from_card(make_card(), IdentityMethod.ID_CARD))
        settle()
        return window, session

    yield start
    for camera, window in opened:
        camera.stop()
        window.store.close()


def test_a_touch_on_take_my_photo_while_the_face_is_matched_changes_nothing(qtbot, face_step):
    """A passed blink goes to the matcher; "Take my photo" is then out of play, so the matcher's answer is
    what the application records."""
    import threading

    from devices.camera.face_match import MatchResult

    release = threading.Event()

    class SlowMatcher:
        def compare(self, live_photo, card_photo):
            release.wait(10)
            return MatchResult(FaceCheck.MATCHED, "face_match.matched", 0.83)

        def describe(self):
            return "slow stand-in"

    try:
        window, session = face_step(SlowMatcher())
        take = window.screen.findChild(QPushButton, "take_face")
        qtbot.waitUntil(lambda: not take.isEnabled(), timeout=20_000)  # liveness passed: matching
        qtbot.mouseClick(take, Qt.LeftButton)
        release.set()
        qtbot.waitUntil(lambda: session.state == State.FORM, timeout=10_000)
        assert session.identity.face == FaceCheck.MATCHED and session.identity.liveness == Liveness.PASSED
        assert session.identity.face_score == 0.83  # the score goes to the centre with the outcome
    finally:
        release.set()


def test_a_matcher_that_fails_leaves_the_helper_route_not_a_stuck_screen(qtbot, face_step):
    """A broken model (a cv2 error inside SFace, say) after a passed blink: a helper confirms."""

    class BrokenMatcher:
        def compare(self, live_photo, card_photo):
            raise RuntimeError("model file damaged")

        def describe(self):
            return "broken stand-in"

    window, session = face_step(BrokenMatcher())
    qtbot.waitUntil(lambda: session.state == State.FORM, timeout=20_000)
    assert session.identity.face == FaceCheck.HELPER_TO_CONFIRM and session.identity.liveness == Liveness.PASSED
