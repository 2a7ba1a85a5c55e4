"""Document photos: a guide frame, automatic capture when still and sharp, page straightening.

The resident lays a document under the camera.  `DocumentCapture.feed` looks at
each frame: is a page there (the largest bright four-sided outline), has the
picture stopped moving, is it sharp?  After enough consecutive still, sharp
frames it captures by itself — no button to press while holding a page — then
straightens the page to an upright rectangle (perspective correction) and
encodes it as a JPEG under a size limit.  `retake()` starts again.

If no page outline can be found (a document the colour of the desk), a still,
sharp picture of the guide-frame area is taken after a longer wait instead, so
the resident is never stuck.  Photos are personal data: nothing here is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import cv2
import numpy as np

from devices.camera.face_detect import Box
from kiosk import messages
from kiosk.errors import ValidationError

messages.register({
    "document.place": {"zh_CN": "请把材料平放在框内。", "en": "Please lay the document flat inside the frame."},
    "document.hold_still": {"zh_CN": "请保持不动，正在拍照。", "en": "Please hold still; taking the photo."},
    "document.blurred": {"zh_CN": "照片不清楚，请保持材料不动。", "en": "The picture is not sharp. Please keep the document still."},
    "document.captured": {"zh_CN": "已拍好。如需重拍，请点“重拍”。", "en": "Done. Tap “Retake” to take it again."},
})

A4_PORTRAIT = 210 / 297


class CaptureState(str, Enum):
    SEARCHING = "searching"   # no page, or moving
    STEADYING = "steadying"   # page still and sharp; counting frames
    CAPTURED = "captured"


@dataclass(frozen=True)
class DocumentStep:
    state: CaptureState
    guidance_code: str
    page: np.ndarray | None = None  # 4×2 corners (tl, tr, br, bl) in frame pixels, for the overlay
    progress: float = 0.0           # 0…1 towards automatic capture, for a ring on screen

    def guidance(self, locale: str = "zh_CN") -> str:
        return messages.message_text(self.guidance_code, locale)


def guide_box(width: int, height: int, aspect: float = A4_PORTRAIT, fill: float = 0.88) -> Box:
    """The frame drawn on the preview: an upright page shape, centred, `fill` of the height."""
    h = int(height * fill)
    w = int(min(width * fill, h * aspect))
    h = int(w / aspect)
    return Box((width - w) // 2, (height - h) // 2, w, h)


def order_corners(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left (for a page tilted < 45°)."""
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    total, diff = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    return np.float32([pts[np.argmin(total)], pts[np.argmin(diff)], pts[np.argmax(total)], pts[np.argmax(diff)]])


def find_page(image: np.ndarray, min_area: float = 0.15) -> np.ndarray | None:
    """The corners (tl, tr, br, bl) of the largest four-sided page outline, or None.

    Works on a 480-px-wide copy: fast, and paper edges are large.  Two ways to see
    the page are tried: bright-on-darker (Otsu threshold) and edges (Canny).
    """
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = min(1.0, 480.0 / grey.shape[1])
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))  # close over printed text
    edges = cv2.dilate(cv2.Canny(small, 40, 120), np.ones((3, 3), np.uint8))
    frame_area = small.shape[0] * small.shape[1]
    best, best_area = None, min_area * frame_area
    for mask in (bright, edges):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            area = cv2.contourArea(contour)
            if area <= best_area:
                continue
            quad = _quadrilateral(contour)
            if quad is not None and cv2.contourArea(quad) > best_area and not _cut_off(quad, small.shape):
                best, best_area = quad, cv2.contourArea(quad)
    return None if best is None else order_corners(best.reshape(4, 2) / scale)


def _quadrilateral(contour: np.ndarray) -> np.ndarray | None:
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.03, 0.05):  # rounded corners and shadows need a coarser fit
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            return approx.astype(np.float32)
    return None


