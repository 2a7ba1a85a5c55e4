"""Time from a smart card placed on a PC/SC reader to CardData delivered to a listener.

Real parts: pcscd with vsmartcard's vpcd driver (started as in the tests, so
run as root, with no other pcscd running), the virtual identity card of
devices/simulated/vpcd_card.py, and the real driver PcscReader.  Each round places the
card at a random moment of pcscd's poll period, times INSERTED and READ, lifts
it and waits for REMOVED.  Two figures:

* placed -> READ: what a resident waits.  Dominated by pcscd's card
  presence poll (every 400 ms for vpcd, as for most serial readers; USB
  CCID readers report insertions by interrupt instead);
* INSERTED -> READ: the driver's own work (connect, SELECT, READ RECORD,
  TLV parsing, ID number check) through pcscd and vpcd on loopback; a real
  card adds its own I/O time (a few ms per APDU at T=1 speeds).

DESIGN.md sets no budget for this; the issue asks for the figure.
Run:  .venv/bin/python bench/pcsc_read.py [--reads 20]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from factories import make_card
from pcsc_service import PcscService, wait_for_card

from devices.card.reader import CardEvent
from devices.card.reader import CardEventKind as K
from devices.card.pcsc_reader import PcscReader
from devices.simulated.vpcd_card import IdentityCardApplet, VpcdCard


def wait(events: queue.Queue[tuple[float, CardEvent]], kind: K, timeout: float = 10.0) -> tuple[float, CardEvent]:
    while True:
        stamp, event = events.get(timeout=timeout)
        if event.kind is K.ERROR:
            raise RuntimeError(f"read failed: {event.error.code}")
        if event.kind is kind:
            return stamp, event


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reads", type=int, default=20)
    args = parser.parse_args()
    events: queue.Queue[tuple[float, CardEvent]] = queue.Queue()
    card = make_card()
    placed_to_read: list[float] = []
    inserted_to_read: list[float] = []
    with PcscService(Path(tempfile.mkdtemp(prefix="pcsc-bench-"))) as service:
        reader = PcscReader(service.reader)
        reader.add_listener(lambda e: events.put((time.perf_counter(), e)))
        reader.start()
        wait(events, K.CONNECTED)
        try:
            for _ in range(args.reads):
                vcard = VpcdCard(IdentityCardApplet.for_card(card), port=service.port)
                time.sleep(random.uniform(0, 0.4))  # residents do not wait for pcscd's poll
                placed = time.perf_counter()
                vcard.insert()
                inserted, _ = wait(events, K.INSERTED)
                read, event = wait(events, K.READ)
                assert event.card == card
                placed_to_read.append(read - placed)
                inserted_to_read.append(read - inserted)
                vcard.remove()
                wait(events, K.REMOVED)
                wait_for_card(service.reader, present=False)
        finally:
            reader.stop()
    for label, values in (("placed -> READ", placed_to_read), ("INSERTED -> READ", inserted_to_read)):
        ms = [v * 1000 for v in values]
        print(f"{label:18s} n={len(ms)}  median {statistics.median(ms):7.1f} ms  "
              f"p95 {p95(ms):7.1f} ms  max {max(ms):7.1f} ms")


if __name__ == "__main__":
    main()
