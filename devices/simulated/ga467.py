"""A GA 467 ID-card reader simulated behind a pseudo-terminal.

The simulator owns the master side of `os.openpty()` and answers the SAM
protocol exactly as a reader on a serial line would; the kiosk's real
`Ga467Reader` opens the slave side with pyserial, so tests exercise the real
driver, codec, parser and field parsing.  Tests and demos drive it with
controls: place or remove a card, pull the card away in the middle of an
answer, answer with any status word, truncate or corrupt an answer, put noise
on the line, go silent, or "unplug" and "re-plug" the reader.

With `link` set, the port is also published as a symlink that survives a
re-plug (as udev's /dev/serial/by-id links do), so a reader configured with
that path finds the re-plugged device without a restart.
"""

from __future__ import annotations

import errno
import os
import select
import threading
import time
import tty
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.identity import CardData

from devices.card import ga467_codec as codec
from devices.card import ga467_fields as fields
from devices.simulated.fixtures import fake_wlt

SAM_SERIAL = bytes(range(16))


@dataclass
class _Fault:
    kind: str                         # status | truncate | corrupt | garbage | pull
    command: tuple[int, int] | None   # None: whichever command comes next
    value: int | bytes = 0
    times: int | None = 1             # None: until clear_faults()


@dataclass
class _Card:
    card: CardData
    text: bytes
    wlt: bytes
    new_address: str = ""
    selected: bool = False


@dataclass
class _Plug:
    master: int
    slave: int
    stop: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None


