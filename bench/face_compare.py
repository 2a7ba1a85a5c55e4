"""Face comparison benchmark: one `DlibMatcher.compare` (both photos decoded, faces found, aligned,
described, compared), and the memory the models add.

Photos: the liveness check's kind of live photo (a head crop, JPEG) and an ID-card photo
(102 × 126 BMP), from tests/face_photos.py (real photos).  Prints the median and p95 of
one comparison, the time to load the models, and the RSS the kiosk process grows by
when loading them (dlib imported, both model files read), against the budgets in
DESIGN.md: ≤ 300 ms p95 per comparison, ≤ 150 MB added.

Run:  .venv/bin/python bench/face_compare.py [--runs 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def rss_mb() -> float:
    """Resident set size of this process now (Linux /proc), MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    import cv2  # noqa: F401 - the kiosk has OpenCV and numpy loaded already: not counted as the models'
    import numpy  # noqa: F401

    from devices.camera import face_match  # noqa: F401
    before = rss_mb()
    started = time.perf_counter()
    from devices.camera.face_dlib import DlibMatcher

    matcher = DlibMatcher()
    matcher.wait_loaded()  # the kiosk reads the models on a thread of their own: wait for them here
    load_s = time.perf_counter() - started
    loaded = rss_mb()

    import face_photos

    preparing = rss_mb()  # the test photos (scikit-image, full-size originals) are the bench's, not the kiosk's
    cases = [(face_photos.encoded(face_photos.live_photo(live)), face_photos.encoded(face_photos.card_photo(card), ".bmp"))
             for live, card in (("obama.jpg", "obama2.jpg"), ("astronaut", "astronaut"), ("biden.jpg", "obama3.jpg"))]
    prepared = rss_mb()
    matcher.compare(*cases[0])  # first call warms dlib's buffers
    times = []
    for run in range(args.runs):
        live, card = cases[run % len(cases)]
        t0 = time.perf_counter()
        matcher.compare(live, card)
        times.append((time.perf_counter() - t0) * 1000)
    after = rss_mb() - (prepared - preparing)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    print(f"compare (decode + detect + align + describe both, distance): median {statistics.median(times):.0f} ms, "
          f"p95 {p95:.0f} ms over {len(times)} runs (budget p95 <= 300 ms)")
    print(f"models: loaded in {load_s * 1000:.0f} ms; RSS +{loaded - before:.0f} MB on load, "
          f"+{after - before:.0f} MB after {len(times)} comparisons (budget <= 150 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
