"""Memory over many resident sessions: RSS after start, and growth over N full journeys (default 500).

Each journey drives the real window through every screen (walk_screens: card,
form, documents, submit with receipt PDF, idle warning, wipe).  Budget from
DESIGN.md: ≤ 200 MB RSS idle; ≤ 10 MB growth over 500 sessions.
Run: .venv/bin/python bench/session_memory.py [N]
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def main(sessions: int = 500) -> None:
    from ui.gallery import make_window, walk_screens
    from ui.qt import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841
    services = ["residence_permit", "senior_card", "newborn_bundle", "social_security_card"]
    with tempfile.TemporaryDirectory() as tmp:
        window, session = make_window("1366x768", False, "zh_CN", Path(tmp))
        for _ in range(3):
            QApplication.processEvents()
        idle = rss_mb()
        print(f"RSS with the home screen shown: {idle:.1f} MB   budget <= 200 MB   {'OK' if idle <= 200 else 'OVER'}")
        start = time.perf_counter()
        marks = {}
        for i in range(1, sessions + 1):
            for _ in walk_screens(window, session, services[i % len(services)]):
                pass
            if i in (20, sessions // 2, sessions):
                gc.collect()
                QApplication.processEvents()
                marks[i] = rss_mb()
        window.store.close()
    growth = marks[sessions] - marks[20]
    print(f"{sessions} sessions in {time.perf_counter() - start:.0f} s; RSS after 20: {marks[20]:.1f} MB, "
          f"after {sessions // 2}: {marks[sessions // 2]:.1f} MB, after {sessions}: {marks[sessions]:.1f} MB")
    print(f"growth from session 20 to {sessions}: {growth:.1f} MB   budget <= 10 MB over 500   "
          f"{'OK' if growth <= 10 else 'OVER'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
