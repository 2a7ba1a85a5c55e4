"""dlib's face matcher, the kiosk's default, on real photos at kiosk and ID-card sizes.

Photos: tests/face_photos.py (three photos of one man, one of another, one of a
woman; card-sized 102 × 126 crops, pale, blurred, JPEG-compressed, rotated).
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import face_photos
from devices.camera import face_dlib
from devices.camera.face_dlib import MATCH_BELOW, MISMATCH_ABOVE, DlibMatcher, DlibModels
from devices.camera.face_match import HelperConfirmation, matcher_from_config
from kiosk.errors import ConfigError
from kiosk.identity import FaceCheck, Identity, IdentityMethod


@functools.cache
def matcher() -> DlibMatcher:
    return DlibMatcher()  # dlib in the face child, as on a kiosk


@functools.cache
def models() -> DlibModels:
    return DlibModels(face_dlib.models_dir())  # in this process: the pair set's many descriptors


@functools.cache
def _descriptor(role: str, name: str, treatment: str):
    pair = face_photos.Pair(name, treatment, name, treatment, "")
    live, card = pair.images()
    return models().descriptor(live if role == "live" else card)


def _distance(pair: face_photos.Pair) -> float:
    a = _descriptor("live", pair.live, pair.live_treatment)
    b = _descriptor("card", pair.card, pair.card_treatment)
    assert a is not None and b is not None, f"no face found: {pair}"
    return float(np.linalg.norm(a - b))


PAIRS = list(face_photos.pairs())


def test_the_pair_set_has_both_kinds_and_card_sizes():
    kinds = {pair.kind for pair in PAIRS}
    assert kinds == {"genuine", "impostor"}
    live, card = PAIRS[0].images()
    assert card.shape[:2] == (126, 102)  # what a resident ID card holds


def test_every_genuine_pair_matches_at_card_resolution():
    far = [(round(_distance(pair), 3), str(pair)) for pair in PAIRS if pair.kind == "genuine"
           and _distance(pair) > MATCH_BELOW]
    assert not far


def test_no_impostor_pair_matches_and_each_is_a_clear_non_match():
    close = [(round(_distance(pair), 3), str(pair)) for pair in PAIRS if pair.kind == "impostor"
             and _distance(pair) <= MISMATCH_ABOVE]
    assert not close


def test_the_same_person_on_a_pale_card_is_matched_and_recorded_with_model_and_thresholds():
    live = face_photos.encoded(face_photos.live_photo("obama.jpg"))
    card = face_photos.encoded(face_photos.pale(face_photos.card_photo("obama2.jpg")), ".bmp")
    result = matcher().compare(live, card)
    assert result.check is FaceCheck.MATCHED and result.reason == "face_match.matched"
    assert -1.0 <= result.score <= 1.0
    assert result.details["face_model"] == "dlib_face_recognition_resnet_model_v1"
    assert result.details["face_threshold"] == f"{MATCH_BELOW}/{MISMATCH_ABOVE}"
    assert float(result.details["face_distance"]) <= MATCH_BELOW
    identity = Identity(method=IdentityMethod.ID_CARD, face=result.check, face_score=result.score,
                        face_match=result.details)
    recorded = identity.record()
    assert recorded["face"] == "matched" and recorded["face_matcher"] == "dlib"
    assert identity.verified()["face_score"] == round(result.score, 4)


def test_a_different_person_is_told_kindly_and_a_helper_confirms():
    live = face_photos.encoded(face_photos.live_photo("biden.jpg"))
    card = face_photos.encoded(face_photos.card_photo("obama.jpg"), ".bmp")
    result = matcher().compare(live, card)
    assert result.check is FaceCheck.HELPER_TO_CONFIRM  # never refused by the machine
    assert result.reason == "face_match.not_matched"
    from kiosk.messages import message_text

    assert "helper" in message_text(result.reason, "en") and "工作人员" in message_text(result.reason, "zh_CN")


def test_between_the_thresholds_a_helper_confirms_without_being_told_no():
    m = matcher()
    middle = (MATCH_BELOW + MISMATCH_ABOVE) / 2
    assert m.decide(middle) == (FaceCheck.HELPER_TO_CONFIRM, "face_match.helper")
    assert m.decide(MATCH_BELOW)[0] is FaceCheck.MATCHED
    assert m.decide(MISMATCH_ABOVE + 0.01)[1] == "face_match.not_matched"


def test_no_face_on_the_card_photo_goes_to_a_helper():
    live = face_photos.encoded(face_photos.live_photo("obama.jpg"))
    blank = face_photos.encoded(np.full((126, 102, 3), 200, np.uint8), ".png")
    assert matcher().compare(live, blank).check is FaceCheck.HELPER_TO_CONFIRM
    assert matcher().compare(live, None).check is FaceCheck.HELPER_TO_CONFIRM


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_a_card_photo_that_is_not_a_picture_goes_to_a_helper(garbage):
    live = face_photos.encoded(face_photos.live_photo("astronaut"))
    result = matcher().compare(live, garbage)
    assert result.check is FaceCheck.HELPER_TO_CONFIRM


def test_the_packaged_self_check_comparison_matches():
    result = face_dlib.self_check(matcher())
    assert result.check is FaceCheck.MATCHED


def test_only_the_two_models_are_loaded_never_the_68_point_one(tmp_path):
    # A folder holding only the two files the matcher needs is enough.
    source = face_dlib.models_dir()
    for name in (face_dlib.LANDMARKS_MODEL, face_dlib.DESCRIPTOR_MODEL):
        (tmp_path / name).symlink_to(source / name)
    assert "68" not in DlibMatcher(tmp_path).describe()


def test_missing_models_leave_a_helper_and_say_why(tmp_path, monkeypatch):
    with pytest.raises(ConfigError) as raised:
        DlibMatcher(tmp_path)
    assert str(tmp_path / face_dlib.LANDMARKS_MODEL) in raised.value.text("en")
    monkeypatch.setattr(face_dlib, "models_dir", lambda: tmp_path)
    fallback = matcher_from_config(None, None)
    assert isinstance(fallback, HelperConfirmation)
    assert "cannot be loaded" in fallback.describe() and str(tmp_path) in fallback.describe()


def test_doctor_names_the_matcher_its_models_and_runs_one_comparison():
    from kiosk import config as config_mod
    from kiosk.cli import check_face_matcher

    check = check_face_matcher(config_mod.from_mapping({}))
    assert check.status == "ok"
    assert face_dlib.DESCRIPTOR_MODEL in check.detail and face_dlib.LANDMARKS_MODEL in check.detail
    assert "self-check comparison matched" in check.detail and "in a helper process" in check.detail
    helper = check_face_matcher(config_mod.from_mapping({"devices": {"face_matcher": "helper"}}))
    assert helper.status == "warn" and "helper" in helper.detail


def test_a_card_photo_as_small_as_on_the_card_still_finds_the_face():
    card = face_photos.card_photo("biden.jpg")
    assert card.shape[:2] == (126, 102)
    assert models().descriptor(card) is not None


def test_a_damaged_model_file_leaves_a_helper_and_doctor_says_why(tmp_path, monkeypatch):
    from kiosk import config as config_mod
    from kiosk.cli import check_face_matcher

    source = face_dlib.models_dir()
    (tmp_path / face_dlib.LANDMARKS_MODEL).symlink_to(source / face_dlib.LANDMARKS_MODEL)
    (tmp_path / face_dlib.DESCRIPTOR_MODEL).write_bytes((source / face_dlib.DESCRIPTOR_MODEL).read_bytes()[:4096])
    monkeypatch.setattr(face_dlib, "models_dir", lambda: tmp_path)
    damaged = DlibMatcher()
    live = face_photos.encoded(face_photos.live_photo("obama.jpg"))
    result = damaged.compare(live, face_photos.encoded(face_photos.card_photo("obama2.jpg"), ".bmp"))
    assert result.check is FaceCheck.HELPER_TO_CONFIRM  # the resident goes on; a helper compares
    check = check_face_matcher(config_mod.from_mapping({}))
    assert check.status == "fail" and "cannot be loaded" in check.detail and str(tmp_path) in check.detail
