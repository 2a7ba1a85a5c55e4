"""dlib's matcher in its helper process, the face child: same answers as in-process, in another
process, and a child that dies or hangs is replaced.  Real dlib, real photos (tests/face_photos.py);
a hang is made real with SIGSTOP, a crash with SIGKILL.  (How long the GUI thread is held with
and without the child is a figure of bench/face_compare.py, not a test.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

import face_photos
from devices.camera import face_dlib
from devices.camera.face_child import child_command
from devices.camera.face_dlib import DlibMatcher
from kiosk.identity import FaceCheck

PAIRS = [("obama.jpg", "obama2.jpg"), ("biden.jpg", "obama.jpg"), ("astronaut", "astronaut")]


def _photos(live: str, card: str) -> tuple[bytes, bytes]:
    return (face_photos.encoded(face_photos.live_photo(live)),
            face_photos.encoded(face_photos.card_photo(card), ".bmp"))


@pytest.fixture
def child():
    made = DlibMatcher(timeout=2.0, start_timeout=30.0)
    yield made
    made.close()


def test_the_child_decides_as_in_process_to_the_same_distance(child):
    here = DlibMatcher(in_process=True)
    for live, card in PAIRS:
        photos = _photos(live, card)
        a, b = child.compare(*photos), here.compare(*photos)
        assert (a.check, a.reason, a.details) == (b.check, b.reason, b.details)
        assert abs(a.score - b.score) < 1e-6
        (far, score), (far_here, score_here) = child.models.distance(*photos), here.models.distance(*photos)
        assert abs(far - far_here) < 1e-6 and abs(score - score_here) < 1e-6
    assert {a.check for a in map(lambda p: child.compare(*_photos(*p)), PAIRS[:2])} == {
        FaceCheck.MATCHED, FaceCheck.HELPER_TO_CONFIRM}
    assert child.models.helper.restarts == 0  # one child served them all


def test_the_comparison_runs_in_another_process(child):
    result = child.compare(*_photos("obama.jpg", "obama2.jpg"))
    assert result.check is FaceCheck.MATCHED
    assert child.models.pid not in (None, os.getpid())
    assert child.models.pid == child.models.helper.pid  # the child answered, and still runs
    assert "in a helper process" in child.describe()


def test_not_a_picture_or_no_face_goes_to_a_helper_through_the_child(child):
    live, _ = _photos("obama.jpg", "obama.jpg")
    assert child.compare(live, b"not a picture").check is FaceCheck.HELPER_TO_CONFIRM
    blank = face_photos.encoded(np.full((126, 102, 3), 200, np.uint8), ".png")
    assert child.compare(live, blank).check is FaceCheck.HELPER_TO_CONFIRM
    assert child.problem == "" and child.models.helper.restarts == 0


def test_a_killed_child_is_replaced(child):
    photos = _photos("obama.jpg", "obama2.jpg")
    first = child.compare(*photos)
    killed = child.models.pid
    os.kill(killed, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while child.models.helper.pid is not None and time.monotonic() < deadline:
        time.sleep(0.01)  # until it is gone
    again = child.compare(*photos)
    assert again == first and child.models.pid != killed
    assert child.models.helper.restarts == 1


def test_a_hung_child_is_killed_reported_and_the_next_comparison_starts_a_fresh_one(child, caplog):
    photos = _photos("obama.jpg", "obama2.jpg")
    assert child.compare(*photos).check is FaceCheck.MATCHED
    hung = child.models.pid
    os.kill(hung, signal.SIGSTOP)  # dlib that never answers
    t0 = time.monotonic()
    result = child.compare(*photos)
    assert time.monotonic() - t0 < 4  # the 2 s limit, not forever
    assert result.check is FaceCheck.HELPER_TO_CONFIRM and result.reason == "face_match.helper"
    assert "took longer than 2 s" in child.problem and "took longer than 2 s" in caplog.text
    with pytest.raises(ProcessLookupError):
        os.kill(hung, 0)  # killed and reaped, not left behind
    assert child.compare(*photos).check is FaceCheck.MATCHED  # a fresh child
    assert child.models.pid != hung and child.models.helper.restarts == 1 and child.problem == ""


def test_a_child_that_cannot_start_leaves_a_helper_and_says_why(tmp_path):
    from kiosk.errors import KioskError

    matcher = DlibMatcher(command=[str(tmp_path / "no-such-program")])
    result = matcher.compare(*_photos("obama.jpg", "obama2.jpg"))
    assert result.check is FaceCheck.HELPER_TO_CONFIRM and "no-such-program" in matcher.problem
    with pytest.raises(KioskError) as raised:
        matcher.wait_loaded()  # what doctor reports
    assert "face matching process failed" in raised.value.text("en")


def test_a_child_that_exits_at_once_is_reported_with_its_last_words(tmp_path):
    matcher = DlibMatcher(command=[sys.executable, "-c", "import sys; sys.exit('dlib: illegal instruction')"])
    result = matcher.compare(*_photos("obama.jpg", "obama2.jpg"))
    assert result.check is FaceCheck.HELPER_TO_CONFIRM
    assert "exited (status 1)" in matcher.problem and "illegal instruction" in matcher.problem


def test_warming_starts_the_child_and_reads_the_models_in_the_background(child):
    child.warm().join(30)
    assert child.models.version and child.models.helper.pid is not None


def test_the_frozen_build_runs_the_child_through_the_kiosk_command(monkeypatch, tmp_path):
    """A frozen kiosk has no `python -m`: it starts itself with `face-child` (kiosk/cli.py)."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert child_command(tmp_path) == [sys.executable, "face-child", "--models", str(tmp_path)]
    monkeypatch.undo()
    answered = subprocess.run([sys.executable, "-m", "kiosk.cli", "face-child", "--models",
                               str(face_dlib.models_dir())], input=b'{"op": "ping"}\n{"op": "load"}\n',
                              capture_output=True, timeout=60, check=True)
    ping, load = (json.loads(line) for line in answered.stdout.splitlines())
    assert ping["ok"] and ping["pid"] != os.getpid() and load["ok"] and load["dlib"]
    matcher = DlibMatcher(command=[sys.executable, "-m", "kiosk.cli", "face-child", "--models",
                                   str(face_dlib.models_dir())])
    try:
        assert matcher.compare(*_photos("obama.jpg", "obama2.jpg")).check is FaceCheck.MATCHED
    finally:
        matcher.close()


def test_doctor_says_why_when_the_child_cannot_start(monkeypatch, tmp_path):
    from devices.camera import face_child
    from kiosk import config as config_mod
    from kiosk.cli import check_face_matcher

    monkeypatch.setattr(face_child, "child_command", lambda directory: [str(tmp_path / "no-such-program")])
    check = check_face_matcher(config_mod.from_mapping({}))
    assert check.status == "fail" and "face matching process failed" in check.detail
    assert "no-such-program" in check.detail and "a helper compares faces" in check.detail
