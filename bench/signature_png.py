"""How long a consent signature takes to check and draw into its PNG (kiosk/signature.py).

The consent screen does it off the GUI thread (ui/screens/consent.py): a figure above the screen-change
budget (50 ms p95, DESIGN.md) on the GUI thread would freeze the screen under the resident's finger.
Prints median and p95 for a plain name (about 250 mm of ink) and a long scrawl (about 900 mm), on a
landscape pad (300 × 32 mm) and a portrait one (268 × 55 mm).  Run: .venv/bin/python bench/signature_png.py
"""

from __future__ import annotations

import math
import statistics
import time

from kiosk.signature import Signature


def strokes(ink_mm: float) -> tuple:
    """Three strokes of a wave, as a name is written, about `ink_mm` long in all."""
    result, x = [], 10.0
    per = max(10, int(ink_mm / 3 / 2.2))
    for stroke in range(3):
        points = []
        for i in range(per):
            x += 0.6
            points.append((x, 16 + 10 * math.sin(i / 3 + stroke)))
        result.append(tuple(points))
        x += 10
    return tuple(result)


def measure(signature: Signature, runs: int = 30) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        signature.check().png()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    for label, ink in (("a name", 250), ("a long scrawl", 900)):
        for pad, (width, height) in (("landscape", (300, 32)), ("portrait", (268, 55))):
            signature = Signature(width, height, strokes(ink))
            median, p95 = measure(signature)
            print(f"{label:14} {pad:9} {signature.ink_mm():6.0f} mm of ink: median {median:5.1f} ms, "
                  f"p95 {p95:5.1f} ms (off the GUI thread; screen-change budget 50 ms p95)")


if __name__ == "__main__":
    main()
