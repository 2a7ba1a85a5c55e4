"""Re-emits device events (from device threads) as Qt signals delivered on the GUI thread.

The Electrum `qt_event_listener` pattern: device drivers know nothing of Qt;
this small adaptor is the only place their callbacks meet widgets.

A reader reports a card once per placement and its connection state once per
change, so a screen opened later would never hear of them: the bridge keeps
the last connection event and the event of the card now on the reader, and
`replay()` hands them to a new screen.  The card is personal data: it is
dropped when the card is removed and when the session ends (`follow`).
"""

from __future__ import annotations

from typing import Callable

from devices.card.reader import CardEvent, CardEventKind
from kiosk.session import State
from ui.qt import QObject, Signal

_CONNECTION = (CardEventKind.CONNECTED, CardEventKind.DISCONNECTED)


class DeviceBridge(QObject):
    card_event = Signal(object)    # devices.card.reader.CardEvent
    camera_frame = Signal(object)  # latest camera frame (numpy array)
    camera_event = Signal(object)  # camera errors and recoveries
    speech_state = Signal(object)  # speech started / stopped / unavailable
    sync_status = Signal(object)   # kiosk.sync_status.SyncStatus after each sync pass

    def __init__(self) -> None:
        super().__init__()
        self.connection: CardEvent | None = None  # the reader's last CONNECTED / DISCONNECTED
        self.present: CardEvent | None = None     # READ (or ERROR) of the card on the reader now
        self._followed: set[int] = set()
        # Connected first, so it has run before any screen's slot sees the same event.
        self.card_event.connect(self._remember)

    def attach_reader(self, reader) -> None:
        """Listen to a card reader; its events arrive as `card_event` on the GUI thread."""
        reader.add_listener(self.card_event.emit)

    def follow(self, session) -> None:
        """Drop the remembered card when `session` ends (wiped) or comes back to the home screen (Back
        from the guide or the status look-up: whoever touches next may be someone else, and must not
        be offered the card a resident left on the reader).  Calling it again is harmless."""
        if id(session) in self._followed:
            return
        self._followed.add(id(session))

        def listener(reason: str) -> None:
            if reason.startswith("wiped:") or (reason == "state" and session.state == State.HOME):
                self.forget_card()

        session.add_listener(listener)

    def forget_card(self) -> None:
        self.present = None

    def replay(self, handler: Callable[[CardEvent], None]) -> None:
        """Hand `handler` what a screen opened now has missed: the connection state, then the card."""
        for event in (self.connection, self.present):
            if event is not None:
                handler(event)

    def _remember(self, event: CardEvent) -> None:  # GUI thread
        if event.kind in _CONNECTION:
            self.connection = event
            if event.kind == CardEventKind.DISCONNECTED:
                self.present = None  # whatever lay on it is read again once it is back
        elif event.kind in (CardEventKind.INSERTED, CardEventKind.REMOVED):
            self.present = None  # a new card is being read, or none is there
        elif event.kind in (CardEventKind.READ, CardEventKind.ERROR):
            self.present = event  # the reader reads a card once: an error stays until it is lifted
