"""Does the configured card reader answer?  For `waystation doctor` (IT's self-check).

Builds the reader the config names, starts it, waits a few seconds for it to
say CONNECTED (or fail), and stops it again.  Opening a port and talking to a
reader blocks: never call this on the GUI thread.  No card is read: nothing
personal passes through here.
"""

from __future__ import annotations

import queue
import time

from devices.card.reader import CardEventKind, CardReader


def build_reader(config) -> CardReader | None:
    """The reader `config.devices` chooses, not started (None for card_reader = none)."""
    devices = config.devices
    kind = devices.card_reader
    if kind == "simulated":
        from devices.simulated.reader import SimulatedReader

        return SimulatedReader()
    if kind == "ga467":
        from devices.card.ga467_reader import Ga467Reader
        from devices.card.wlt_decoder import load_decoder

        return Ga467Reader(devices.card_reader_port, devices.card_reader_baud,
                           photo_decoder=load_decoder(devices.wlt_decoder))
    if kind == "pcsc":
        from devices.card.pcsc_reader import PcscReader

        return PcscReader(devices.pcsc_reader or None)
    return None


def check_card_reader(config, wait: float = 3.0) -> tuple[bool, str]:
    """(ok, one line for IT): the reader answered within `wait` seconds, or why not."""
    kind = config.devices.card_reader
    if kind == "none":
        return True, "none configured: residents type ID numbers with a helper"
    try:
        reader = build_reader(config)
    except Exception as error:  # a driver that cannot even be built is what the check is for
        return False, f"{kind}: {type(error).__name__}: {error}"
    events: queue.Queue = queue.Queue()
    reader.add_listener(events.put)
    deadline = time.monotonic() + wait
    try:
        reader.start()
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = events.get(timeout=left)
            except queue.Empty:
                break
            if event.kind == CardEventKind.CONNECTED:
                return True, reader.describe()
            if event.kind in (CardEventKind.DISCONNECTED, CardEventKind.ERROR):
                why = ""
                if event.error is not None:
                    why = event.error.text("en") + (f" ({event.error.detail})" if event.error.detail else "")
                return False, f"{reader.describe()}: {why or event.kind.value}"
        return False, f"{reader.describe()}: no answer within {wait:g} s"
    except Exception as error:  # start() itself failed
        return False, f"{kind}: {type(error).__name__}: {error}"
    finally:
        reader.stop()
