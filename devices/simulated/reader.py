"""A card reader with no hardware: fixture residents presented on request.

This is the reader of the embedded default config, of demos and of the
developer panel: `present(index)` places fixture card `index` as if a
resident laid it on the reader.  Events come from the reader's own thread,
in the same order as from a real reader (INSERTED, then READ or ERROR, and
REMOVED when the card is taken away), so the UI is exercised the same way.
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Callable, Sequence

from kiosk.errors import CardReaderError
from kiosk.identity import CardData, IdentityMethod

from devices.card import ga467_codec  # noqa: F401  (registers the card.* message texts)
from devices.card.reader import CardEvent, CardEventKind, CardReader
from devices.card.staff_card import NOT_IDENTITY_CARD
from devices.simulated.fixtures import FIXTURE_CARDS

log = logging.getLogger(__name__)


class SimulatedReader(CardReader):
    """Presents fixture cards; every control returns at once and the events follow on the reader thread."""

    method = IdentityMethod.SIMULATED

    def __init__(self, cards: Sequence[CardData] = FIXTURE_CARDS, read_delay: float = 0.0) -> None:
        super().__init__()
        self.cards = tuple(cards)
        self.read_delay = read_delay  # seconds between INSERTED and READ, like a real read
        self._queue: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._card_on = False
        self._plugged = True

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="simulated-reader", daemon=True)
        self._thread.start()
        self._queue.put(lambda: self._emit(CardEventKind.CONNECTED))

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._queue.put(None)
            if self._thread is not threading.current_thread():
                self._thread.join(5)
        self._thread = None

    def describe(self) -> str:
        return f"simulated card reader ({len(self.cards)} fixture cards)"

    # ---- controls ----
    def present(self, index: int) -> None:
        """Lay fixture card `index` on the reader (a card already there is taken away first)."""
        card = self.cards[index]  # IndexError at the caller, not on the thread
        self._queue.put(lambda: self._present(card))

    def present_card(self, card: CardData) -> None:
        """Lay any card on the reader (tests that need a card outside the fixtures)."""
        self._queue.put(lambda: self._present(card))

    def present_staff_card(self, uid: str) -> None:
        """Lay a staff card (no identity applet; `uid` as hex) on the reader: INSERTED, then ERROR "not an
        identity card" carrying the UID, as the PC/SC reader reports one."""
        self._queue.put(lambda: self._present_staff(uid.upper()))

    def remove(self) -> None:
        self._queue.put(self._remove)

    def fail(self, code: str = "card.moved_away") -> None:
        """A card is placed but its read fails with `code` (e.g. card.moved_away)."""
        self._queue.put(lambda: self._fail(code))

    def unplug(self) -> None:
        self._queue.put(self._unplug)

    def replug(self) -> None:
        self._queue.put(self._replug)

    # ---- the thread ----
    def _run(self) -> None:
        while True:
            action = self._queue.get()
            if action is None or self._stop.is_set():
                return
            action()

    def _present(self, card: CardData) -> None:
        if not self._plugged:
            return
        if self._card_on:
            self._remove()
        self._card_on = True
        self._emit(CardEventKind.INSERTED)
        if self.read_delay and self._stop.wait(self.read_delay):
            return
        self._emit(CardEventKind.READ, card=card)

    def _fail(self, code: str) -> None:
        if not self._plugged:
            return
        if self._card_on:
            self._remove()
        self._card_on = True
        self._emit(CardEventKind.INSERTED)
        self._emit(CardEventKind.ERROR, error=CardReaderError(code, detail="simulated"))

    def _present_staff(self, uid: str) -> None:
        if not self._plugged:
            return
        if self._card_on:
            self._remove()
        self._card_on = True
        self._emit(CardEventKind.INSERTED)
        self._emit(CardEventKind.ERROR, error=CardReaderError(NOT_IDENTITY_CARD, detail="simulated staff card"),
                   uid=uid)

    def _remove(self) -> None:
        if self._card_on:
            self._card_on = False
            self._emit(CardEventKind.REMOVED)

    def _unplug(self) -> None:
        if self._plugged:
            self._plugged = False
            self._card_on = False
            self._emit(CardEventKind.DISCONNECTED,
                       error=CardReaderError("card.reader_disconnected", detail="simulated unplug"))

    def _replug(self) -> None:
        if not self._plugged:
            self._plugged = True
            self._emit(CardEventKind.CONNECTED)

    def _emit(self, kind: CardEventKind, card: CardData | None = None,
              error: CardReaderError | None = None, uid: str = "") -> None:
        try:
            self.emit(CardEvent(kind, card=card, error=error, method=self.method, uid=uid))
        except Exception:
            log.exception("card event listener failed on %s", kind.value)
