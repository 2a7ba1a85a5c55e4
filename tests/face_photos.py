"""Real face photos for face-matching tests and measurements, and ID-card-like versions of them.

Where they come from:

* The `face_recognition` 1.3.0 source package (Adam Geitgey, MIT licence) ships
  test images: three different photos of Barack Obama (`obama.jpg`, `obama2.jpg`,
  `obama3.jpg`) and one of Joe Biden (`biden.jpg`), shipped there under the
  package's MIT licence (the photographers are not named).  They are not
  copied into this repository: `build/setup.sh` downloads the source package into
  `.cache/test-photos/` with pip (`photo_dir` does the same when it is missing), and
  the tests read the images from there.  The package is never installed: only its
  test images are used.
* scikit-image's `data.astronaut()` (Eileen Collins, NASA, public domain).

That is three people, only one of them with several photos: few.  The pair set
below adds card-like treatments of each photo (ID-card size, pale, dark, blurred,
JPEG-compressed, a few degrees rotated) so that each person is seen at the sizes
and qualities a kiosk meets; it cannot stand in for many people.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "test-photos"
SDIST = "face_recognition-1.3.0.tar.gz"
IMAGES = ("obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg")

CARD_SIZE = (102, 126)  # width, height of the photo on a second-generation resident ID card


def fetch(cache: Path = CACHE) -> Path:
    """Download the face_recognition source package (pip, no install) and extract its test images."""
    target = cache / "images"
    if all((target / name).is_file() for name in IMAGES):
        return target
    cache.mkdir(parents=True, exist_ok=True)
    if not (cache / SDIST).is_file():
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "-d", str(cache), "face_recognition==1.3.0"], check=True)
    target.mkdir(exist_ok=True)
    with tarfile.open(cache / SDIST) as archive:
        for name in IMAGES + ("LICENSE",):
            member = archive.getmember(f"face_recognition-1.3.0/{'tests/test_images/' if name != 'LICENSE' else ''}"
                                       f"{name}")
            (target / name).write_bytes(archive.extractfile(member).read())
    return target


@functools.cache
def photo(name: str) -> np.ndarray:
    """One photo (BGR, read-only): a file name from IMAGES, or "astronaut"."""
    if name == "astronaut":
        from skimage import data

        image = cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR)
    else:
        image = cv2.imread(str(fetch() / name), cv2.IMREAD_COLOR)
        # The originals are 1–2 k px high; a kiosk's live frame is 640×480: work at about that size.
        scale = 800 / max(image.shape[:2])
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    image.setflags(write=False)
    return image


PEOPLE = {"obama": ("obama.jpg", "obama2.jpg", "obama3.jpg"), "biden": ("biden.jpg",), "collins": ("astronaut",)}


@functools.cache
def face_box(name: str) -> tuple[int, int, int, int]:
    """Where the face is in a photo (x, y, w, h), found once with dlib's HOG detector."""
    import dlib

    rgb = cv2.cvtColor(photo(name), cv2.COLOR_BGR2RGB)
    faces = dlib.get_frontal_face_detector()(rgb, 1)
    face = max(faces, key=lambda box: box.width() * box.height())
    return face.left(), face.top(), face.width(), face.height()


def card_photo(name: str) -> np.ndarray:
    """An ID-card photo made from a photo: head and shoulders, face ~60 % of the width, 102 × 126."""
    image = photo(name)
    x, y, w, h = face_box(name)
    cx, cy = x + w / 2, y + h / 2
    width = w / 0.62
    height = width * CARD_SIZE[1] / CARD_SIZE[0]
    x0, y0 = cx - width / 2, cy - height * 0.45
    matrix = np.float32([[CARD_SIZE[0] / width, 0, -x0 * CARD_SIZE[0] / width],
                         [0, CARD_SIZE[1] / height, -y0 * CARD_SIZE[1] / height]])
    return cv2.warpAffine(image, matrix, CARD_SIZE, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)


