"""Face-matching pair set: distances of genuine and impostor pairs, and error rates at the thresholds.

The pairs are tests/face_photos.py's (real photos, card-sized and treated copies);
every descriptor is computed once, by what the kiosk's face child runs (`DlibModels.descriptor`),
so this measures exactly what `compare` decides on.  Prints, for each kind: the
number of pairs, the distance distribution (min, 5th percentile, median, 95th, max),
and the false-match rate (impostor ≤ MATCH_BELOW), the false-non-match rate
(genuine > MATCH_BELOW), and how many of each fall in the helper band or beyond
MISMATCH_ABOVE.  Also: how often no face was found, per treatment.

Run:  .venv/bin/python bench/face_pairs.py [--worst 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402

import face_photos  # noqa: E402
from devices.camera.face_dlib import MATCH_BELOW, MISMATCH_ABOVE, DlibModels, models_dir  # noqa: E402


def measure(matcher: DlibModels) -> dict[str, list[tuple[float, face_photos.Pair]]]:
    """Distances by kind; pairs where a face was not found are listed under 'no face'."""
    cache: dict[tuple[str, str, str], np.ndarray | None] = {}

    def descriptor(role: str, name: str, treatment: str, image: np.ndarray) -> np.ndarray | None:
        key = (role, name, treatment)
        if key not in cache:
            cache[key] = matcher.descriptor(image)
        return cache[key]

    found: dict[str, list] = {"genuine": [], "impostor": [], "no face": []}
    for pair in face_photos.pairs():
        live, card = pair.images()
        a = descriptor("live", pair.live, pair.live_treatment, live)
        b = descriptor("card", pair.card, pair.card_treatment, card)
        if a is None or b is None:
            found["no face"].append((float("nan"), pair))
            continue
        found[pair.kind].append((float(np.linalg.norm(a - b)), pair))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worst", type=int, default=3, help="show the N closest calls of each kind")
    args = parser.parse_args()
    found = measure(DlibModels(models_dir()))
    people = {face_photos.person(n) for n in face_photos.PEOPLE for n in face_photos.PEOPLE[n]}
    photos = sum(len(v) for v in face_photos.PEOPLE.values())
    print(f"pair set: {len(people)} people, {photos} photos; card treatments "
          f"{[t.__name__ for t in face_photos.CARD_TREATMENTS]}, live treatments "
          f"{[t.__name__ for t in face_photos.LIVE_TREATMENTS]}")
    for kind in ("genuine", "impostor"):
        d = np.array([x for x, _ in found[kind]])
        if not d.size:
            print(f"{kind}: none")
            continue
        q = np.percentile(d, [0, 5, 50, 95, 100])
        print(f"{kind:9s} n={d.size:4d}  distance min {q[0]:.3f}  p5 {q[1]:.3f}  median {q[2]:.3f}  "
              f"p95 {q[3]:.3f}  max {q[4]:.3f}")
        matched = int((d <= MATCH_BELOW).sum())
        band = int(((d > MATCH_BELOW) & (d <= MISMATCH_ABOVE)).sum())
        beyond = int((d > MISMATCH_ABOVE).sum())
        print(f"          matched (≤ {MATCH_BELOW}) {matched}, helper band {band}, "
              f"not matched (> {MISMATCH_ABOVE}) {beyond}")
        ordered = sorted(found[kind], key=lambda item: item[0], reverse=(kind == "genuine"))
        for distance, pair in ordered[:args.worst]:
            print(f"          closest call {distance:.3f}  {pair}")
    genuine = np.array([x for x, _ in found["genuine"]])
    impostor = np.array([x for x, _ in found["impostor"]])
    if genuine.size and impostor.size:
        print(f"FMR at {MATCH_BELOW}: {(impostor <= MATCH_BELOW).mean():.4f} ({(impostor <= MATCH_BELOW).sum()}"
              f"/{impostor.size});  FNMR at {MATCH_BELOW}: {(genuine > MATCH_BELOW).mean():.4f} "
              f"({(genuine > MATCH_BELOW).sum()}/{genuine.size});  genuine told 'not matched' "
              f"(> {MISMATCH_ABOVE}): {(genuine > MISMATCH_ABOVE).sum()}")
    print(f"no face found: {len(found['no face'])} pairs")
    for _, pair in found["no face"][:10]:
        print(f"          {pair}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
