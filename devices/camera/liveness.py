"""The liveness challenge: blink, or turn the head — something a photo cannot do.

Feed camera frames (with their timestamps) to `LivenessCheck.feed`; each call
returns a `LivenessStep` with the sentence to show and speak.  The check passes
when the challenge is seen, fails when the time limit passes first.

How a photo held up to the camera is told apart:

* **Blink**: open eyes (two found) → closed (none found, face still there) → open
  again, over consecutive frames, *and* the pixels where the eyes were must really
  change between open and shut.  A printed photo never closes its eyes, and the
  eye detector's occasional miss on one frame does not change the pixels.
* **Turn**: the face must move sideways relative to the neck and shoulders below
  it (measured by phase correlation), then come back.  A head turns on the neck;
  a photo slid or waved in front of the camera moves face and shoulders together.
  (A face-only cut-out slid in front of a still body would pass: blink is the
  stronger challenge and the default; turn is for those who cannot blink visibly.)

This is a deterrent for an attended station, not a certified presentation-attack
detector (ISO/IEC 30107-3): a replayed video of the resident would pass.

Meanwhile the best frame (sharpest, best centred, eyes open, no quality
problem) is kept and returned as a JPEG of the head only (not the room behind).
Frames and photos are personal data: nothing here is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import cv2
import numpy as np

from devices.camera.face_detect import Box, FaceDetector, FaceReport, to_grey
from kiosk import messages

messages.register({
    "liveness.blink": {"zh_CN": "请看着摄像头，眨一眨眼睛。", "en": "Please look at the camera and blink."},
    "liveness.turn": {
        "zh_CN": "请慢慢把头转向一边，再转回来。",
        "en": "Please turn your head slowly to one side, then back.",
    },
    "liveness.turn_back": {"zh_CN": "好的，请转回来看着摄像头。", "en": "Good. Now turn back to the camera."},
    "liveness.passed": {"zh_CN": "人脸采集完成。", "en": "Face check done."},
    "liveness.timeout": {
        "zh_CN": "没有完成动作检测，请再试一次，或请工作人员帮助。",
        "en": "The check was not completed. Please try again, or ask a helper.",
    },
})


class Challenge(str, Enum):
    BLINK = "blink"
    TURN = "turn"


class LivenessState(str, Enum):
    RUNNING = "running"
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True)
class LivenessStep:
    """Where the check is after one frame, and what to tell the resident."""

    state: LivenessState
    guidance_code: str
    report: FaceReport | None = None

    def guidance(self, locale: str = "zh_CN") -> str:
        return messages.message_text(self.guidance_code, locale)


@dataclass(frozen=True)
class LivenessResult:
    """The outcome: passed or not, why, and the best face photo (JPEG) if any face was seen."""

    challenge: Challenge
    state: LivenessState
    reason: str                 # a message code: liveness.passed / liveness.timeout / …
    best_jpeg: bytes | None
    frames: int                 # frames analysed
    elapsed: float              # seconds of frame time from the first frame to the last

    @property
    def passed(self) -> bool:
        return self.state is LivenessState.PASSED

    def __repr__(self) -> str:  # photos never in logs or tracebacks
        size = len(self.best_jpeg) if self.best_jpeg else 0
        return f"LivenessResult({self.challenge.value}, {self.state.value}, {self.reason}, photo={size} bytes)"


@dataclass(frozen=True)
class LivenessLimits:
    time_limit: float = 12.0       # seconds from the first frame; elders are given time
    settle_frames: int = 2         # consecutive frames a state must hold (detector noise)
    max_missing: int = 2           # frames without a face tolerated mid-challenge
    turned_away: float = 2.5       # s a turned head may be out of the frontal detector's sight
    max_closed: float = 1.2        # s: longer is eyes shut or looking down, not a blink
    eye_change: float = 8.0        # RMS grey-level change where the eyes were, open vs shut
    turn: float = 0.2              # face shift relative to the shoulders, × face width
    back: float = 0.08             # …and back within this to finish
    jpeg_quality: int = 90


_SHAKE = 3  # px of camera/head shake tolerated between the open-eye and shut-eye frames


def _eye_patch(grey: np.ndarray, eye: Box, grow: int = 0) -> np.ndarray:
    region = Box(eye.x - grow, eye.y - grow, eye.w + 2 * grow, eye.h + 2 * grow).crop(grey)
    return cv2.GaussianBlur(region.astype(np.float32), (0, 0), 1.5)  # smooth sensor noise away


def _eye_change(grey: np.ndarray, eye: Box, before: np.ndarray) -> float:
    """RMS grey-level change of an eye region, after the best shift within ±_SHAKE px.

    Aligning first matters: a pixel of shake moves the iris edge and would pass for
    a lid closing on a photo; a real lid changes the region whatever the shift.
    """
    around = _eye_patch(grey, eye, _SHAKE)
    if around.shape[0] < before.shape[0] or around.shape[1] < before.shape[1] or before.size == 0:
        return 0.0  # at the frame's edge: no evidence either way
    best = float(cv2.matchTemplate(around, before, cv2.TM_SQDIFF).min())
    return (max(0.0, best) / before.size) ** 0.5


def _context_box(face: Box, shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """Neck and shoulders: a band under the face, two face widths wide (clipped to the frame)."""
    height, width = shape[:2]
    cx = face.x + face.w / 2
    x0, x1 = max(0, int(cx - face.w)), min(width, int(cx + face.w))
    y0, y1 = max(0, int(face.y + face.h * 1.15)), min(height, int(face.y + face.h * 1.9))
    return (x0, y0, x1, y1) if x1 - x0 >= 32 and y1 - y0 >= 16 else None


class LivenessCheck:
    """One challenge for one resident; feed frames in order from one thread."""

    def __init__(self, challenge: Challenge = Challenge.BLINK, detector: FaceDetector | None = None,
                 limits: LivenessLimits | None = None) -> None:
        self.challenge = challenge
        self.detector = detector or FaceDetector()
        self.limits = limits or LivenessLimits()
        self.state = LivenessState.RUNNING
        self.reason = f"liveness.{challenge.value}"
        self.frames = 0
        self._missing = 0
        self._missing_since = 0.0
        self._t0: float | None = None
        self._t_last = 0.0
        self._best: tuple[float, np.ndarray, Box] | None = None
        self._problem = ""  # the last frame's quality problem (blur aside), "" when it was fine
        # blink
        self._phase = "open"      # open → closed → reopen
        self._run = 0             # consecutive frames in the phase's wanted state
        self._open_patches: list[np.ndarray] = []
        self._open_eyes: tuple[Box, ...] = ()
        self._closed_since = 0.0
        self._eye_change = 0.0
        # turn
        self._ref: tuple[np.ndarray, Box, tuple[int, int, int, int]] | None = None
        self._turned = False

    # public ----------------------------------------------------------------
    def feed(self, image: np.ndarray, timestamp: float) -> LivenessStep:
        """Analyse one frame (BGR) captured at `timestamp` seconds (any monotonic clock)."""
        if self.state is not LivenessState.RUNNING:
            return LivenessStep(self.state, self.reason)
        if self._t0 is None:
            self._t0 = timestamp
        self._t_last = timestamp
        self.frames += 1
        grey = to_grey(image)
        report = self.detector.analyse(image)
        # A blink or a turn blurs a little: blur aside, a frame with a quality problem (too small,
        # off centre, too dark ...) counts for nothing: the movement must be seen in good frames.
        blocking = [p for p in report.problems if p != "face.blurred"]
        self._problem = blocking[0] if blocking and report.face is not None else ""
        self._keep_if_best(image, report, blocking)
        if "face.several" in report.problems:
            self._restart()
        elif self._problem:
            self._restart()
        elif report.face is None:
            # The cascade misses a face now and then (often on the very frame the eyes shut):
            # a frame or two without one is tolerated, a longer absence starts over.  A head
            # turned further than the frontal detector follows is away longer: once the turn
            # has been seen, it has `turned_away` seconds to come back.
            self._missing += 1
            if self._missing == 1:
                self._missing_since = timestamp
            if self._turned:
                if timestamp - self._missing_since > self.limits.turned_away:
                    self._restart()
            elif self._missing > self.limits.max_missing:
                self._restart()
        elif self.challenge is Challenge.BLINK:
            self._blink(grey, report, timestamp)
        else:
            self._turn(grey, report)
        if report.face is not None:
            self._missing = 0
        if self.state is LivenessState.RUNNING and timestamp - self._t0 > self.limits.time_limit:
            # Out of time: say what kept it from working when the picture was the trouble.
            self.state, self.reason = LivenessState.FAILED, self._problem or "liveness.timeout"
        if self.state is not LivenessState.RUNNING:
            return LivenessStep(self.state, self.reason, report)
        # Fix the picture first (distance, light …), then ask for the movement.
        return LivenessStep(self.state, blocking[0] if blocking else self.reason, report)

    @property
    def done(self) -> bool:
        return self.state is not LivenessState.RUNNING

    def result(self) -> LivenessResult:
        """The outcome so far (RUNNING while neither passed nor timed out)."""
        return LivenessResult(self.challenge, self.state, self.reason, self._best_jpeg(), self.frames,
                              (self._t_last - self._t0) if self._t0 is not None else 0.0)

    # blink -----------------------------------------------------------------
    def _blink(self, grey: np.ndarray, report: FaceReport, now: float) -> None:
        eyes = len(report.eyes)
        lim = self.limits
        if self._phase == "open":
            if eyes >= 2:
                self._run += 1
                self._open_eyes = report.eyes[:2]
                self._open_patches = [_eye_patch(grey, eye) for eye in self._open_eyes]
            elif eyes == 0 and self._run >= lim.settle_frames:
                self._phase, self._closed_since, self._eye_change = "closed", now, 0.0
                self._note_eye_change(grey)
            elif eyes == 0:
                self._run = 0
        elif self._phase == "closed":
            if eyes == 0:
                self._note_eye_change(grey)
                if now - self._closed_since > lim.max_closed:
                    self._restart()
            elif eyes >= 2:
                self._phase, self._run = "reopen", 1
        elif self._phase == "reopen":
            if eyes >= 2:
                self._run += 1
                if self._run >= lim.settle_frames:
                    if self._eye_change >= lim.eye_change:
                        self.state, self.reason = LivenessState.PASSED, "liveness.passed"
                    else:  # the detector missed the eyes, but nothing changed there: not a blink
                        self._restart()
            elif eyes == 0:
                self._phase, self._closed_since = "closed", now

    def _note_eye_change(self, grey: np.ndarray) -> None:
        """How much the eye regions changed since the eyes were last seen open."""
        if not self._open_patches:
            return
        change = max(_eye_change(grey, eye, before) for eye, before in zip(self._open_eyes, self._open_patches))
        self._eye_change = max(self._eye_change, change)

    # turn ------------------------------------------------------------------
    def _turn(self, grey: np.ndarray, report: FaceReport) -> None:
        face = report.face
        assert face is not None
        lim = self.limits
        if self._ref is None:
            self._run += 1
            context = _context_box(face, grey.shape)
            if self._run >= lim.settle_frames and context is not None:
                self._ref = (grey.astype(np.float32), face, context)
                self._run = 0
            return
        ref_grey, ref_face, (x0, y0, x1, y1) = self._ref
        window = cv2.createHanningWindow((x1 - x0, y1 - y0), cv2.CV_32F)
        (shoulders_dx, _), response = cv2.phaseCorrelate(ref_grey[y0:y1, x0:x1],
                                                         grey[y0:y1, x0:x1].astype(np.float32), window)
        if response < 0.1:  # shoulders out of view or featureless: cannot tell a turn from a slide
            shoulders_dx = face.centre[0] - ref_face.centre[0]
        relative = (face.centre[0] - ref_face.centre[0] - shoulders_dx) / ref_face.w
        if not self._turned:
            if abs(relative) >= lim.turn:
                self._turned = True
                self.reason = "liveness.turn_back"
        elif abs(relative) <= lim.back:
            self._run += 1
            if self._run >= lim.settle_frames:
                self.state, self.reason = LivenessState.PASSED, "liveness.passed"
        else:
            self._run = 0

    # shared ----------------------------------------------------------------
    def _restart(self) -> None:
        """Face lost (or a second face): the movement must be seen again from the start."""
        self._phase, self._run, self._open_patches, self._eye_change = "open", 0, [], 0.0
        self._ref, self._turned = None, False
        self.reason = f"liveness.{self.challenge.value}"

    def _keep_if_best(self, image: np.ndarray, report: FaceReport, blocking: list[str]) -> None:
        face = report.face
        if face is None or blocking:  # too small, off centre, too dark ...: never the photo a helper sees
            return
        score = report.sharpness * (1.0 - 0.5 * report.centring)
        score *= 1.0 if len(report.eyes) >= 2 else 0.5   # eyes open and looking, preferably
        score *= 1.0 if not report.problems else 0.25    # a sharp frame wins over a blurred one
        if self._best is None or score > self._best[0]:
            self._best = (score, face.crop(image, margin=0.45).copy(), face)

    def _best_jpeg(self) -> bytes | None:
        if self._best is None:
            return None
        ok, data = cv2.imencode(".jpg", self._best[1], [cv2.IMWRITE_JPEG_QUALITY, self.limits.jpeg_quality])
        return data.tobytes() if ok else None
