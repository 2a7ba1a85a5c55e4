"""Document photos: a page on a real desk texture, tilted by a known homography, straightened."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

import camera_clips
from devices.camera.document_photo import (
    CaptureLimits, CaptureState, DocumentCapture, correct_perspective, encode_jpeg, find_page, guide_box,
)
from kiosk.errors import ValidationError


def rule_angle(page: np.ndarray) -> float:
    """Angle in degrees of the heading bar across the top of a straightened page (0 = level)."""
    grey = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    top = grey[: grey.shape[0] // 5]
    _, dark = cv2.threshold(top, 80, 255, cv2.THRESH_BINARY_INV)
    contours, _ = cv2.findContours(dark, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    bar = max(contours, key=cv2.contourArea)
    vx, vy, _, _ = cv2.fitLine(bar, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
    return math.degrees(math.atan2(vy, vx))


@pytest.mark.parametrize(("tilt", "keystone"), [(12.0, 0.08), (-20.0, 0.05), (30.0, 0.1), (5.0, 0.0)])
def test_a_tilted_page_is_straightened_to_within_3_degrees(tilt, keystone):
    homography = camera_clips.page_homography(tilt, keystone)
    frame = camera_clips.document_frame(homography, np.random.default_rng(2))
    x, y, w, h = camera_clips.RULE
    ends = cv2.perspectiveTransform(np.float32([[[x, y + h / 2], [x + w, y + h / 2]]]), homography)[0]
    before = math.degrees(math.atan2(ends[1, 1] - ends[0, 1], ends[1, 0] - ends[0, 0]))
    assert abs(before - tilt) < 3  # the camera sees the bar tilted as intended
    corners = find_page(frame)
    assert corners is not None
    page = correct_perspective(frame, corners)
    assert abs(rule_angle(page)) <= 3.0
    height, width = page.shape[:2]
    assert height > width  # upright, not on its side
    assert abs(width / height - 210 / 297) < 0.05  # A4 proportions come back


def test_no_page_on_an_empty_desk():
    assert find_page(camera_clips.desk()) is None


def _frames(homography, rng, moves, blurs, stills):
    """Moving page, then a still but blurred one, then a still and sharp one."""
    shots = [camera_clips.document_frame(homography, rng, shift=(8.0 * i, 3.0 * i)) for i in range(moves)]
    shots += [camera_clips.document_frame(homography, rng, blur=2.5) for _ in range(blurs)]
    shots += [camera_clips.document_frame(homography, rng) for _ in range(stills)]
    return shots


def test_automatic_capture_waits_for_a_still_sharp_page():
    limits = CaptureLimits(still_frames=6)
    capture = DocumentCapture(limits)
    frames = _frames(camera_clips.page_homography(15.0), np.random.default_rng(3), moves=8, blurs=8, stills=10)
    steps = [capture.feed(frame) for frame in frames]
    states = [step.state for step in steps]
    assert CaptureState.CAPTURED not in states[:16]  # never while moving, never while blurred
    assert {step.guidance_code for step in steps[:8]} <= {"document.place", "document.hold_still"}
    assert {step.guidance_code for step in steps[9:16]} == {"document.blurred"}
    first = states.index(CaptureState.CAPTURED)
    # after the first still, sharp frame (which is compared with a blurred one) come six still ones
    assert first == 16 + limits.still_frames
    assert steps[first].guidance("en").startswith("Done.")
    assert capture.captured and capture.jpeg[:2] == b"\xff\xd8"
    assert abs(rule_angle(capture.photo)) <= 3.0


def test_retake_starts_again():
    capture = DocumentCapture(CaptureLimits(still_frames=3))
    frame = camera_clips.document_frame(camera_clips.page_homography(8.0), np.random.default_rng(4))
    for _ in range(5):
        capture.feed(frame)
    assert capture.captured
    capture.retake()
    assert not capture.captured and capture.photo is None
    assert capture.feed(frame).state is not CaptureState.CAPTURED


def test_a_document_without_a_visible_edge_is_still_captured_from_the_guide_frame():
    limits = CaptureLimits(still_frames=3, fallback_frames=5)
    capture = DocumentCapture(limits)
    rng = np.random.default_rng(5)
    # text straight on a white desk: no page outline to find
    plain = np.full((480, 640, 3), 245, np.uint8)
    page = camera_clips.document_page()
    plain[20:460, 170:481] = cv2.resize(page, (311, 440))
    frames = [camera_clips.camera_noise(plain, rng, sigma=2.0, shake=0) for _ in range(8)]
    states = [capture.feed(frame).state for frame in frames]
    assert states.index(CaptureState.CAPTURED) == limits.fallback_frames
    box = guide_box(640, 480)
    assert capture.photo.shape[:2] == (box.h, box.w)


def test_guide_frame_is_an_upright_a4_shape_inside_the_picture():
    box = guide_box(640, 480)
    assert 0 <= box.x and box.x + box.w <= 640 and 0 <= box.y and box.y + box.h <= 480
    assert abs(box.w / box.h - 210 / 297) < 0.01
    assert box.h >= 400


def test_jpeg_stays_under_the_size_limit_or_says_it_cannot():
    rng = np.random.default_rng(6)
    noisy_page = rng.integers(0, 256, (1800, 1300, 3), dtype=np.uint8)  # worst case for JPEG
    data = encode_jpeg(noisy_page, max_bytes=300_000)
    assert len(data) <= 300_000
    assert cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR) is not None
    with pytest.raises(ValidationError) as raised:
        encode_jpeg(noisy_page, max_bytes=2_000)
    assert raised.value.code == "photo.too_large"


def test_a_page_half_out_of_view_is_not_taken_for_a_whole_page():
    frame = camera_clips.document_frame(camera_clips.page_homography(10.0), np.random.default_rng(7), shift=(260, 0))
    assert find_page(frame) is None
