"""The card reader interface shared by the GA 467, PC/SC and simulated readers.

A reader runs on its own thread and reports events to listeners; listeners
must not block (the UI's adaptor only re-posts them to the GUI thread).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable

from kiosk.errors import CardReaderError
from kiosk.identity import CardData, IdentityMethod


class CardEventKind(str, Enum):
    INSERTED = "inserted"        # a card is on / in the reader; reading starts
    READ = "read"                # card data read successfully (`card` is set)
    REMOVED = "removed"          # card taken away
    ERROR = "error"              # `error` says what went wrong, in words for people
    CONNECTED = "connected"      # reader (re)appeared
    DISCONNECTED = "disconnected"  # reader unplugged or unreachable


@dataclass(frozen=True)
class CardEvent:
    kind: CardEventKind
    card: CardData | None = None
    error: CardReaderError | None = None
    method: IdentityMethod | None = None
    # With ERROR "not an identity card": the card's UID (hex), when it has one (a staff card is looked up by
    # it, devices/card/staff_card.py).  Never logged.
    uid: str = field(default="", repr=False)


CardListener = Callable[[CardEvent], None]


class CardReader:
    """Base class: listener bookkeeping and the start/stop contract."""

    method: IdentityMethod = IdentityMethod.SIMULATED

    def __init__(self) -> None:
        self._listeners: list[CardListener] = []
        self._lock = threading.Lock()

    def add_listener(self, listener: CardListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: CardListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def emit(self, event: CardEvent) -> None:
        """Deliver `event` to every listener (called from the reader's thread)."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)

    def start(self) -> None:
        """Begin watching for cards on a background thread. Must return at once."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop watching and release the device; safe to call twice."""
        raise NotImplementedError

    def describe(self) -> str:
        """One line for `waystation doctor` and the helper's device check."""
        return type(self).__name__
