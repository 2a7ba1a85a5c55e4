"""Camera-like test pictures and clips made from real photos shipped by scikit-image.

The face is NASA's public-domain portrait of Eileen Collins (`skimage.data.astronaut`).
Clips are written with `cv2.VideoWriter` as MJPG .avi, the way a kiosk's video-file
camera source reads them.  Everything here is deterministic (seeded noise), so a
test that passes once passes always.

Used by tests/test_camera.py, test_face_detect.py, test_liveness.py, test_qr_scan.py,
test_document_photo.py and bench/camera_preview.py.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable

import cv2
import numpy as np

# Where OpenCV's own Haar cascades find the face and eyes in `astronaut()` (512×512):
# measured once with haarcascade_frontalface_default / haarcascade_eye.
ASTRONAUT_FACE = (177, 66, 95, 95)
ASTRONAUT_EYES = ((187, 86, 29, 29), (232, 89, 29, 29))

FRAME_SIZE = (640, 480)


@functools.cache
def _astronaut() -> np.ndarray:
    from skimage import data

    image = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    image.setflags(write=False)
    return image


def astronaut() -> np.ndarray:
    """A fresh, writable copy of the astronaut photo (BGR)."""
    return _astronaut().copy()


def portrait(src: np.ndarray | None = None, face_width: float = 190, centre: tuple[float, float] = (320, 220),
             size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """Place the astronaut photo in a camera frame so her face has `face_width` px at `centre`."""
    src = _astronaut() if src is None else src
    fx, fy, fw, fh = ASTRONAUT_FACE
    scale = face_width / fw
    tx = centre[0] - (fx + fw / 2) * scale
    ty = centre[1] - (fy + fh / 2) * scale
    matrix = np.float32([[scale, 0, tx], [0, scale, ty]])
    return cv2.warpAffine(src, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def with_closed_eyes(amount: float, src: np.ndarray | None = None) -> np.ndarray:
    """The photo with its eyelids `amount` (0 open … 1 shut) closed: skin from the cheek below, a lash line."""
    image = (_astronaut() if src is None else src).copy()
    if amount <= 0:
        return image
    for ex, ey, ew, eh in ASTRONAUT_EYES:
        pad = 6
        x0, y0 = ex - pad, ey - pad
        roi = image[y0:ey + eh + pad, x0:ex + ew + pad].astype(np.float32)
        cx, cy = ew / 2 + pad, eh / 2 + 1 + pad
        skin = image[ey + eh + 2:ey + eh + 8, ex + 4:ex + ew - 4].reshape(-1, 3).astype(np.float32).mean(axis=0)
        # the lid covers the eye from the brow down to the lash line as it closes
        lid = np.zeros(roi.shape[:2], np.float32)
        cv2.ellipse(lid, (int(cx), int(cy)), (int(ew * 0.42), int(eh * 0.26)), 0, 0, 360, 1.0, -1)
        lid = cv2.GaussianBlur(lid, (7, 7), 2.0)[..., None] * amount
        roi = roi * (1 - lid) + skin * lid
        # a closed eye shows a darker curved lash line
        lash = np.zeros(roi.shape[:2], np.float32)
        cv2.ellipse(lash, (int(cx), int(cy - 2)), (int(ew * 0.40), int(eh * 0.16)), 0, 20, 160, 1.0, 1)
        lash = cv2.GaussianBlur(lash, (3, 3), 0.8)[..., None] * (amount * 0.45)
        roi = roi * (1 - lash) + np.float32([40, 45, 60]) * lash
        image[y0:ey + eh + pad, x0:ex + ew + pad] = np.clip(roi, 0, 255).astype(np.uint8)
    return image


def turned(angle_deg: float, src: np.ndarray | None = None) -> np.ndarray:
    """The head turned about a vertical axis by `angle_deg` (head modelled as a cylinder).

    Features near the middle of the face slide sideways while the outline stays,
    which is what a real head turn does and a photo slid sideways does not.
    """
    src = _astronaut() if src is None else src
    fx, fy, fw, fh = ASTRONAUT_FACE
    axis_x = fx + fw / 2
    radius = fw * 0.62
    height, width = src.shape[:2]
    xs = np.arange(width, dtype=np.float32)
    u = np.clip((xs - axis_x) / radius, -1.0, 1.0)
    phi = np.arcsin(u) - np.radians(angle_deg)
    source_x = axis_x + radius * np.sin(np.clip(phi, -np.pi / 2, np.pi / 2))
    inside = np.abs(xs - axis_x) < radius
    map_x = np.where(inside, source_x, xs).astype(np.float32)
    map_x = np.tile(map_x, (height, 1))
    map_y = np.tile(np.arange(height, dtype=np.float32)[:, None], (1, width))
    # soften the seam at the cylinder's edge and above/below the head
    warped = cv2.remap(src, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    mask = np.zeros((height, width), np.float32)
    cv2.ellipse(mask, (int(axis_x), int(fy + fh * 0.55)), (int(radius * 0.98), int(fh * 0.95)), 0, 0, 360, 1.0, -1)
    mask = cv2.GaussianBlur(mask, (21, 21), 6)[..., None]
    return (warped * mask + src * (1 - mask)).astype(np.uint8)


def camera_noise(frame: np.ndarray, rng: np.random.Generator, sigma: float = 3.0, shake: int = 1) -> np.ndarray:
    """Sensor noise and a pixel or so of hand/tripod shake, like a cheap USB camera."""
    if shake:
        dx, dy = rng.integers(-shake, shake + 1, size=2)
        frame = cv2.warpAffine(frame, np.float32([[1, 0, dx], [0, 1, dy]]), (frame.shape[1], frame.shape[0]),
                               borderMode=cv2.BORDER_REPLICATE)
    noise = (rng.standard_normal(frame.shape, dtype=np.float32) * sigma).astype(np.int16)
    return cv2.add(frame.astype(np.int16), noise).clip(0, 255).astype(np.uint8)


def write_clip(path: Path, frames: Iterable[np.ndarray], fps: float = 15.0) -> Path:
    """Write BGR frames as an MJPG .avi (what `cv2.VideoCapture` reads back)."""
    frames = list(frames)
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened(), f"cannot write {path}"
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def read_clip(path: Path) -> list[np.ndarray]:
    """All frames of a clip, as the camera would deliver them."""
    capture = cv2.VideoCapture(str(path))
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame)
    capture.release()
    return frames


# --- face clips -------------------------------------------------------------------

@functools.cache
def _blinking(lid: float) -> np.ndarray:
    return portrait(with_closed_eyes(lid))


@functools.cache
def _turning(angle: float) -> np.ndarray:
    return portrait(turned(angle))


def blink_frames(seed: int = 1, blinks: int = 2) -> list[np.ndarray]:
    """Eyes open, a blink (half, shut ×3, half), open again; `blinks` times; 15 fps."""
    rng = np.random.default_rng(seed)
    lids = [0.0] * 8
    for _ in range(blinks):
        lids += [0.5, 1.0, 1.0, 1.0, 0.5] + [0.0] * 8
    return [camera_noise(_blinking(lid), rng) for lid in lids]


def turn_frames(seed: int = 2, max_angle: float = 40.0) -> list[np.ndarray]:
    """Facing the camera, turning to one side and back; 15 fps."""
    rng = np.random.default_rng(seed)
    angles = [0.0] * 6 + list(np.linspace(0, max_angle, 7)[1:]) + [max_angle] * 3 \
        + list(np.linspace(max_angle, 0, 7)[1:]) + [0.0] * 6
    return [camera_noise(_turning(float(angle)), rng) for angle in angles]


def still_photo_frames(seed: int = 3, count: int = 60) -> list[np.ndarray]:
    """A printed photo held up to the camera: the same picture, noise and a little shake."""
    rng = np.random.default_rng(seed)
    still = portrait()
    return [camera_noise(still, rng) for _ in range(count)]


def photo_slide_frames(seed: int = 4, count: int = 45) -> list[np.ndarray]:
    """A photo slid sideways and back (the whole face moves, nothing in it changes)."""
    rng = np.random.default_rng(seed)
    offsets = np.concatenate([np.zeros(6), np.linspace(0, 90, 12), np.full(6, 90), np.linspace(90, 0, 12),
                              np.zeros(count - 36)])
    return [camera_noise(portrait(centre=(320 + dx, 220)), rng) for dx in offsets]


# --- QR codes ---------------------------------------------------------------------

def qr_picture(payload: str, module_px: int = 5) -> np.ndarray:
    """A QR code made by segno (as the kiosk prints it on receipts), black on white, grey image.

    `make_qr`, not `make`: for short payloads `make` picks a Micro QR code, which
    OpenCV's detectors (and many phone apps) cannot read.
    """
    import segno

    code = segno.make_qr(payload, error="m")
    matrix = np.pad(np.array(code.matrix, dtype=np.uint8), code.default_border_size)
    picture = np.where(matrix == 1, 0, 255).astype(np.uint8)
    return cv2.resize(picture, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


def qr_frame(payload: str, rng: np.random.Generator, module_px: int = 5, tilt: float = 10.0,
             blur: float = 1.2, noise: float = 8.0) -> np.ndarray:
    """A code held up to the camera: on a paper/screen patch, rotated, in perspective, blurred, noisy."""
    code = cv2.cvtColor(qr_picture(payload, module_px), cv2.COLOR_GRAY2BGR)
    frame = portrait(centre=(320, 150), face_width=150)  # someone stands behind the code
    height, width = code.shape[:2]
    if height > 460 or width > 620:
        raise ValueError("payload too long for this module size")
    y0 = min(max(0, (480 - height) // 2 + int(rng.integers(-10, 11))), 480 - height)
    x0 = min(max(0, (640 - width) // 2 + int(rng.integers(-30, 31))), 640 - width)
    layer = np.zeros_like(frame)
    layer[y0:y0 + height, x0:x0 + width] = code
    corners = np.float32([[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height]])
    centre = corners.mean(axis=0)
    angle = np.radians(rng.uniform(-tilt, tilt))
    rotation = np.float32([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    moved = (corners - centre) @ rotation.T + centre + rng.uniform(-tilt * 0.8, tilt * 0.8, (4, 2)).astype(np.float32)
    matrix = cv2.getPerspectiveTransform(corners, moved.astype(np.float32))
    layer = cv2.warpPerspective(layer, matrix, (640, 480), flags=cv2.INTER_LINEAR)
    cover = np.zeros((480, 640), np.uint8)
    cover[y0:y0 + height, x0:x0 + width] = 255
    cover = cv2.warpPerspective(cover, matrix, (640, 480), flags=cv2.INTER_LINEAR).astype(np.float32)[..., None] / 255
    frame = (layer * cover + frame * (1 - cover)).astype(np.uint8)
    if blur:
        frame = cv2.GaussianBlur(frame, (0, 0), blur)
    return camera_noise(frame, rng, sigma=noise, shake=0)


def qr_clip_frames(payload: str, seed: int = 5, count: int = 12, **kwargs: float) -> list[np.ndarray]:
    """A short clip of a code waved a little in front of the camera."""
    rng = np.random.default_rng(seed)
    return [qr_frame(payload, rng, **kwargs) for _ in range(count)]  # type: ignore[arg-type]


# --- documents --------------------------------------------------------------------

PAGE_SIZE = (420, 594)  # A4 proportions, px
RULE = (40, 40, 340, 14)  # x, y, w, h of the thick black bar across the top of the page


def document_page() -> np.ndarray:
    """A white A4 page: a heading bar, a title and lines of text (cv2.putText)."""
    width, height = PAGE_SIZE
    page = np.full((height, width, 3), 245, np.uint8)
    x, y, w, h = RULE
    cv2.rectangle(page, (x, y), (x + w, y + h), (20, 20, 20), -1)
    cv2.putText(page, "APPLICATION FORM", (60, 100), cv2.FONT_HERSHEY_DUPLEX, 0.9, (30, 30, 30), 2, cv2.LINE_AA)
    words = "Name Address Date of birth Service Station Number Signature Receipt".split()
    rng = np.random.default_rng(7)
    for row in range(14):
        text = " ".join(rng.choice(words, size=4))
        cv2.putText(page, f"{row + 1:02d}. {text}", (40, 150 + row * 30), cv2.FONT_HERSHEY_SIMPLEX, 0.55,
                    (40, 40, 40), 1, cv2.LINE_AA)
    return page


def desk(size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """A dark, textured desk top (scikit-image's real brick-wall photo, darkened)."""
    from skimage import data

    texture = cv2.resize(data.brick(), size, interpolation=cv2.INTER_LINEAR).astype(np.float32)
    tinted = np.stack([texture * 0.35, texture * 0.30, texture * 0.25], axis=-1) + 20
    return np.clip(tinted, 0, 255).astype(np.uint8)


def page_homography(angle_deg: float = 12.0, keystone: float = 0.08) -> np.ndarray:
    """Page pixels → frame pixels: rotated by `angle_deg`, seen from a camera a little off square."""
    width, height = PAGE_SIZE
    page = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    scale = 400.0 / height
    centre = np.float32([320, 240])
    squeeze = np.float32([[keystone * width, 0], [-keystone * width, 0], [0, 0], [0, 0]])  # far edge narrower
    placed = (page - np.float32([width, height]) / 2 + squeeze) * scale
    angle = np.radians(angle_deg)
    rotation = np.float32([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return cv2.getPerspectiveTransform(page, placed @ rotation.T + centre)


def document_frame(homography: np.ndarray, rng: np.random.Generator | None = None, blur: float = 0.0,
                   shift: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
    """The page lying on the desk as the camera sees it (optionally blurred, shifted, noisy)."""
    moved = np.float32([[1, 0, shift[0]], [0, 1, shift[1]], [0, 0, 1]]) @ homography
    frame = desk().copy()
    warped = cv2.warpPerspective(document_page(), moved, FRAME_SIZE, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full(PAGE_SIZE[::-1], 255, np.uint8), moved, FRAME_SIZE)
    frame[mask > 127] = warped[mask > 127]
    if blur:
        frame = cv2.GaussianBlur(frame, (0, 0), blur)
    return camera_noise(frame, rng, sigma=2.5, shake=0) if rng is not None else frame
