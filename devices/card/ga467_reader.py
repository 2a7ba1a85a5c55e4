"""The GA 467 resident ID-card reader on a serial or USB-serial port.

A background thread owns the port (pyserial) and polls: find card -> select
-> read base info (-> latest appended address), then parses the fields,
decodes the photo when a vendor decoder is configured, and reports
INSERTED / READ / REMOVED / ERROR.  A card is read once per placement; after
a failure the reader waits for the card to be lifted before trying again,
so the resident is not flooded with repeated errors.

Faults and what the thread does:
* a truncated or garbled answer, or a failing status word: look whether the
  card is still there; gone -> "card moved away"; there -> retry once, then
  the status word's own error;
* the port vanishes or fails (USB cable pulled) or the reader stops
  answering: DISCONNECTED, then reopen with exponential backoff; CONNECTED
  when it answers again, so a re-plugged reader works without a restart.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time

import serial

try:  # pyserial lets termios.error (not an OSError) escape from tcflush on a hung-up line
    from termios import error as _TermiosError
except ImportError:  # pragma: no cover - not POSIX
    class _TermiosError(Exception):
        pass

from kiosk.errors import CardReaderError
from kiosk.id_number import mask
from kiosk.identity import CardData, CardKind, IdentityMethod

from devices.card import ga467_codec as codec
from devices.card import ga467_fields as fields
from devices.card.reader import CardEvent, CardEventKind, CardReader
from devices.card.wlt_decoder import WltDecoder

log = logging.getLogger(__name__)
S = codec.Status


class _Stopping(Exception):
    """stop() was called while a command was in flight."""


class _NoAnswer(Exception):
    """Not a byte came back before the deadline."""


class _BadAnswer(Exception):
    """Bytes came back, but no sound frame (truncated, or checksum wrong)."""


class _Gone(Exception):
    """The port failed or the reader is silent: treat as unplugged."""

    def __init__(self, error: CardReaderError) -> None:
        super().__init__(error.code)
        self.error = error


class _Failed(Exception):
    """A read step failed with `error`."""

    def __init__(self, error: CardReaderError) -> None:
        super().__init__(error.code)
        self.error = error


# What a vanished port raises, depending on which call hits it first.
_PORT_ERRORS = (serial.SerialException, OSError, _TermiosError)

# Retrying cannot help with these: report at once.
_FINAL = frozenset({"card.unsupported_kind", "card.wrong_card", "card.id_invalid", "card.reader_unauthorised"})


class Ga467Reader(CardReader):
    """GA 467 reader; `port` may be a device or a stable link (/dev/serial/by-id/...)."""

    method = IdentityMethod.ID_CARD

    def __init__(self, port: str, baudrate: int = 115200, *, photo_decoder: WltDecoder | None = None,
                 poll_interval: float = 0.25, command_timeout: float = 1.0, read_timeout: float = 3.0,
                 inter_byte_timeout: float = 0.25, attempts: int = 2,
                 backoff: tuple[float, float] = (0.5, 8.0), read_new_address: bool = True) -> None:
        super().__init__()
        self.port = port
        self.baudrate = baudrate
        self.photo_decoder = photo_decoder
        self.poll_interval = poll_interval
        self.command_timeout = command_timeout
        self.read_timeout = read_timeout
        # Inside one answer a UART never pauses for long: a gap this long means the rest is not coming.
        self.inter_byte_timeout = inter_byte_timeout
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.read_new_address = read_new_address
        self._serial: serial.Serial | None = None
        self._parser = codec.FrameParser()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected: bool | None = None   # None until the first attempt
        self._card_handled = False            # a card is on the reader and was read (or failed)
        self._fault: str | None = None        # reader fault already reported
        self._silent_polls = 0

    # ---- CardReader ----
    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="ga467-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread and self._thread is not threading.current_thread():
            self._thread.join(5)
        self._thread = None

    def describe(self) -> str:
        state = {None: "starting", True: "connected", False: "disconnected"}[self._connected]
        if self._fault:
            state += f", fault {self._fault}"
        photo = "no photo decoder"
        if self.photo_decoder:
            photo = "photo decoder " + ("ok" if not self.photo_decoder.problem else self.photo_decoder.problem)
        return f"GA 467 reader on {self.port} at {self.baudrate} bd: {state}; {photo}"

    @property
    def connected(self) -> bool:
        return bool(self._connected)

    # ---- the thread ----
    def _run(self) -> None:
        delay = self.backoff[0]
        try:
            while not self._stop.is_set():
                try:
                    if self._serial is None:
                        error = self._connect()
                        if error is not None:
                            raise _Gone(error)
                        delay = self.backoff[0]
                    self._poll()
                except _Gone as gone:
                    self._close()
                    self._set_disconnected(gone.error)
                    self._stop.wait(delay)
                    delay = min(delay * 2, self.backoff[1])
                    continue
                except _Stopping:
                    raise
                except Exception:  # a bug must not leave the kiosk waiting for a card forever
                    log.exception("GA 467 reader: unexpected failure; reopening the port")
                    self._close()
                    self._set_disconnected(CardReaderError("card.reader_fault", detail="driver failure"))
                    self._stop.wait(delay)
                    delay = min(delay * 2, self.backoff[1])
                    continue
                self._stop.wait(self.poll_interval)
        except _Stopping:
            pass
        finally:
            self._close()

    def _connect(self) -> CardReaderError | None:
        try:
            self._serial = serial.Serial(self.port, self.baudrate, timeout=0.05, write_timeout=1.0,
                                         exclusive=True)
        except (*_PORT_ERRORS, ValueError) as e:
            return CardReaderError("card.reader_disconnected", detail=f"{self.port}: {e}")
        try:
            answer = self._command(codec.SAM_STATUS, self.command_timeout)
        except _Gone as gone:
            self._close()
            return gone.error
        except (_NoAnswer, _BadAnswer):
            self._close()
            return CardReaderError("card.reader_not_answering", detail=f"{self.port}: no answer to status check")
        self._silent_polls = 0
        self._set_connected()
        if answer.sw3 != S.SUCCESS:
            self._report_fault(codec.status_error(answer.sw3, "status check"))
        return None

    def _poll(self) -> None:
        try:
            found = self._command(codec.FIND_CARD, self.command_timeout)
        except _NoAnswer:
            self._silent_polls += 1
            if self._silent_polls >= 2:
                raise _Gone(CardReaderError("card.reader_not_answering", detail="no answer to find card")) from None
            return
        except _BadAnswer:
            return  # noise on the line; the next poll asks again
        self._silent_polls = 0
        if found.sw3 == S.FIND_FAILED:
            self._fault = None
            if self._card_handled:
                self._card_handled = False
                self._emit(CardEventKind.REMOVED)
            return
        if found.sw3 != S.FIND_OK:
            self._report_fault(codec.status_error(found.sw3, "find card"))
            return
        self._fault = None
        if self._card_handled:
            return
        self._card_handled = True
        self._emit(CardEventKind.INSERTED)
        card, error = self._read_card()
        if card is not None:
            log.info("card read: %s (%s)", mask(card.id_number), card.kind.value)
            self._emit(CardEventKind.READ, card=card)
        else:
            assert error is not None
            log.info("card read failed: %s (%s)", error.code, error.detail)
            self._emit(CardEventKind.ERROR, error=error)

    def _read_card(self) -> tuple[CardData | None, CardReaderError | None]:
        last: CardReaderError | None = None
        for attempt in range(self.attempts):
            try:
                if attempt and not self._card_present():
                    return None, CardReaderError("card.moved_away", detail="card gone before retry")
                return self._read_once(), None
            except (_NoAnswer, _BadAnswer) as e:
                last = CardReaderError("card.reader_protocol", detail=f"{type(e).__name__.strip('_')}: {e}")
            except _Failed as e:
                last = e.error
            except CardReaderError as e:  # the fields did not parse
                last = e
            if last.code in _FINAL:
                break
            if not self._card_present():
                return None, CardReaderError("card.moved_away", detail=f"after {last.code}")
        return None, last

    def _read_once(self) -> CardData:
        selected = self._command(codec.SELECT_CARD, self.command_timeout)
        if selected.sw3 != S.SUCCESS:
            raise _Failed(codec.status_error(selected.sw3, "select card"))
        answer = self._command(codec.READ_BASE, self.read_timeout)
        if answer.sw3 != S.SUCCESS:
            raise _Failed(codec.status_error(answer.sw3, "read base info"))
        text, wlt = fields.split_base_info(answer.data)
        card = fields.parse_text(text)
        if self.read_new_address and card.kind == CardKind.RESIDENT:
            card = self._with_new_address(card)
        return dataclasses.replace(card, photo=self._decode_photo(wlt))

    def _decode_photo(self, wlt: bytes) -> bytes | None:
        """The photo is optional: any decoder trouble means 'photo unavailable', never a failed read."""
        if not (self.photo_decoder and wlt):
            return None
        try:
            return self.photo_decoder.decode(wlt)
        except Exception:
            log.exception("card photo decoder failed")
            return None

    def _with_new_address(self, card: CardData) -> CardData:
        """The latest appended address replaces the printed one; any trouble keeps the printed one."""
        try:
            answer = self._command(codec.READ_NEW_ADDRESS, self.command_timeout)
        except (_NoAnswer, _BadAnswer):
            return card
        address = fields.parse_new_address(answer.data) if answer.sw3 == S.SUCCESS else ""
        if address and address.isprintable():
            return dataclasses.replace(card, address=address)
        return card

    def _card_present(self) -> bool:
        """Ask the reader; when it cannot tell, assume the card is still there."""
        try:
            return self._command(codec.FIND_CARD, self.command_timeout).sw3 != S.FIND_FAILED
        except (_NoAnswer, _BadAnswer):
            return True

    # ---- the wire ----
    def _command(self, command: tuple[int, int], timeout: float) -> codec.Response:
        ser = self._serial
        if ser is None:
            raise _Gone(CardReaderError("card.reader_disconnected", detail="port closed"))
        corrupt = False
        try:
            # Answers never span commands: whatever is left over is stale.
            ser.reset_input_buffer()
            self._parser.reset()
            ser.write(codec.encode_request(command))
            deadline = time.monotonic() + timeout
            last_byte = 0.0
            while True:
                if self._stop.is_set():
                    raise _Stopping
                chunk = ser.read(ser.in_waiting or 1)
                now = time.monotonic()
                if chunk:
                    last_byte = now
                    for item in self._parser.feed(chunk):
                        if isinstance(item, codec.Frame):
                            try:
                                return item.as_response()
                            except ValueError:
                                corrupt = True
                        else:
                            corrupt = True
                if now >= deadline:
                    break
                if (self._parser.pending or corrupt) and now - last_byte >= self.inter_byte_timeout:
                    break
        except _PORT_ERRORS as e:
            raise _Gone(CardReaderError("card.reader_disconnected", detail=str(e))) from None
        what = f"command {command[0]:02X} {command[1]:02X}"
        if corrupt or self._parser.pending:
            raise _BadAnswer(f"{what}: {'bad checksum' if corrupt else 'truncated'} answer")
        raise _NoAnswer(what)

    def _close(self) -> None:
        ser, self._serial = self._serial, None
        if ser is not None:
            try:
                ser.close()
            except _PORT_ERRORS:
                pass

    # ---- events ----
    def _set_connected(self) -> None:
        if self._connected is not True:
            self._connected = True
            log.info("GA 467 reader connected on %s", self.port)
            self._emit(CardEventKind.CONNECTED)

    def _set_disconnected(self, error: CardReaderError) -> None:
        self._card_handled = False
        self._fault = None
        if self._connected is not False:
            self._connected = False
            log.warning("GA 467 reader unavailable: %s (%s)", error.code, error.detail)
            self._emit(CardEventKind.DISCONNECTED, error=error)

    def _report_fault(self, error: CardReaderError) -> None:
        if self._fault != error.code:
            self._fault = error.code
            log.warning("GA 467 reader fault: %s (%s)", error.code, error.detail)
            self._emit(CardEventKind.ERROR, error=error)

    def _emit(self, kind: CardEventKind, card: CardData | None = None,
              error: CardReaderError | None = None) -> None:
        try:
            self.emit(CardEvent(kind, card=card, error=error, method=self.method))
        except Exception:  # a listener's bug must not stop the reader
            log.exception("card event listener failed on %s", kind.value)
