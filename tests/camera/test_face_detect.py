"""Face detection and quality guidance on real face photos (scikit-image's sample data)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from skimage import data

import camera_clips
from devices.camera.face_detect import PRIORITY, FaceDetector
from kiosk import messages


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return FaceDetector()


def _iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    w = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    h = max(0, min(ay + ah, by + bh) - max(ay, by))
    return w * h / (aw * ah + bw * bh - w * h)


def test_the_astronauts_face_is_found_where_it_is(detector):
    report = detector.analyse(camera_clips.astronaut())
    assert len(report.faces) == 1
    face = report.face
    assert _iou((face.x, face.y, face.w, face.h), camera_clips.ASTRONAUT_FACE) > 0.6
    assert len(report.eyes) == 2


def test_a_good_camera_frame_passes_every_check(detector):
    frame = camera_clips.camera_noise(camera_clips.portrait(), np.random.default_rng(0))
    report = detector.analyse(frame)
    assert report.ok, report.problems
    assert report.guidance("en") == "Good. Please stay like that."
    assert report.guidance("zh_CN") == "很好，请保持。"


def _motion_blur(image: np.ndarray, length: int = 15) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    return cv2.filter2D(image, -1, kernel)


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("far away", lambda: camera_clips.portrait(face_width=100), "face.too_small"),
    ("too close", lambda: camera_clips.portrait(face_width=420), "face.too_large"),
    ("off to the side", lambda: camera_clips.portrait(centre=(490, 220)), "face.off_centre"),
    ("too high", lambda: camera_clips.portrait(centre=(320, 90)), "face.off_centre"),
    ("dim room", lambda: (camera_clips.portrait() * 0.3).astype(np.uint8), "face.too_dark"),
    ("glare", lambda: cv2.convertScaleAbs(camera_clips.portrait(), alpha=1.3, beta=50), "face.too_bright"),
    ("out of focus", lambda: cv2.GaussianBlur(camera_clips.portrait(), (0, 0), 2.0), "face.blurred"),
    ("moving", lambda: _motion_blur(camera_clips.portrait()), "face.blurred"),
])
def test_each_quality_problem_is_named_first(detector, name, make, expected):
    frame = camera_clips.camera_noise(make(), np.random.default_rng(1))
    report = detector.analyse(frame)
    assert report.face is not None, name
    assert report.problems[0] == expected, (name, report.problems)
    assert report.guidance_code == expected


def test_two_people_are_asked_to_leave_one(detector):
    half = camera_clips.portrait(face_width=150, centre=(160, 220), size=(320, 480))
    report = detector.analyse(np.hstack([half, half]))
    assert len(report.faces) == 2
    assert report.problems[0] == "face.several"


def test_no_face_is_told_apart_from_too_dark_or_too_bright_to_see(detector):
    assert detector.analyse(camera_clips.desk()).problems == ("face.too_dark", "face.none")
    empty_wall = np.full((480, 640, 3), 170, np.uint8)
    assert detector.analyse(empty_wall).problems == ("face.none",)
    glare = cv2.convertScaleAbs(camera_clips.portrait(), alpha=1.6, beta=60)
    washed_out = camera_clips.camera_noise(glare, np.random.default_rng(1))  # the face is lost in it
    assert detector.analyse(washed_out).problems == ("face.too_bright", "face.none")


def test_pictures_without_people_have_no_faces(detector):
    for picture in (data.coffee(), data.chelsea(), data.rocket()):
        frame = cv2.resize(cv2.cvtColor(picture, cv2.COLOR_RGB2BGR), (640, 480))
        assert detector.analyse(frame).faces == ()


def test_many_different_real_faces_are_found(detector):
    """Labeled Faces in the Wild (in scikit-image): 40 people's faces and 40 non-face patches."""
    patches = data.lfw_subset()  # first 100 are faces, the rest are not
    def found(patch: np.ndarray) -> bool:
        frame = np.full((480, 640), 128, np.uint8)
        frame[140:340, 220:420] = cv2.resize((patch * 255).astype(np.uint8), (200, 200),
                                             interpolation=cv2.INTER_CUBIC)
        return bool(detector.analyse(frame).faces)
    faces_found = sum(found(patch) for patch in patches[:40])
    false_faces = sum(found(patch) for patch in patches[100:140])
    assert faces_found >= 32, faces_found  # 25-px source images, enlarged: blurry, still mostly found
    assert false_faces == 0


@pytest.mark.parametrize("code", PRIORITY + ("face.good",))
def test_every_guidance_has_both_languages(code):
    texts = messages.all_messages()[code]
    assert texts["zh_CN"] and texts["en"] and texts["zh_CN"] != texts["en"]
