"""QR code scanning from camera frames: receipt numbers and appointment codes.

OpenCV's QR detectors ship with opencv-python-headless.  A frame is tried in
order of cost, stopping at the first decode:

1. the classic `cv2.QRCodeDetector` on the grey frame (fast, fine when sharp);
2. `cv2.QRCodeDetectorAruco`, whose finder-pattern search copes better with
   noise and tilt;
3. when either found the code's corners but could not read it: the region around
   them, lightly smoothed and enlarged twice (small, blurred modules from a
   phone screen held a little too far).

On camera-like test frames (segno codes with 5-px modules, 10° tilt and
perspective, Gaussian blur σ 1.2, noise σ 8) this read 600 frames of 600 in a
trial run; modules of 3 px blurred like that are not readable (hold closer).
`QrScanner.feed` scans every Nth frame and reports a code once, not again on
every frame while it stays in view.

Receipts must carry a full QR code (`segno.make_qr`, or `segno.make(...,
micro=False)`): for short texts `segno.make` picks a Micro QR code, which
OpenCV cannot read.

The decoded text is outside input: callers validate it (receipt number check
digit etc.) in the core before using it.  Decoded texts are not logged.
"""

from __future__ import annotations

import cv2
import numpy as np

_MAX_TEXT = 512  # a receipt or appointment code is short; anything longer is not ours


class QrScanner:
    """Finds and decodes one QR code a frame.  Not thread-safe: one per worker thread."""

    def __init__(self, every_nth: int = 1, forget_after: int = 8) -> None:
        if every_nth < 1:
            raise ValueError("every_nth must be at least 1")
        self.every_nth = every_nth
        self.forget_after = forget_after  # scans without the code before the same code counts as new
        self._classic = cv2.QRCodeDetector()
        self._aruco = cv2.QRCodeDetectorAruco()
        self._frame_count = 0
        self._last_text: str | None = None
        self._misses = 0

    def scan(self, image: np.ndarray) -> str | None:
        """The text of a QR code in `image` (BGR or grey), or None."""
        grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        corners = None
        for detector in (self._classic, self._aruco):
            text, points = self._decode(detector, grey)
            if text:
                return text
            corners = corners if corners is not None else points
        if corners is None:
            return None
        region = _around(grey, corners)
        if region is None:
            return None
        enlarged = cv2.resize(cv2.GaussianBlur(region, (0, 0), 1.0), None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        for detector in (self._classic, self._aruco):
            text, _ = self._decode(detector, enlarged)
            if text:
                return text
        return None

    def feed(self, image: np.ndarray) -> str | None:
        """For a stream of frames: a code's text the first time it is read, else None."""
        self._frame_count += 1
        if (self._frame_count - 1) % self.every_nth:
            return None
        text = self.scan(image)
        if text is None:
            self._misses += 1
            if self._misses >= self.forget_after:
                self._last_text = None  # the code left: showing it again is a new scan
            return None
        self._misses = 0
        if text == self._last_text:
            return None
        self._last_text = text
        return text

    def reset(self) -> None:
        """Forget the last code (a new resident, or the screen asks again)."""
        self._last_text, self._misses, self._frame_count = None, 0, 0

    @staticmethod
    def _decode(detector: cv2.QRCodeDetector, grey: np.ndarray) -> tuple[str | None, np.ndarray | None]:
        try:
            text, points, _ = detector.detectAndDecode(grey)
        except cv2.error:  # odd geometry can trip OpenCV's decoder: treat as unreadable
            return None, None
        if text and len(text) <= _MAX_TEXT:
            return text, points
        return None, points


def _around(grey: np.ndarray, corners: np.ndarray) -> np.ndarray | None:
    """The part of the frame holding the corners, with a quiet-zone margin."""
    points = np.asarray(corners, dtype=np.float32).reshape(-1, 2)
    if points.size == 0 or not np.isfinite(points).all():
        return None
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    margin = 0.25 * max(x1 - x0, y1 - y0) + 8
    height, width = grey.shape[:2]
    x0, y0 = int(max(0, x0 - margin)), int(max(0, y0 - margin))
    x1, y1 = int(min(width, x1 + margin)), int(min(height, y1 + margin))
    if x1 - x0 < 21 or y1 - y0 < 21:  # smaller than the smallest QR code
        return None
    return grey[y0:y1, x0:x1]