def _cut_off(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Two or more corners on the frame's edge: part of the page (or just texture) is out of view."""
    height, width = shape[:2]
    points = quad.reshape(4, 2)
    on_edge = (points[:, 0] <= 3) | (points[:, 0] >= width - 4) | (points[:, 1] <= 3) | (points[:, 1] >= height - 4)
    return int(on_edge.sum()) >= 2


def correct_perspective(image: np.ndarray, corners: np.ndarray, max_side: int = 2000) -> np.ndarray:
    """The page inside `corners` warped to an upright rectangle with the page's own proportions."""
    tl, tr, br, bl = order_corners(corners)
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    shrink = min(1.0, max_side / max(width, height))
    width, height = max(1, int(round(width * shrink))), max(1, int(round(height * shrink)))
    target = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(np.float32([tl, tr, br, bl]), target)
    return cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def encode_jpeg(image: np.ndarray, max_bytes: int = 400_000, min_side: int = 800) -> bytes:
    """JPEG bytes no larger than `max_bytes`: lower quality first, then smaller, never unreadable.

    Raises ValidationError("photo.too_large") when even the smallest readable
    version does not fit (the screen then says so and offers a retake).
    """
    current = image
    while True:
        for quality in (90, 80, 70, 60, 50):
            ok, data = cv2.imencode(".jpg", current, [cv2.IMWRITE_JPEG_QUALITY, quality])
            if ok and data.size <= max_bytes:
                return data.tobytes()
        height, width = current.shape[:2]
        if max(height, width) * 0.8 < min_side:
            raise ValidationError("photo.too_large", detail=f"{width}x{height} over {max_bytes} bytes")
        current = cv2.resize(current, (int(width * 0.8), int(height * 0.8)), interpolation=cv2.INTER_AREA)


def text_sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian at 320 px wide: printed text is crisp when the photo is."""
    scale = 320.0 / grey.shape[1]
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(cv2.GaussianBlur(small, (0, 0), 0.7), cv2.CV_32F).var())


@dataclass(frozen=True)
class CaptureLimits:
    still_frames: int = 8          # ≈ 0.5 s at 15 frames/s
    fallback_frames: int = 45      # ≈ 3 s still and sharp without a page outline: take the guide area
    max_motion: float = 1.2        # mean grey-level change between frames at 160 px wide: ≈ 1 px of movement at 640
    min_sharpness: float = 150.0   # text_sharpness() of the page: sharp print ≈ 400+, σ 2 px blur < 100
    max_jpeg_bytes: int = 400_000


class DocumentCapture:
    """Automatic capture of one document photo; feed frames in order from one thread."""

    def __init__(self, limits: CaptureLimits | None = None) -> None:
        self.limits = limits or CaptureLimits()
        self.photo: np.ndarray | None = None  # the straightened page once captured
        self.jpeg: bytes | None = None
        self.retake()

    def retake(self) -> None:
        """Forget the photo and look again."""
        self.photo, self.jpeg = None, None
        self._previous: np.ndarray | None = None
        self._still = 0
        self._still_no_page = 0

    @property
    def captured(self) -> bool:
        return self.jpeg is not None

    def feed(self, image: np.ndarray) -> DocumentStep:
        """Look at one frame; capture when the page has been still and sharp long enough."""
        if self.captured:
            return DocumentStep(CaptureState.CAPTURED, "document.captured", progress=1.0)
        lim = self.limits
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
        tiny = cv2.GaussianBlur(cv2.resize(grey, (160, 120), interpolation=cv2.INTER_AREA), (0, 0), 1.0)
        tiny = tiny.astype(np.float32)
        moving = self._previous is None or float(np.abs(tiny - self._previous).mean()) > lim.max_motion
        self._previous = tiny
        page = find_page(image)
        area = _page_region(grey, page) if page is not None else guide_box(grey.shape[1], grey.shape[0]).crop(grey)
        sharp = text_sharpness(area) >= lim.min_sharpness
        if moving:
            self._still = self._still_no_page = 0
            return DocumentStep(CaptureState.SEARCHING, "document.place" if page is None else "document.hold_still", page)
        if not sharp:
            self._still = self._still_no_page = 0
            return DocumentStep(CaptureState.SEARCHING, "document.blurred", page)
        if page is None:
            self._still = 0
            self._still_no_page += 1
            if self._still_no_page >= lim.fallback_frames:
                return self._capture(guide_box(image.shape[1], image.shape[0]).crop(image))
            return DocumentStep(CaptureState.SEARCHING, "document.place", None)
        self._still += 1
        if self._still >= lim.still_frames:
            return self._capture(correct_perspective(image, page), page)
        return DocumentStep(CaptureState.STEADYING, "document.hold_still", page, self._still / lim.still_frames)

    def _capture(self, photo: np.ndarray, page: np.ndarray | None = None) -> DocumentStep:
        try:
            self.jpeg = encode_jpeg(photo, self.limits.max_jpeg_bytes)
        except ValidationError:
            self.retake()  # cannot happen at camera resolutions unless the limit is tiny; say so, go on
            return DocumentStep(CaptureState.SEARCHING, "photo.too_large", page)
        self.photo = photo
        return DocumentStep(CaptureState.CAPTURED, "document.captured", page, 1.0)


def _page_region(grey: np.ndarray, corners: np.ndarray) -> np.ndarray:
    x, y, w, h = cv2.boundingRect(corners.astype(np.int32))
    return Box(x, y, w, h).crop(grey)
