"""PC/SC smart-card reader driver (pyscard over pcscd).

`PcscReader` watches one PC/SC reader on its own thread and reports, through
the CardReader listener contract: CONNECTED / DISCONNECTED when the reader (or
pcscd itself) comes and goes, INSERTED when a card is placed, then READ with
the holder's CardData (IdentityMethod.SMART_CARD) or ERROR saying in words
what went wrong, and REMOVED when the card is taken away.  A reader plugged
back in, or pcscd restarted, is picked up again without restarting the kiosk.

The card side is the Waystation identity applet (devices/card/identity_applet.py),
read with devices/card/pcsc_channel.py; a card without that applet is asked for its UID
(devices/card/staff_card.py: staff cards), handed on with the error as `CardEvent.uid`.
`PcscReader.transmit(apdu) -> (data, sw1, sw2)`
exchanges one APDU with the card on the reader (for later applets: staff cards).

We use pyscard's thin `smartcard.scard` layer (the PC/SC C API) rather than its
CardMonitor/ReaderMonitor: those run their own threads, print tracebacks and
stop for good when pcscd goes away, and cannot be woken up to stop.  One loop
here blocks in SCardGetStatusChange (a bounded wait; SCardCancel wakes it on
stop) and re-establishes the PC/SC context after pcscd restarts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from smartcard import scard

from devices.card import identity_applet as profile
from devices.card.reader import CardEvent, CardEventKind, CardReader
from devices.card.staff_card import read_uid
from devices.card.pcsc_channel import (
    CANCELLED,
    OK,
    READER_GONE,
    TIMEOUT,
    CardChannel,
    code_of,
    detail_of,
    establish_context,
    list_readers,
    read_identity,
)
from kiosk.errors import CardReaderError
from kiosk.identity import IdentityMethod

log = logging.getLogger(__name__)


class _ServiceLost(Exception):
    def __init__(self, hresult: int) -> None:
        super().__init__(detail_of(hresult))
        self.hresult = hresult


class PcscReader(CardReader):
    """Watch one PC/SC reader and read Waystation identity cards placed on it.

    `reader` is a reader name or the start of one ("Virtual PCD" matches
    "Virtual PCD 00 00"); None takes the first reader pcscd lists.
    """

    method = IdentityMethod.SMART_CARD

    def __init__(self, reader: str | None = None, aid: bytes = profile.AID,
                 poll_interval: float = 0.5) -> None:
        super().__init__()
        self.wanted = reader
        self.aid = aid
        self.poll_interval = poll_interval
        self.reader_name: str | None = None  # the reader in use, once found
        self.connected = False
        self._announced: bool | None = None  # last CONNECTED/DISCONNECTED sent (None: none yet)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: int | None = None
        self._context_lock = threading.Lock()
        self._card_on_reader = False

    # -- the CardReader contract ---------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._announced = None  # a restarted reader announces its state again
        self._thread = threading.Thread(target=self._run, name="pcsc-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._context_lock:
            if self._context is not None:
                scard.SCardCancel(self._context)  # wake SCardGetStatusChange at once
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(10)

    def describe(self) -> str:
        state = "connected" if self.connected else "not connected"
        return f"PC/SC reader {self.reader_name or self.wanted or '(first found)'}: {state}"

    def transmit(self, apdu: bytes | Sequence[int]) -> tuple[bytes, int, int]:
        """Exchange one APDU with the card on the reader (blocking; not on the GUI thread)."""
        reader = self.reader_name or self._pick(list_readers())
        if reader is None:
            raise CardReaderError("pcsc.reader_missing", detail=str(self.wanted))
        with CardChannel(reader) as channel:
            return channel.transmit(apdu)

    # -- the watching thread -----------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                context = establish_context()
            except CardReaderError as exc:
                self._announce(False, exc)
                self._stop.wait(self.poll_interval)
                continue
            with self._context_lock:
                self._context = context
            try:
                self._serve(context)
            except _ServiceLost as lost:
                log.info("PC/SC service lost: %s", lost)
                self._announce(False, CardReaderError("pcsc.no_service", detail=str(lost)))
            except Exception:  # a bug must not silence the reader for the rest of the day
                log.exception("PC/SC reader loop failed; starting again")
            finally:
                with self._context_lock:
                    self._context = None
                scard.SCardReleaseContext(context)
            self._stop.wait(self.poll_interval)

    def _serve(self, context: int) -> None:
        """Find the reader, watch it until it goes; raises _ServiceLost when pcscd does."""
        while not self._stop.is_set():
            hresult, readers = scard.SCardListReaders(context, [])
            if code_of(hresult) not in (OK, code_of(scard.SCARD_E_NO_READERS_AVAILABLE)):
                raise _ServiceLost(hresult)
            name = self._pick(list(readers) if code_of(hresult) == OK else [])
            if name is None:
                self._announce(False, CardReaderError("pcsc.reader_missing", detail=str(self.wanted)))
                self._stop.wait(self.poll_interval)
                continue
            self.reader_name = name
            self._announce(True)
            self._watch(context, name)

    def _pick(self, readers: list[str]) -> str | None:
        if self.wanted is None:
            return readers[0] if readers else None
        if self.wanted in readers:
            return self.wanted
        return next((r for r in readers if r.startswith(self.wanted)), None)

    def _watch(self, context: int, name: str) -> None:
        """Report cards coming and going on `name`; return when the reader disappears.

        Raises _ServiceLost when pcscd goes; a card on the reader is reported
        REMOVED either way, since it went with the reader.
        """
        self._card_on_reader = False
        try:
            gone = self._follow(context, name)
        finally:
            if self._card_on_reader and not self._stop.is_set():
                self._card_on_reader = False
                self._emit(CardEvent(CardEventKind.REMOVED))
        if gone:
            self._announce(False, CardReaderError("pcsc.reader_missing", detail=name))

    def _follow(self, context: int, name: str) -> bool:
        """The status loop of `_watch`; True when the reader went away, False on stop."""
        state, count = scard.SCARD_STATE_UNAWARE, None
        timeout_ms = max(1, int(self.poll_interval * 1000))
        while not self._stop.is_set():
            hresult, states = scard.SCardGetStatusChange(context, timeout_ms, [(name, state)])
            code = code_of(hresult)
            if code in (TIMEOUT, CANCELLED):
                continue
            if code in READER_GONE:
                return True
            if code != OK:
                raise _ServiceLost(hresult)
            event = states[0][1]
            if event & (scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_IGNORE):
                return True
            now_present = bool(event & scard.SCARD_STATE_PRESENT)
            new_count = event >> 16  # pcscd counts card insertions and removals here
            if self._card_on_reader and now_present and count is not None and new_count - count >= 2:
                self._card_on_reader = False  # swapped between two looks: report both moves
                self._emit(CardEvent(CardEventKind.REMOVED))
            if now_present and not self._card_on_reader:
                self._card_on_reader = True
                self._emit(CardEvent(CardEventKind.INSERTED))
                if event & scard.SCARD_STATE_MUTE:
                    self._emit_error(CardReaderError("pcsc.card_unresponsive", detail="mute card"))
                else:
                    self._read(context, name)
            elif self._card_on_reader and not now_present:
                self._card_on_reader = False
                self._emit(CardEvent(CardEventKind.REMOVED))
            state, count = event & ~scard.SCARD_STATE_CHANGED, new_count
        return False

    def _read(self, context: int, name: str) -> None:
        uid = ""
        try:
            with CardChannel(name, context) as channel:
                try:
                    card = read_identity(channel, self.aid)
                except CardReaderError as exc:
                    if exc.code == "pcsc.not_identity_card":  # a staff card (or another card): its UID
                        uid = read_uid(channel) or ""
                    raise
        except CardReaderError as exc:
            log.info("card read failed: %s (%s)%s", exc.code, exc.detail, " (a UID was read)" if uid else "")
            self._emit(CardEvent(CardEventKind.ERROR, error=exc, method=self.method, uid=uid))
            return
        except Exception as exc:
            log.exception("card read failed")
            self._emit_error(CardReaderError("card.read_failed", detail=type(exc).__name__))
            return
        log.info("card read: %r", card)  # CardData's repr masks the ID number
        self._emit(CardEvent(CardEventKind.READ, card=card, method=self.method))

    # -- events --------------------------------------------------------------------------
    def _announce(self, connected: bool, error: CardReaderError | None = None) -> None:
        self.connected = connected
        if self._announced is connected:
            return
        self._announced = connected
        log.info("PC/SC reader %s: %s", self.reader_name or self.wanted,
                 "connected" if connected else f"disconnected ({error.code if error else ''})")
        kind = CardEventKind.CONNECTED if connected else CardEventKind.DISCONNECTED
        self._emit(CardEvent(kind, error=error))

    def _emit_error(self, error: CardReaderError) -> None:
        self._emit(CardEvent(CardEventKind.ERROR, error=error, method=self.method))

    def _emit(self, event: CardEvent) -> None:
        """Like CardReader.emit, but a listener's bug neither stops this thread nor the other listeners."""
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("card listener failed on %s", event.kind.value)
