"""Start to interactive home screen, from source: median of N runs, and memory at rest.

Each run is a fresh Python process that does what `waystation run` does
(ui.app.run_kiosk: embedded default config with a fresh data directory, the
devices `kiosk.cli.build_devices` picks, store, catalog, session, the locked
full-screen window, the card reader started) on the offscreen platform, and
reports when the home screen has been painted and the event loop is idle.
"Wall" is measured by this parent from spawning the process (so it includes
the interpreter's own start); "in process" from the child's first line.
A bare PySide6 full-screen window is measured the same way for comparison.

Run:  .venv/bin/python bench/ui_start.py [--runs 5]
Budget (DESIGN.md): ≤ 1.0 s median from source; ≤ 200 MB RSS idle (checked 1 s after the home
screen is ready and again 8 s after, once the start-up prompts have been rendered).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_START_S = 1.0
BUDGET_RSS_MB = 200.0


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(kind: str, data_dir: str) -> None:
    """Runs in the measured process: start, print one JSON line when the home screen is idle."""
    t0 = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from ui.qt import QApplication, QEvent, QObject, Qt, QTimer, QWidget

    app = QApplication(sys.argv[:1])
    painted = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    if kind == "bare":
        window = QWidget()
        window.installEventFilter(watch)
        window.setWindowFlag(Qt.FramelessWindowHint, True)
        window.showFullScreen()
        stop = lambda: None  # noqa: E731
    else:
        from kiosk.cli import build_devices
        from kiosk.config import from_mapping
        from ui.app import build_kiosk, shut_down

        config = from_mapping({"storage": {"data_dir": data_dir}})
        window = build_kiosk(config, build_devices(config))  # exactly what `waystation run` does
        window.screen.installEventFilter(watch)

        def stop() -> None:
            window.locked = False  # a locked window refuses to close, and with it QApplication.quit()
            shut_down(window)

    result: dict = {}

    def ready() -> None:
        if not painted:  # not painted yet: wait for the next turn of the event loop
            QTimer.singleShot(0, ready)
            return
        result.update(ready_s=time.perf_counter() - t0, painted_s=painted[0] - t0, rss_ready_mb=rss_mb())
        print("READY", flush=True)  # the parent's wall clock stops here
        QTimer.singleShot(1000, idle)

    def idle() -> None:
        result["rss_idle_mb"] = rss_mb()
        QTimer.singleShot(7000, settled)  # after the prompt warm-up (ui/main_window.py, 3 s after start)

    def settled() -> None:
        result["rss_settled_mb"] = rss_mb()
        stop()
        print(json.dumps(result), flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()
    import threading

    left = [t.name for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if left:
        print(f"threads still running after the event loop ended: {left}", file=sys.stderr, flush=True)


def run_once(kind: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as data_dir:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child", kind, data_dir], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
        wall = None
        result: dict = {}
        for line in proc.stdout:
            if line.startswith("READY") and wall is None:
                wall = time.perf_counter() - start
            elif line.startswith("{"):
                result = json.loads(line)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise SystemExit(f"{kind} run did not exit") from None
    if wall is None or not result:
        raise SystemExit(f"{kind} run failed (exit {proc.returncode})")
    return dict(result, wall_s=wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "DATA_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(*args.child)
    print(f"start to interactive home screen, offscreen, {args.runs} runs each, {os.cpu_count()} CPUs")
    for kind in ("kiosk", "bare"):
        runs = [run_once(kind) for _ in range(args.runs)]
        wall = [r["wall_s"] for r in runs]
        inproc = [r["ready_s"] for r in runs]
        label = "kiosk home screen" if kind == "kiosk" else "bare PySide6 full-screen window"
        print(f"{label}:")
        print(f"  wall from spawn: median {statistics.median(wall):.3f} s  (runs: "
              f"{', '.join(f'{w:.3f}' for w in wall)})" + (f"   budget ≤ {BUDGET_START_S:.1f} s: "
              f"{'OK' if statistics.median(wall) <= BUDGET_START_S else 'OVER'}" if kind == "kiosk" else ""))
        print(f"  in process (imports → painted and idle): median {statistics.median(inproc):.3f} s")
        idle = max(statistics.median(r["rss_idle_mb"] for r in runs),
                   statistics.median(r["rss_settled_mb"] for r in runs))
        print(f"  RSS when ready: median {statistics.median(r['rss_ready_mb'] for r in runs):.1f} MB; "
              f"idle 1 s later: median {statistics.median(r['rss_idle_mb'] for r in runs):.1f} MB; "
              f"8 s later (prompts warmed): median {statistics.median(r['rss_settled_mb'] for r in runs):.1f} MB"
              + (f"   budget ≤ {BUDGET_RSS_MB:.0f} MB: {'OK' if idle <= BUDGET_RSS_MB else 'OVER'}"
                 if kind == "kiosk" else ""))


if __name__ == "__main__":
    main()
