"""Face matching: helper confirmation when chosen, clear errors for configured SFace model files.

The SFace/YuNet model files are not available on the test machine (and are never
downloaded), so SFace's comparison itself is not exercised here.  The default,
dlib's matcher, is tested with real photos in test_face_dlib.py.
"""

from __future__ import annotations

import cv2
import pytest

import camera_clips
from devices.camera.face_match import HelperConfirmation, MatchResult, matcher_from_config
from kiosk.errors import ConfigError
from kiosk.identity import FaceCheck, Identity, IdentityMethod


def _jpeg(image) -> bytes:
    return cv2.imencode(".jpg", image)[1].tobytes()


def test_chosen_helper_confirmation_compares_side_by_side():
    matcher = matcher_from_config(None, None, matcher="helper")
    assert isinstance(matcher, HelperConfirmation)
    live = _jpeg(camera_clips.portrait())
    card = cv2.imencode(".png", camera_clips.astronaut())[1].tobytes()
    result = matcher.compare(live, card)
    assert result == MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper")
    # what the application records about how identity was checked
    identity = Identity(method=IdentityMethod.ID_CARD, face=result.check)
    assert identity.record()["face"] == "helper_to_confirm"
    assert "helper" in matcher.describe()


def test_empty_settings_mean_no_sface_and_no_helper_only():
    from devices.camera.face_dlib import DlibMatcher

    assert isinstance(matcher_from_config("", ""), DlibMatcher)


def test_a_configured_model_file_that_is_missing_is_named(tmp_path):
    detector_file = tmp_path / "face_detection_yunet.onnx"
    with pytest.raises(ConfigError) as raised:
        matcher_from_config(detector_file, tmp_path / "face_recognition_sface.onnx")
    error = raised.value
    assert error.code == "face_match.model_missing"
    assert str(detector_file) in error.text("en") and str(detector_file) in error.text("zh_CN")
    assert "devices.face_detector_model" in error.text("en")


def test_a_model_file_that_is_not_a_model_is_named(tmp_path):
    detector_file, recognizer_file = tmp_path / "yunet.onnx", tmp_path / "sface.onnx"
    detector_file.write_bytes(b"this is not an ONNX model")
    recognizer_file.write_bytes(b"nor is this")
    with pytest.raises(ConfigError) as raised:
        matcher_from_config(detector_file, recognizer_file)
    assert raised.value.code == "face_match.model_unusable"
    assert str(detector_file) in raised.value.text("en")


def test_half_a_configuration_is_refused(tmp_path):
    with pytest.raises(ConfigError) as raised:
        matcher_from_config(tmp_path / "yunet.onnx", None)
    assert raised.value.params["key"] == "devices.face_recognizer_model"
