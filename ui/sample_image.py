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
