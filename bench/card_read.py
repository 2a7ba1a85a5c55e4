"""Time from a card laid on the GA 467 reader to CardData delivered to a listener.

The real driver (Ga467Reader, pyserial) talks to the reader simulator over a
pseudo-terminal.  Each read: wait a random part of a poll period (residents
do not wait for the poll), place the card, time until the READ event; then
lift the card and wait for REMOVED.  Configurations:

* unpaced pty: the driver's own cost (poll wait + protocol + parsing);
* paced at 115 200 bd: answers trickle out at a real UART's speed
  (the 1 295-byte base-info answer alone is ~112 ms on the wire).

A real SAM module also spends time on the radio link and its crypto before
it answers; no hardware is here to measure that, so it is not included.

Run:  .venv/bin/python bench/card_read.py [--reads 50]
"""

from __future__ import annotations

import argparse
import queue
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devices.card.reader import CardEventKind as K  # noqa: E402
from devices.simulated.fixtures import FIXTURE_CARDS  # noqa: E402
from devices.card.ga467_reader import Ga467Reader  # noqa: E402
from devices.simulated.ga467 import Ga467Simulator  # noqa: E402


def wait(q: "queue.Queue", kind: K, timeout: float = 10.0) -> float:
    deadline = time.monotonic() + timeout
    while True:
        t, event = q.get(timeout=max(0.0, deadline - time.monotonic()))
        if event.kind == kind:
            return t
        if event.kind in (K.ERROR, K.DISCONNECTED):
            raise RuntimeError(f"unexpected {event.kind.value}: {event.error and event.error.code}")


def run(reads: int, poll: float, baud: int | None) -> list[float]:
    q: queue.Queue = queue.Queue()
    with tempfile.TemporaryDirectory() as tmp, Ga467Simulator(link=Path(tmp) / "ttyGA467", baud=baud) as sim:
        reader = Ga467Reader(sim.port, poll_interval=poll)
        reader.add_listener(lambda e: q.put((time.monotonic(), e)))
        reader.start()
        try:
            wait(q, K.CONNECTED)
            times = []
            for i in range(reads):
                time.sleep(random.uniform(0, poll))
                t0 = time.monotonic()
                sim.place(FIXTURE_CARDS[i % len(FIXTURE_CARDS)])
                times.append(wait(q, K.READ) - t0)
                sim.remove()
                wait(q, K.REMOVED)
            return times
        finally:
            reader.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=50)
    args = parser.parse_args()
    print(f"card placed -> CardData delivered, {args.reads} reads each (GA 467 simulator over a pty)")
    print(f"{'configuration':<46} {'median':>8} {'p95':>8} {'max':>8}")
    for label, poll, baud in [
        ("poll 0.01 s, unpaced pty (driver's own cost)", 0.01, None),
        ("default poll 0.25 s, unpaced pty", 0.25, None),
        ("default poll 0.25 s, paced at 115200 bd", 0.25, 115200),
        ("poll 0.05 s, paced at 115200 bd", 0.05, 115200),
    ]:
        times = run(args.reads, poll, baud)
        p95 = statistics.quantiles(times, n=20, method="inclusive")[18]
        print(f"{label:<46} {statistics.median(times) * 1000:7.1f}ms {p95 * 1000:7.1f}ms "
              f"{max(times) * 1000:7.1f}ms")
    print("DESIGN.md sets no budget for this step; add the SAM's own card-read time (hardware only).")


if __name__ == "__main__":
    main()
