"""A generated page image for the simulated camera when no camera is configured (no file, no network)."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np


@lru_cache(maxsize=1)
def sample_document_jpeg() -> bytes:
    page = np.full((480, 640, 3), 235, np.uint8)
    cv2.rectangle(page, (60, 40), (580, 440), (255, 255, 255), -1)
    cv2.putText(page, "SAMPLE DOCUMENT", (120, 100), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (30, 30, 30), 2)
    for y in range(150, 420, 30):
        cv2.line(page, (100, y), (540, y), (90, 90, 90), 2)
    ok, encoded = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return encoded.tobytes()


@lru_cache(maxsize=4)
def sample_face(variant: int = 0, card: bool = False) -> bytes:
    """A drawn face (no real person) for the gallery's face comparison: a live-camera-sized JPEG, or a
    card-photo-sized PNG (`card`), as the kiosk keeps them.  `variant` changes the face a little."""
    height, width = (126 * 3, 102 * 3) if card else (480, 640)
    background = (236, 228, 214) if card else (150, 160, 170)
    image = np.full((height, width, 3), background, np.uint8)
    cx, cy = width // 2, int(height * 0.52)
    face_w, face_h = int(min(width, height) * 0.30), int(min(width, height) * 0.38)
    skin = (150, 180, 225) if variant % 2 == 0 else (120, 160, 205)
    cv2.ellipse(image, (cx, cy + int(face_h * 1.45)), (int(face_w * 1.6), face_h), 0, 180, 360, (80, 70, 60), -1)
    cv2.ellipse(image, (cx, cy), (face_w, face_h), 0, 0, 360, skin, -1)
    cv2.ellipse(image, (cx, cy - int(face_h * 0.55)), (int(face_w * 1.05), int(face_h * 0.55)), 0, 180, 360,
                (40, 40, 50), -1)
    for side in (-1, 1):
        eye = (cx + side * int(face_w * 0.4), cy - int(face_h * 0.1))
        cv2.ellipse(image, eye, (int(face_w * 0.16), int(face_h * 0.07)), 0, 0, 360, (255, 255, 255), -1)
        cv2.circle(image, eye, max(2, int(face_w * 0.07)), (40, 30, 20), -1)
    cv2.line(image, (cx, cy), (cx - int(face_w * 0.08), cy + int(face_h * 0.25)), (90, 110, 150), 2)
    smile = int(face_h * (0.12 if variant % 2 == 0 else 0.05))
    cv2.ellipse(image, (cx, cy + int(face_h * 0.45)), (int(face_w * 0.35), smile), 0, 0, 180, (60, 60, 140), 3)
    cv2.putText(image, "SAMPLE", (int(width * 0.06), int(height * 0.1)), cv2.FONT_HERSHEY_SIMPLEX,
                min(width, height) / 400, (30, 30, 30), 2)
    ok, encoded = cv2.imencode(".png" if card else ".jpg", image)
    return encoded.tobytes()