class Ga467Simulator:
    """Serves the GA 467 protocol on a pty; use as a context manager or plug()/unplug()."""

    def __init__(self, link: str | Path | None = None, baud: int | None = None) -> None:
        self.link = Path(link) if link else None
        self.baud = baud              # pace answers like a real line at this rate
        self.requests: list[tuple[int, int]] = []
        self._lock = threading.Lock()
        self._card: _Card | None = None
        self._faults: list[_Fault] = []
        self._silent = False
        self._plug: _Plug | None = None
        self._port = ""

    # ---- lifecycle ----
    def __enter__(self) -> "Ga467Simulator":
        self.plug()
        return self

    def __exit__(self, *exc: object) -> None:
        self.unplug()

    @property
    def port(self) -> str:
        """What a reader should open: the stable link if any, else the pty's name."""
        return str(self.link) if self.link else self._port

    @property
    def plugged(self) -> bool:
        return self._plug is not None

    def plug(self) -> None:
        """Create a fresh pty and start answering on it (a reader being plugged in)."""
        if self._plug:
            return
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no line editing: a byte pipe like a real UART
        self._port = os.ttyname(slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            os.symlink(self._port, tmp)
            os.replace(tmp, self.link)
        plug = _Plug(master, slave)
        plug.thread = threading.Thread(target=self._serve, args=(plug,), name="ga467-sim", daemon=True)
        self._plug = plug
        plug.thread.start()

    def unplug(self) -> None:
        """Stop answering and close the pty: the reader sees a hang-up, as on a pulled USB cable."""
        plug, self._plug = self._plug, None
        if not plug:
            return
        plug.stop.set()
        if plug.thread:
            plug.thread.join(5)
        if self.link:
            self.link.unlink(missing_ok=True)
        for fd in (plug.master, plug.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    # ---- controls ----
    def place(self, card: CardData, wlt: bytes | None = None, new_address: str = "") -> None:
        """Put a card on the reader."""
        text = fields.encode_text(card)
        with self._lock:
            self._card = _Card(card, text, fake_wlt(card) if wlt is None else wlt, new_address)

    def remove(self) -> None:
        with self._lock:
            self._card = None

    @property
    def card_present(self) -> bool:
        return self._card is not None

    def answer_with(self, sw3: int, command: tuple[int, int] | None = None, times: int | None = 1) -> None:
        """Answer `command` (or the next command) with status `sw3` and no data."""
        self._add(_Fault("status", command, sw3, times))

    def truncate_next(self, command: tuple[int, int] | None = codec.READ_BASE, keep: int = 100,
                      times: int | None = 1) -> None:
        """Send only the first `keep` bytes of the answer; the card stays."""
        self._add(_Fault("truncate", command, keep, times))

    def corrupt_next(self, command: tuple[int, int] | None = codec.READ_BASE, times: int | None = 1) -> None:
        """Send the answer with a wrong checksum byte."""
        self._add(_Fault("corrupt", command, 0, times))

    def garbage_next(self, noise: bytes, command: tuple[int, int] | None = None, times: int | None = 1) -> None:
        """Put `noise` on the line just before the answer."""
        self._add(_Fault("garbage", command, noise, times))

    def pull_mid_frame(self, after: int = 300) -> None:
        """The resident lifts the card while the base info is being sent: cut after `after` bytes."""
        self._add(_Fault("pull", codec.READ_BASE, after, 1))

    def silence(self, on: bool = True) -> None:
        """Read commands but answer nothing (a hung reader)."""
        self._silent = on

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _add(self, fault: _Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    # ---- serving ----
    def _serve(self, plug: _Plug) -> None:
        parser = codec.FrameParser()
        while not plug.stop.is_set():
            ready, _, _ = select.select([plug.master], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(plug.master, 4096)
            except OSError:
                return
            for item in parser.feed(data):
                if self._silent:
                    continue
                if isinstance(item, codec.CorruptFrame):
                    self._write(plug, codec.encode_response(codec.Status.CHECKSUM_ERROR))
                    continue
                try:
                    request = item.as_request()
                except ValueError:
                    self._write(plug, codec.encode_response(codec.Status.LENGTH_ERROR))
                    continue
                self.requests.append(request.command)
                self._write(plug, self._answer(request.command))

    def _answer(self, command: tuple[int, int]) -> bytes:
        with self._lock:
            fault = next((f for f in self._faults if f.command in (None, command)), None)
            if fault is not None and fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
            if fault is not None and fault.kind == "status":
                return codec.encode_response(int(fault.value))
            frame = self._normal_answer(command)
            if fault is None:
                return frame
            if fault.kind in ("truncate", "pull"):
                if fault.kind == "pull":
                    self._card = None
                return frame[: int(fault.value)]
            if fault.kind == "corrupt":
                return frame[:-1] + bytes([frame[-1] ^ 0x5A])
            return bytes(fault.value) + frame  # garbage

    def _normal_answer(self, command: tuple[int, int]) -> bytes:
        card = self._card
        S = codec.Status
        if command in (codec.SAM_STATUS, codec.RESET):
            return codec.encode_response(S.SUCCESS)
        if command == codec.SAM_ID:
            return codec.encode_response(S.SUCCESS, SAM_SERIAL)
        if command == codec.FIND_CARD:
            return codec.encode_response(S.FIND_OK, b"\x00" * 4) if card else codec.encode_response(S.FIND_FAILED)
        if command == codec.SELECT_CARD:
            if not card:
                return codec.encode_response(S.SELECT_FAILED)
            card.selected = True
            return codec.encode_response(S.SUCCESS, b"\x00" * 8)
        if command == codec.READ_BASE:
            if not (card and card.selected):
                return codec.encode_response(S.READ_FAILED)
            return codec.encode_response(S.SUCCESS, fields.encode_base_info(card.text, card.wlt))
        if command == codec.READ_NEW_ADDRESS:
            if not (card and card.selected):
                return codec.encode_response(S.READ_FAILED)
            if not card.new_address:
                return codec.encode_response(S.NO_CONTENT)
            return codec.encode_response(S.SUCCESS, fields.pad_text(card.new_address, 70, "new_address"))
        return codec.encode_response(S.COMMAND_ERROR)

    def _write(self, plug: _Plug, data: bytes) -> None:
        """Write all of `data`, paced at `baud` if set; drop it if nobody reads for a second."""
        chunk = 64 if self.baud else len(data) or 1
        for start in range(0, len(data), chunk):
            part = data[start:start + chunk]
            while part:
                _, ready, _ = select.select([], [plug.master], [], 1.0)
                if not ready or plug.stop.is_set():
                    return
                try:
                    n = os.write(plug.master, part)
                except OSError as e:
                    if e.errno == errno.EAGAIN:
                        continue
                    return
                part = part[n:]
            if self.baud:
                time.sleep(len(data[start:start + chunk]) * 10 / self.baud)
