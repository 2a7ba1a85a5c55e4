"""Face detection and face-photo quality checks, with guidance in words.

OpenCV's Haar cascades (frontal face, eyes) ship inside opencv-python-headless
4.x (`cv2.data.haarcascades`), so nothing is downloaded at run time.  Faces are
searched on a downscaled, equalised grey frame (a 640×480 frame is searched at
320×240: about four times less work, and a face close enough to pass the size
check is still 60+ px there); eyes are searched in the face at full resolution.

`FaceDetector.analyse` returns a `FaceReport`: the faces, the eyes of the main
face, measurements, and the quality problems as message codes, most important
first, so the UI can show and speak one sentence ("please come closer").
A `FaceDetector` is not thread-safe: use one per worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from kiosk import messages

messages.register({
    "face.none": {"zh_CN": "请正对摄像头，看着屏幕。", "en": "Please face the camera and look at the screen."},
    "face.several": {"zh_CN": "镜头前请只留一个人。", "en": "Only one person in front of the camera, please."},
    "face.too_small": {"zh_CN": "请再靠近一点。", "en": "Please come a little closer."},
    "face.too_large": {"zh_CN": "请稍微往后一点。", "en": "Please move back a little."},
    "face.off_centre": {"zh_CN": "请把脸移到框的中间。", "en": "Please move your face into the middle of the frame."},
    "face.too_dark": {"zh_CN": "光线太暗，请面向亮处。", "en": "It is too dark. Please face the light."},
    "face.too_bright": {"zh_CN": "光线太强，请避开强光。", "en": "The light is too strong. Please move out of the glare."},
    "face.blurred": {"zh_CN": "请保持不动。", "en": "Please hold still."},
    "face.good": {"zh_CN": "很好，请保持。", "en": "Good. Please stay like that."},
})

# Problem codes in the order they should be fixed: no point asking for light
# before there is one face at the right distance.
PRIORITY = ("face.several", "face.none", "face.too_small", "face.too_large", "face.off_centre",
            "face.too_dark", "face.too_bright", "face.blurred")

_NORMAL_FACE = 96  # px: faces are resized to this before measuring sharpness, so the measure ignores distance
_CONTRAST = 40.0    # grey-level standard deviation faces are scaled to before measuring sharpness


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in frame pixels."""

    x: int
    y: int
    w: int
    h: int

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def crop(self, image: np.ndarray, margin: float = 0.0) -> np.ndarray:
        """The part of `image` under the box, grown by `margin` × size on each side, clipped."""
        mx, my = int(self.w * margin), int(self.h * margin)
        y0, y1 = max(0, self.y - my), min(image.shape[0], self.y + self.h + my)
        x0, x1 = max(0, self.x - mx), min(image.shape[1], self.x + self.w + mx)
        return image[y0:y1, x0:x1]


@dataclass(frozen=True)
class FaceReport:
    """What the camera sees of the resident: faces, eyes, light, sharpness, and what to fix."""

    frame_size: tuple[int, int]  # (width, height)
    faces: tuple[Box, ...]       # largest first
    eyes: tuple[Box, ...] = ()   # in the main face; empty when closed, hidden or not searched
    brightness: float = 0.0      # mean grey of the main face, 0…255
    sharpness: float = 0.0       # variance of the Laplacian of the main face, normalised (see sharpness())
    problems: tuple[str, ...] = field(default=())  # codes from PRIORITY, most important first

    @property
    def face(self) -> Box | None:
        return self.faces[0] if self.faces else None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def guidance_code(self) -> str:
        return self.problems[0] if self.problems else "face.good"

    def guidance(self, locale: str = "zh_CN") -> str:
        """The one sentence to show and speak now."""
        return messages.message_text(self.guidance_code, locale)

    @property
    def centring(self) -> float:
        """0 = face in the middle, 1 = at the edge (for choosing the best frame)."""
        if self.face is None:
            return 1.0
        cx, cy = self.face.centre
        width, height = self.frame_size
        return min(1.0, max(abs(cx - width / 2) / (width / 2), abs(cy - height * 0.45) / (height / 2)))


@dataclass(frozen=True)
class QualityLimits:
    """Where guidance starts; sizes are fractions of the frame width."""

    min_face: float = 0.22        # at 640 px: 140 px, about 60 cm from a kiosk camera
    max_face: float = 0.62
    max_offset: float = 0.16      # of the frame width/height, from the target point
    target_y: float = 0.45        # faces sit a little above the middle of a portrait frame
    too_dark: float = 70.0
    too_bright: float = 200.0
    # Sharp faces measure 45…55 at any light or distance on our test photos (noise included);
    # a Gaussian blur of σ = 1 px (at 190 px face width) gives 35, σ = 1.7 px gives 24.
    min_sharpness: float = 40.0
    other_face: float = 0.6       # a second face at least this fraction of the main one counts


FACE_CASCADE = "haarcascade_frontalface_alt2.xml"  # fewest false faces on our photos
EYE_CASCADE = "haarcascade_eye.xml"
CASCADES = (FACE_CASCADE, EYE_CASCADE)  # what a packaged build carries of OpenCV's cascades (build/waystation.spec)


