"""Staff sign-in: from tapping Staff to the helper console shown, with a PIN typed; median of 20, offscreen.

A real KioskWindow (1366×768 panel) with a real store and roster; each round is touches a helper
makes (QTest clicks): Staff → the helper number's 4 digits → Next → the PIN's 6 digits → Sign in,
then the event loop runs until the console's first page (Queue, with its store query) is shown.
The PIN is checked with scrypt (N=2^15, r=8, p=1) on the store's worker thread; the GUI thread
stays free meanwhile (its longest gap is measured with a 5 ms ticker).  Printed:

- Staff tap → console shown, whole round (includes the helper's taps as fast as QTest makes them);
- "Sign in" tap (after the PIN's last digit) → console shown: DESIGN.md's budget, ≤ 1 s;
- the Staff tap → sign-in panel shown and other single touches: DESIGN.md's screen change, ≤ 50 ms p95;
- one scrypt hash alone, on this machine.

Run:  .venv/bin/python bench/staff_sign_in.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_AFTER_PIN_MS = 1000.0
BUDGET_TOUCH_P95_MS = 50.0
NUMBER, PIN = "0007", "384712"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtTest import QTest

    from kiosk import pin_hash, roster
    from kiosk.staff import Role
    from ui.gallery import make_window
    from ui.qt import QApplication, QEvent, QPushButton, Qt, QTimer

    app = QApplication.instance() or QApplication([])

    def run_loop() -> None:
        for _ in range(5):
            app.processEvents()
        app.sendPostedEvents(None, QEvent.DeferredDelete)

    params = pin_hash.CURRENT
    scrypt_ms = []
    for _ in range(5):
        start = time.perf_counter()
        hashlib.scrypt(b"x" * 32, salt=b"s" * 16, n=2 ** params.log2_n, r=params.r, p=params.p,
                       maxmem=params.maxmem, dklen=32)
        scrypt_ms.append((time.perf_counter() - start) * 1000)

    with tempfile.TemporaryDirectory() as tmp:
        window, _session = make_window("1366x768", False, "zh_CN", Path(tmp))
        roster.add(window.store, NUMBER, "王芳", Role.HELPER, PIN)
        run_loop()
        whole, after_pin, touches, gaps = [], [], [], []

        def find(name: str) -> QPushButton:
            places = [window.staff.overlay] if window.staff.overlay is not None else [window.screen]
            for place in places:
                for widget in place.findChildren(QPushButton, name):
                    if widget.isVisible():
                        return widget
            raise LookupError(name)

        def touch(name: str) -> float:
            target = find(name)
            start = time.perf_counter()
            QTest.mouseClick(target, Qt.LeftButton)
            run_loop()
            took = (time.perf_counter() - start) * 1000
            touches.append(took)
            return took

        last_tick = [time.perf_counter()]
        longest = [0.0]

        def tick() -> None:
            now = time.perf_counter()
            longest[0] = max(longest[0], now - last_tick[0])
            last_tick[0] = now

        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(tick)
        for _ in range(args.rounds):
            start = time.perf_counter()
            touch("staff")
            for digit in NUMBER:
                touch(f"key_{digit}")
            touch("sign_in_next")
            for digit in PIN:
                touch(f"key_{digit}")
            pin_done = time.perf_counter()
            QTest.mouseClick(find("sign_in_next"), Qt.LeftButton)
            last_tick[0], longest[0] = time.perf_counter(), 0.0
            ticker.start()
            # Until the console's first page has its figures (the sign-in and the page's query, on the worker).
            while not _page_loaded(window):
                app.processEvents()
                time.sleep(0.001)
            run_loop()
            ticker.stop()
            end = time.perf_counter()
            gaps.append(longest[0] * 1000)
            whole.append((end - start) * 1000)
            after_pin.append((end - pin_done) * 1000)
            window.staff.sign_out("button")
            window.tasks.wait()
            run_loop()
        window.tasks.wait()
        window.close()
        window.store.close()

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)

    print(f"staff sign-in, {args.rounds} rounds, 1366x768 offscreen, scrypt N=2^{params.log2_n} r={params.r} "
          f"p={params.p} ({params.maxmem // 2 ** 20} MiB)")
    print(f"  one scrypt hash:                         median {statistics.median(scrypt_ms):7.1f} ms")
    print(f"  Staff tap -> console shown (whole round): median {statistics.median(whole):7.1f} ms, "
          f"max {max(whole):.1f} ms")
    print(f"  Sign in tap (after the PIN) -> console:   median {statistics.median(after_pin):7.1f} ms, "
          f"max {max(after_pin):.1f} ms   budget <= {BUDGET_AFTER_PIN_MS:.0f} ms: "
          f"{'OK' if statistics.median(after_pin) <= BUDGET_AFTER_PIN_MS else 'OVER'}")
    print(f"  single touches (Staff, keys, Next):       p50 {statistics.median(touches):7.1f} ms, "
          f"p95 {p95(touches):.1f} ms   budget p95 <= {BUDGET_TOUCH_P95_MS:.0f} ms: "
          f"{'OK' if p95(touches) <= BUDGET_TOUCH_P95_MS else 'OVER'}")
    print(f"  GUI thread's longest gap while the PIN is checked: median {statistics.median(gaps):.1f} ms, "
          f"max {max(gaps):.1f} ms (5 ms ticker)")


def _page_loaded(window) -> bool:
    """The console is shown with its first page's figures (the Queue's counts) in place."""
    from ui.qt import QWidget

    shell = window.staff.shell
    return shell is not None and shell.page is not None and shell.page.findChild(QWidget, "count_waiting") is not None


if __name__ == "__main__":
    main()
