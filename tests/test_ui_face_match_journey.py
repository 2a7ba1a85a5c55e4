"""The resident's face step end to end with dlib's matcher: a video file as the camera, a card with a photo.

The camera plays a clip made from a real photo (scikit-image's astronaut portrait,
blinking, with camera noise: tests/camera_clips.py) through the kiosk's own camera,
liveness check and worker thread.  The card is a simulated card whose photo is an
ID-card-sized (102 × 126) crop: of the same woman, or of a different person.
"""

from __future__ import annotations

import dataclasses

import pytest

import camera_clips
import face_photos
from devices.camera.face_dlib import DlibMatcher
from factories import make_card
from kiosk.identity import FaceCheck, Identity, IdentityMethod, Liveness
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.qt import QPushButton, Qt


@pytest.fixture(scope="module")
def matcher() -> DlibMatcher:
    return DlibMatcher()


@pytest.fixture
def face_step(qtbot, tmp_path, matcher):
    """face_step(card_photo, clip_frames) -> (window, session) on the face step with the camera playing."""
    from devices.camera.capture import open_camera

    opened = []

    def start(card_photo: bytes, frames):
        clip = camera_clips.write_clip(tmp_path / "camera.avi", frames)
        camera = open_camera(str(clip))
        camera.start()
        window, session = make_window("1366x768", False, "en", tmp_path)
        window.devices.update(camera=camera, face_matcher=matcher)
        qtbot.addWidget(window)
        opened.append((camera, window))
        session.choose_service("residence_permit")
        session.next()
        card = dataclasses.replace(make_card(), photo=card_photo)
        session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
        settle()
        return window, session

    yield start
    for camera, window in opened:
        camera.stop()
        window.store.close()


def _card(name: str) -> bytes:
    return face_photos.encoded(face_photos.card_photo(name), ".bmp")  # card readers hand over BMP


def test_the_same_person_on_the_card_is_matched_with_no_helper(qtbot, face_step):
    window, session = face_step(_card("astronaut"), camera_clips.blink_frames())
    qtbot.waitUntil(lambda: session.state == State.FORM, timeout=30_000)
    identity = session.identity
    assert identity.face == FaceCheck.MATCHED and identity.liveness == Liveness.PASSED
    recorded = identity.record()
    assert recorded["face_matcher"] == "dlib" and recorded["face_model"] == "dlib_face_recognition_resnet_model_v1"
    assert float(recorded["face_distance"]) <= 0.55 and -1 <= identity.verified()["face_score"] <= 1


def test_a_different_persons_card_is_explained_kindly_and_left_to_a_helper(qtbot, face_step):
    window, session = face_step(_card("obama.jpg"), camera_clips.blink_frames())
    continue_ = None

    def explained():
        nonlocal continue_
        continue_ = window.screen.findChild(QPushButton, "face_continue")
        return continue_ is not None

    qtbot.waitUntil(explained, timeout=30_000)
    guidance = window.screen.findChild(type(window.notice), "face_guidance").text()
    assert "could not be matched" in guidance and "helper" in guidance
    assert window.spoken[-1] == ("identity.face", "en")  # said aloud, not only shown
    assert session.state == State.IDENTITY  # the resident hears it before the form appears
    qtbot.mouseClick(continue_, Qt.LeftButton)
    assert session.state == State.FORM
    assert session.identity.face == FaceCheck.HELPER_TO_CONFIRM  # never refused: a helper confirms
    assert float(session.identity.record()["face_distance"]) > 0.70


def test_a_still_photo_held_to_the_camera_fails_liveness_before_any_matching(qtbot, face_step, matcher):
    calls = []
    compare = matcher.compare

    class Counting:
        def compare(self, live, card):
            calls.append(1)
            return compare(live, card)

        def describe(self):
            return matcher.describe()

    window, session = face_step(_card("astronaut"), camera_clips.still_photo_frames(count=200))
    window.devices["face_matcher"] = Counting()
    retry = window.screen.findChild(QPushButton, "face_retry")
    qtbot.waitUntil(lambda: not retry.isHidden(), timeout=30_000)  # the challenge timed out
    assert session.state == State.IDENTITY and not calls