def _cascade(name: str) -> cv2.CascadeClassifier:
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + name)
    if cascade.empty():  # only if the OpenCV wheel is broken or 5.x (which ships no cascades)
        raise RuntimeError(f"OpenCV Haar cascade {name} is missing from this OpenCV build")
    return cascade


def sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian at a fixed size: high for crisp edges, low for blur."""
    if grey.size == 0:
        return 0.0
    patch = cv2.resize(grey, (_NORMAL_FACE, _NORMAL_FACE), interpolation=cv2.INTER_AREA).astype(np.float32)
    # A light smoothing first: sensor noise is high-frequency too and would pass for detail.
    patch = cv2.GaussianBlur(patch, (0, 0), 0.8)
    # Contrast-normalised: a dimly lit face is dark, not blurred (that is a separate message).
    patch = (patch - patch.mean()) * (_CONTRAST / max(float(patch.std()), 4.0))
    return float(cv2.Laplacian(patch, cv2.CV_32F).var())


def to_grey(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


class FaceDetector:
    """Haar-cascade face and eye detector with quality checks."""

    def __init__(self, limits: QualityLimits | None = None, detect_width: int = 320, find_eyes: bool = True) -> None:
        self.limits = limits or QualityLimits()
        self.detect_width = detect_width
        self.find_eyes = find_eyes
        self._faces = _cascade(FACE_CASCADE)
        self._eyes = _cascade(EYE_CASCADE)

    def faces(self, grey: np.ndarray) -> tuple[Box, ...]:
        """Frontal faces in a grey frame, in its pixels, largest first."""
        height, width = grey.shape[:2]
        scale = min(1.0, self.detect_width / width)
        small = cv2.resize(grey, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA) \
            if scale < 1.0 else grey
        small = cv2.equalizeHist(small)
        smallest = max(24, int(small.shape[1] * self.limits.min_face * 0.5))  # half the minimum: guide closer
        found = self._faces.detectMultiScale(small, scaleFactor=1.1, minNeighbors=5, minSize=(smallest, smallest))
        boxes = [Box(int(x / scale), int(y / scale), int(w / scale), int(h / scale)) for x, y, w, h in found]
        return tuple(sorted(boxes, key=lambda b: b.w * b.h, reverse=True))

    def eyes(self, grey: np.ndarray, face: Box) -> tuple[Box, ...]:
        """Open eyes in the upper part of `face` (closed eyes are not found: that is how blinks show)."""
        top = Box(face.x, face.y + int(face.h * 0.12), face.w, int(face.h * 0.48))
        region = top.crop(grey)
        if region.size == 0:
            return ()
        scale = 120.0 / max(1, region.shape[1])  # a fixed working size: same behaviour near and far
        region = cv2.resize(region, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
        found = self._eyes.detectMultiScale(region, scaleFactor=1.1, minNeighbors=4, minSize=(18, 18), maxSize=(48, 48))
        y0 = max(0, top.y)
        boxes = [Box(top.x + int(x / scale), y0 + int(y / scale), int(w / scale), int(h / scale)) for x, y, w, h in found]
        return tuple(sorted(boxes, key=lambda b: b.x))

    def analyse(self, image: np.ndarray) -> FaceReport:
        """Find the faces in a BGR (or grey) frame and say what, if anything, to fix."""
        grey = to_grey(image)
        height, width = grey.shape[:2]
        faces = self.faces(grey)
        if not faces:
            # In the dark or in glare no face can be found: saying so helps more than "face the camera".
            level = float(grey.mean())
            light = ("face.too_dark",) if level < self.limits.too_dark else \
                ("face.too_bright",) if level > self.limits.too_bright else ()
            return FaceReport((width, height), (), brightness=level, problems=light + ("face.none",))
        face = faces[0]
        region = face.crop(grey)
        brightness = float(region.mean())
        sharp = sharpness(region)
        eyes = self.eyes(grey, face) if self.find_eyes else ()
        problems = self._problems(faces, (width, height), brightness, sharp)
        return FaceReport((width, height), faces, eyes, brightness, sharp, problems)

    def _problems(self, faces: tuple[Box, ...], size: tuple[int, int], brightness: float,
                  sharp: float) -> tuple[str, ...]:
        lim = self.limits
        width, height = size
        face = faces[0]
        found: set[str] = set()
        if any(other.w >= face.w * lim.other_face for other in faces[1:]):
            found.add("face.several")
        if face.w < width * lim.min_face:
            found.add("face.too_small")
        elif face.w > width * lim.max_face:
            found.add("face.too_large")
        cx, cy = face.centre
        if abs(cx - width / 2) > width * lim.max_offset or abs(cy - height * lim.target_y) > height * lim.max_offset:
            found.add("face.off_centre")
        if brightness < lim.too_dark:
            found.add("face.too_dark")
        elif brightness > lim.too_bright:
            found.add("face.too_bright")
        if sharp < lim.min_sharpness:
            found.add("face.blurred")
        return tuple(code for code in PRIORITY if code in found)