def live_photo(name: str) -> np.ndarray:
    """What the liveness check keeps: the head with a margin of 0.45 face widths, as a kiosk camera sees it."""
    image = photo(name)
    x, y, w, h = face_box(name)
    mx, my = int(w * 0.45), int(h * 0.45)
    return image[max(0, y - my):y + h + my, max(0, x - mx):x + w + mx].copy()


# --- treatments: what an old card or a kiosk camera does to a photo ------------------------------

def pale(image: np.ndarray) -> np.ndarray:
    """A faded card photo: low contrast, lifted blacks, a yellowish cast."""
    faded = image.astype(np.float32) * 0.55 + 105
    faded[..., 0] *= 0.92  # less blue
    return faded.clip(0, 255).astype(np.uint8)


def dark(image: np.ndarray) -> np.ndarray:
    """Dim light: 45 % of the brightness, a little gamma."""
    return (255 * (image.astype(np.float32) / 255) ** 1.3 * 0.6).clip(0, 255).astype(np.uint8)


def blurred(image: np.ndarray) -> np.ndarray:
    sigma = max(0.8, image.shape[1] / 250)  # ~1 px on a card photo, ~2 px on a live crop
    return cv2.GaussianBlur(image, (0, 0), sigma)


def jpeg(quality: int) -> Callable[[np.ndarray], np.ndarray]:
    def compress(image: np.ndarray) -> np.ndarray:
        return cv2.imdecode(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])[1], cv2.IMREAD_COLOR)
    compress.__name__ = f"jpeg{quality}"
    return compress


def rotated(degrees: float) -> Callable[[np.ndarray], np.ndarray]:
    def rotate(image: np.ndarray) -> np.ndarray:
        height, width = image.shape[:2]
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
        return cv2.warpAffine(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)
    rotate.__name__ = f"rot{degrees:+g}"
    return rotate


def same(image: np.ndarray) -> np.ndarray:
    return image


CARD_TREATMENTS = (same, pale, blurred, jpeg(30), rotated(5), rotated(-5))
LIVE_TREATMENTS = (same, dark, jpeg(60), rotated(-4))


@dataclass(frozen=True)
class Pair:
    """Two photos to compare, and whether they show the same person."""

    live: str
    live_treatment: str
    card: str
    card_treatment: str
    kind: str  # "genuine" or "impostor"

    def images(self) -> tuple[np.ndarray, np.ndarray]:
        live = _TREATMENTS[self.live_treatment](live_photo(self.live))
        card = _TREATMENTS[self.card_treatment](card_photo(self.card))
        return live, card

    def __str__(self) -> str:
        return f"{self.kind}: live {self.live}/{self.live_treatment} vs card {self.card}/{self.card_treatment}"


_TREATMENTS = {t.__name__: t for t in CARD_TREATMENTS + LIVE_TREATMENTS}


def person(name: str) -> str:
    return next(who for who, names in PEOPLE.items() if name in names)


def pairs() -> Iterator[Pair]:
    """Every live photo (with each live treatment) against every card photo (with each card treatment).

    Genuine: same person; a different photo of them where there is one (Obama), else the same
    photo seen as a card (a card-sized, treated crop of it) against the live crop.
    Impostor: every pair of different people."""
    names = [name for names in PEOPLE.values() for name in names]
    for live in names:
        for card in names:
            same_person = person(live) == person(card)
            if same_person and live == card and len(PEOPLE[person(live)]) > 1:
                continue  # this person has other photos: pair only different shots
            kind = "genuine" if same_person else "impostor"
            for lt in LIVE_TREATMENTS:
                for ct in CARD_TREATMENTS:
                    yield Pair(live, lt.__name__, card, ct.__name__, kind)


def encoded(image: np.ndarray, ext: str = ".jpg") -> bytes:
    return cv2.imencode(ext, image)[1].tobytes()


if __name__ == "__main__":  # build/setup.sh: fetch the photos once, so the tests need no network
    print(f"setup: face test photos in {fetch()}")
