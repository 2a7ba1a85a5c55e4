"""Camera preview benchmark: frames/s at 640×480 with face detection on every frame.

Plays a generated 640×480 clip (the astronaut portrait from scikit-image, blinking,
with camera noise; 30 frames/s MJPG) through `devices.camera.capture.Camera`, runs
`FaceDetector.analyse` on each delivered frame in the frame listener — as the
face screen does — and prints:

* preview frame rate (frames delivered to the listener per second) vs the budget
  of ≥ 15 frames/s (DESIGN.md), and how many frames were dropped (latest-frame
  delivery: a slow listener skips frames, it never falls behind);
* face detection time per frame (median, p95), and QR scan time per frame;
* the liveness results on the test clips (passes and fails).

Run:  .venv/bin/python bench/camera_preview.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import numpy as np  # noqa: E402

import camera_clips  # noqa: E402  (test helpers: clips made from scikit-image's photos)
from devices.camera.capture import Camera, Frame  # noqa: E402
from devices.camera.face_detect import FaceDetector  # noqa: E402
from devices.camera.liveness import Challenge, LivenessCheck  # noqa: E402
from devices.camera.qr_scan import QrScanner  # noqa: E402

BUDGET_FPS = 15.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def preview(clip: Path, seconds: float) -> None:
    detector = FaceDetector()
    times: list[float] = []
    faces = 0
    lock = threading.Lock()

    def on_frame(frame: Frame) -> None:
        nonlocal faces
        start = time.perf_counter()
        report = detector.analyse(frame.image)
        with lock:
            times.append(time.perf_counter() - start)
            faces += report.face is not None

    camera = Camera(str(clip))
    camera.add_frame_listener(on_frame)
    camera.start()
    time.sleep(1.0)  # warm-up: first open, cascade caches
    with lock:
        times.clear()
        faces = 0
    delivered0, grabbed0, t0 = camera.frames_delivered, camera.frames_grabbed, time.perf_counter()
    time.sleep(seconds)
    delivered, grabbed, elapsed = camera.frames_delivered - delivered0, camera.frames_grabbed - grabbed0, \
        time.perf_counter() - t0
    camera.stop()
    fps = delivered / elapsed
    verdict = "OK" if fps >= BUDGET_FPS else "OVER BUDGET"
    print(f"preview 640x480, face detection on every frame, {elapsed:.1f} s:")
    print(f"  source {grabbed / elapsed:.1f} frames/s (clip paced at 30)")
    print(f"  preview {fps:.1f} frames/s delivered and analysed   budget >= {BUDGET_FPS:.0f}   {verdict}")
    print(f"  dropped {grabbed - delivered} of {grabbed} frames (latest-frame delivery), face found in "
          f"{faces}/{len(times)}")
    print(f"  face detection per frame: median {statistics.median(times) * 1000:.1f} ms, "
          f"p95 {percentile(times, 0.95) * 1000:.1f} ms "
          f"(= {1 / statistics.median(times):.0f} frames/s if nothing else ran)")


def qr_timing() -> None:
    scanner = QrScanner()
    frames = camera_clips.qr_clip_frames("DEMO01-261124-000042-49", seed=1, count=20)
    empty = [camera_clips.camera_noise(camera_clips.portrait(), np.random.default_rng(i)) for i in range(20)]
    for name, batch in (("with a code", frames), ("without a code", empty)):
        times = []
        for frame in batch:
            start = time.perf_counter()
            scanner.scan(frame)
            times.append(time.perf_counter() - start)
        print(f"  QR scan per frame {name}: median {statistics.median(times) * 1000:.1f} ms, "
              f"p95 {percentile(times, 0.95) * 1000:.1f} ms")


def liveness_table(folder: Path) -> None:
    clips = {
        "blink": camera_clips.blink_frames(),
        "turn right 40°": camera_clips.turn_frames(max_angle=40),
        "turn left 35°": camera_clips.turn_frames(max_angle=-35),
        "turn right 60°": camera_clips.turn_frames(max_angle=60),  # frontal face lost at the far end
        "still photo": camera_clips.still_photo_frames(),
        "photo slid sideways": camera_clips.photo_slide_frames(),
    }
    detector = FaceDetector()
    print("liveness on the test clips (15 frames/s, looped until pass or the 12 s limit):")
    for name, frames in clips.items():
        path = camera_clips.write_clip(folder / "clip.avi", frames, 15.0)
        frames = camera_clips.read_clip(path)
        row = []
        for challenge in Challenge:
            check = LivenessCheck(challenge, detector)
            index = 0
            while not check.done:
                check.feed(frames[index % len(frames)], index / 15.0)
                index += 1
            result = check.result()
            row.append(f"{challenge.value}: {result.state.value:6s} after {result.elapsed:4.1f} s")
        print(f"  {name:20s} " + "   ".join(row))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--no-liveness", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rng = np.random.default_rng(0)
        frames = [camera_clips.camera_noise(frame, rng, sigma=2.0) for frame in camera_clips.blink_frames()]
        clip = camera_clips.write_clip(folder / "preview.avi", frames * 2, fps=30.0)
        preview(clip, args.seconds)
        qr_timing()
        if not args.no_liveness:
            liveness_table(folder)


if __name__ == "__main__":
    main()
