"""QR codes made by segno, read back from camera-like video (tilt, perspective, blur, noise)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import camera_clips
from devices.camera.capture import Camera, Frame
from devices.camera.qr_scan import QrScanner
from kiosk import app_number

RECEIPT = app_number.make("DEMO01", dt.date(2026, 11, 24), 42)


@pytest.fixture(scope="module")
def qr_video(tmp_path_factory):
    """A two-second clip of a receipt's code held up in front of a person, written and read back."""
    frames = camera_clips.qr_clip_frames(RECEIPT, seed=11, count=20, blur=1.5, noise=8.0, tilt=12.0)
    path = camera_clips.write_clip(tmp_path_factory.mktemp("qr") / "receipt.avi", frames, fps=10)
    return camera_clips.read_clip(path)


def test_receipt_code_is_read_from_noisy_blurred_video(qr_video):
    scanner = QrScanner()
    read = [text for text in map(scanner.feed, qr_video) if text]
    assert read == [RECEIPT]  # reported once, not once per frame
    assert app_number.is_valid(read[0])
    # and most single frames of the clip are readable on their own
    assert sum(QrScanner().scan(frame) == RECEIPT for frame in qr_video) >= len(qr_video) * 0.7


def test_every_nth_frame_is_scanned():
    scanner = QrScanner(every_nth=3)
    frames = camera_clips.qr_clip_frames(RECEIPT, seed=12, count=6)
    results = [scanner.feed(frame) for frame in frames]
    assert results[1] is None and results[2] is None  # skipped frames cost nothing
    assert RECEIPT in results


def test_a_code_shown_again_after_it_left_counts_again():
    scanner = QrScanner(forget_after=3)
    code = camera_clips.qr_clip_frames(RECEIPT, seed=13, count=1)[0]
    nothing = camera_clips.portrait()
    sequence = [code, code, nothing, nothing, nothing, code]
    assert [scanner.feed(frame) for frame in sequence] == [RECEIPT, None, None, None, None, RECEIPT]


def test_frames_without_a_code_give_nothing():
    scanner = QrScanner()
    assert scanner.scan(camera_clips.portrait()) is None
    assert scanner.scan(camera_clips.desk()) is None
    assert scanner.scan(np.zeros((480, 640), np.uint8)) is None


def test_codes_are_read_through_the_camera_from_the_video_file(qr_video, tmp_path):
    path = camera_clips.write_clip(tmp_path / "qr.avi", qr_video, fps=10)
    scanner = QrScanner(every_nth=2)
    found: list[str] = []
    import threading
    done = threading.Event()

    def on_frame(frame: Frame) -> None:
        text = scanner.feed(frame.image)
        if text:
            found.append(text)
            done.set()

    camera = Camera(str(path))
    camera.add_frame_listener(on_frame)
    with camera:
        assert done.wait(15.0)
    assert found == [RECEIPT]


receipt_numbers = st.builds(
    app_number.make,
    st.from_regex(r"[A-Z0-9]{2,8}", fullmatch=True),
    st.dates(dt.date(2020, 1, 1), dt.date(2099, 12, 31)),
    st.integers(0, 999_999_999),
)
appointment_codes = st.from_regex(r"YY-[A-Z0-9]{4}-[A-Z0-9]{4}", fullmatch=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=st.one_of(receipt_numbers, appointment_codes), seed=st.integers(0, 2**32 - 1))
def test_any_receipt_or_appointment_code_is_read_within_a_few_frames(payload, seed):
    """Five frames (a third of a second) of the code held up, each with its own tilt, blur and noise."""
    frames = camera_clips.qr_clip_frames(payload, seed=seed, count=5, blur=1.2, noise=8.0, tilt=10.0)
    scanner = QrScanner()
    read = [text for text in map(scanner.feed, frames) if text]
    assert read == [payload]
