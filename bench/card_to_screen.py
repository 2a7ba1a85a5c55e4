"""Card placed → name to confirm on screen, with the GA 467 driver and its simulator behind a pty.

Everything below the simulator is real (pyserial driver, codec, parser, device
bridge, identity screen).  Also with the simulated reader.  No budget in
DESIGN.md for this step; figures are printed.  Run: .venv/bin/python bench/card_to_screen.py [N]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(rounds: int = 20) -> None:
    from devices.simulated.fixtures import FIXTURE_CARDS
    from devices.card.ga467_reader import Ga467Reader
    from devices.simulated.ga467 import Ga467Simulator
    from devices.simulated.reader import SimulatedReader
    from ui.gallery import make_window
    from ui.qt import QApplication, QPushButton

    app = QApplication.instance() or QApplication([])  # noqa: F841
    with tempfile.TemporaryDirectory() as tmp, Ga467Simulator() as simulator:
        for name, reader, place, remove in (
            ("GA 467 over pty, poll 0.25 s", Ga467Reader(simulator.port),
             lambda: simulator.place(FIXTURE_CARDS[1]), simulator.remove),
            ("simulated reader", SimulatedReader(), None, None),
        ):
            window, session = make_window("1366x768", True, "zh_CN", Path(tmp))
            window.bridge.attach_reader(reader)
            reader.start()
            times = []
            for _ in range(rounds):
                session.choose_service("senior_card")
                session.next()
                QApplication.processEvents()
                start = time.perf_counter()
                if place is not None:
                    place()
                else:
                    reader.present(1)
                while window.screen.findChild(QPushButton, "confirm_yes") is None:
                    QApplication.processEvents()
                    time.sleep(0.001)
                times.append((time.perf_counter() - start) * 1000)
                if remove is not None:
                    remove()
                    # The reader sees the card lifted; then a random wait, so placements fall at any point
                    # of the reader's 0.25 s poll (a fixed wait would lock them to one phase of it).
                    time.sleep(0.4 + random.uniform(0.0, 0.25))
                session.cancel()
                QApplication.processEvents()
            reader.stop()
            window.store.close()
            times.sort()
            print(f"{name}: card placed -> name to confirm on screen over {rounds} placements: "
                  f"median {statistics.median(times):.0f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.0f} ms, "
                  f"max {times[-1]:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
