"""A virtual smart card for vsmartcard's vpcd reader driver, carrying the identity applet.

vpcd is a PC/SC reader driver loaded by pcscd; it listens on a TCP port (35963
by default, `CHANNELID` in /etc/reader.conf.d/vpcd) and a virtual card
"is inserted" by connecting to it.  Every message either way is a 2-byte
big-endian length and a payload.  From vpcd, a 1-byte payload is a control
command (00 power off, 01 power on, 02 reset: no answer; 04 get ATR: answered
with the ATR) and a longer payload is a command APDU answered with its
response APDU.  vpcd asks for the ATR about every 400 ms to see whether the
card is still there; closing the connection takes the card out.

A staff card (`StaffCardApplet`) has no identity applet and answers GET DATA with its UID.
We write our own card instead of using Debian's `vicc` (broken in bookworm)
and to inject faults: `pull_on_ins` drops the connection when a chosen
instruction arrives, as when a card is pulled away in the middle of a read.
Used by tests, the PC/SC benchmark and demos (`python -m devices.simulated.vpcd_card`).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import socket
import struct
import threading
import time
from collections.abc import Mapping
from typing import Self

from devices.card import identity_applet as profile
from devices.card.identity_applet import CommandApdu, ProfileError
from kiosk.identity import CardData

VPCD_PORT = 35963
_QUICKACK = getattr(socket, "TCP_QUICKACK", None)  # Linux only
CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0x00, 0x01, 0x02, 0x04


def make_atr(historical: bytes = b"WAYSTN01") -> bytes:
    """An ATR indicating T=0 and T=1 (pcscd then picks T=1), `historical` bytes and the TCK check byte."""
    body = bytes([0x80 | len(historical), 0x80, 0x01]) + historical  # T0, TD1 (T=0), TD2 (T=1)
    tck = 0
    for byte in body:
        tck ^= byte
    return bytes([0x3B]) + body + bytes([tck])


DEFAULT_ATR = make_atr()


class IdentityCardApplet:
    """The card side of the identity applet (see devices/card/identity_applet.py)."""

    def __init__(self, records: Mapping[int, bytes] | None = None, aid: bytes = profile.AID) -> None:
        self.records = dict(records or {})
        self.aid = aid
        self.selected = False
        self._pending = b""  # the rest of a long answer, for GET RESPONSE

    @classmethod
    def for_card(cls, card: CardData) -> IdentityCardApplet:
        return cls({profile.HOLDER_RECORD: profile.encode_holder(card)})

    def reset(self) -> None:
        self.selected = False
        self._pending = b""

    def process(self, raw: bytes) -> bytes:
        """Answer one command APDU with a response APDU (data + SW1 SW2); never raises."""
        try:
            apdu = CommandApdu.parse(raw)
        except ProfileError:
            return bytes(profile.SW_WRONG_LENGTH)
        if apdu.cla != 0x00:
            return bytes(profile.SW_BAD_CLA)
        if apdu.ins != profile.INS_GET_RESPONSE:
            self._pending = b""  # any other command ends a chained answer
        if apdu.ins == profile.INS_SELECT:
            return self._select(apdu)
        if apdu.ins == profile.INS_READ_RECORD:
            return self._read_record(apdu)
        if apdu.ins == profile.INS_GET_RESPONSE:
            if not self._pending:
                return bytes(profile.SW_NOT_SELECTED)
            data, self._pending = self._pending, b""
            return self._answer(data, apdu.le or 256)
        return bytes(profile.SW_BAD_INS)

    def _select(self, apdu: CommandApdu) -> bytes:
        if apdu.p1 != 0x04 or apdu.p2 not in (0x00, 0x0C):
            return bytes(profile.SW_WRONG_P1P2)
        if apdu.data != self.aid:
            self.selected = False
            return bytes(profile.SW_NOT_FOUND)
        self.selected = True
        if apdu.p2 == 0x0C:  # "no response data" requested
            return bytes(profile.SW_OK)
        fci = profile.encode_tlv(0x6F, profile.encode_tlv(0x84, self.aid))
        return self._answer(fci, apdu.le or 256)

    def _read_record(self, apdu: CommandApdu) -> bytes:
        if not self.selected:
            return bytes(profile.SW_NOT_SELECTED)
        if apdu.p2 & 0x07 != 0x04:  # only "record number in P1" is supported
            return bytes(profile.SW_WRONG_P1P2)
        if apdu.p2 >> 3 != profile.HOLDER_SFI:
            return bytes(profile.SW_NOT_FOUND)
        record = self.records.get(apdu.p1)
        if record is None:
            return bytes(profile.SW_NO_RECORD)
        if apdu.le is not None and apdu.le < min(len(record), 256):
            return bytes([0x6C, min(len(record), 256) & 0xFF])  # wrong Le: tell the exact length
        return self._answer(record, apdu.le or 256)

    def _answer(self, data: bytes, le: int) -> bytes:
        """Up to `le` bytes now; if more remain, SW 61 xx and keep them for GET RESPONSE."""
        chunk, rest = data[:le], data[le:]
        if rest:
            self._pending = rest
            return chunk + bytes([0x61, min(len(rest), 256) & 0xFF])
        return chunk + bytes(profile.SW_OK)


class EndlessChainApplet(IdentityCardApplet):
    """A broken (or hostile) card: the holder record is "61 xx, more to come" with no data, forever.

    READ RECORD and every GET RESPONSE after it answer 61 10 and nothing else,
    so a reader that follows the chain without a bound never returns.
    """

    def process(self, raw: bytes) -> bytes:
        try:
            apdu = CommandApdu.parse(raw)
        except ProfileError:
            return bytes(profile.SW_WRONG_LENGTH)
        if self.selected and apdu.cla == 0x00 and apdu.ins in (profile.INS_READ_RECORD, profile.INS_GET_RESPONSE):
            return bytes([0x61, 0x10])
        return super().process(raw)


class StaffCardApplet:
    """A helper's staff card: no identity applet, only its UID, answered to GET DATA (FF CA 00 00 00)
    as a contactless reader answers it for any card (devices/card/staff_card.py)."""

    def __init__(self, uid: bytes) -> None:
        self.uid = bytes(uid)

    @classmethod
    def from_hex(cls, uid: str) -> StaffCardApplet:
        return cls(bytes.fromhex(uid))

    def reset(self) -> None:
        pass

    def process(self, raw: bytes) -> bytes:
        if raw[:4] == bytes.fromhex("FFCA0000"):  # GET DATA, P1 00: the UID
            le = raw[4] if len(raw) == 5 else 0
            if le and le < len(self.uid):
                return bytes([0x6C, len(self.uid)])
            return self.uid + bytes(profile.SW_OK)
        if len(raw) >= 4 and raw[1] == profile.INS_SELECT:
            return bytes(profile.SW_NOT_FOUND)  # no identity applet on this card
        return bytes(profile.SW_BAD_INS)


class VpcdCard:
    """A card placed on (connected to) a vpcd reader slot; serves on its own thread."""

    def __init__(self, applet: IdentityCardApplet | StaffCardApplet, port: int = VPCD_PORT, host: str = "127.0.0.1",
                 atr: bytes = DEFAULT_ATR, pull_on_ins: int | None = None) -> None:
        self.applet = applet
        self.port = port
        self.host = host
        self.atr = atr
        self.pull_on_ins = pull_on_ins
        self.commands: list[bytes] = []  # command APDUs received (they hold no personal data)
        self._inserted = threading.Event()
        self._connected = threading.Event()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    @property
    def inserted(self) -> bool:
        return self._inserted.is_set()

    def insert(self, wait: float | None = 5.0) -> None:
        """Put the card on the reader; keeps reconnecting (e.g. after a pcscd restart) until removed.

        With `wait`, block until vpcd's port accepted the connection or raise TimeoutError.
        """
        if self._inserted.is_set():
            return
        self._inserted.set()
        self._thread = threading.Thread(target=self._run, name=f"vpcd-card:{self.port}", daemon=True)
        self._thread.start()
        if wait is not None and not self._connected.wait(wait):
            self.remove()
            raise TimeoutError(f"vpcd did not accept a card on {self.host}:{self.port}")

    def remove(self) -> None:
        """Take the card away (close the connection); safe to call twice."""
        self._inserted.clear()
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            _close(sock)
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(5)

    def __enter__(self) -> Self:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _run(self) -> None:
        while self._inserted.is_set():
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
            except OSError:
                time.sleep(0.1)  # no reader yet (pcscd not running): try again
                continue
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                if not self._inserted.is_set():
                    _close(sock)
                    return
                self._sock = sock
            self._connected.set()
            try:
                self._serve(sock)
            except (OSError, EOFError):
                pass  # vpcd went away (pcscd stopped) or we were removed
            finally:
                self._connected.clear()
                with self._lock:
                    if self._sock is sock:
                        self._sock = None
                _close(sock)
            if self._inserted.is_set():
                time.sleep(0.1)  # vpcd went away: give pcscd a moment before reconnecting

    def _serve(self, sock: socket.socket) -> None:
        while True:
            (length,) = struct.unpack(">H", _recv_exact(sock, 2))
            payload = _recv_exact(sock, length)
            if length == 1:
                self._control(sock, payload[0])
                continue
            if length == 0:
                continue  # nothing to answer
            self.commands.append(payload)  # 2-3 bytes is a malformed APDU: still answered (67 00)
            if self.pull_on_ins is not None and payload[1] == self.pull_on_ins:
                self._inserted.clear()  # the card is pulled away mid-command
                return
            _send(sock, self.applet.process(payload))

    def _control(self, sock: socket.socket, command: int) -> None:
        if command in (CTRL_OFF, CTRL_ON, CTRL_RESET):
            self.applet.reset()
        elif command == CTRL_ATR:
            _send(sock, self.atr)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        # vpcd writes the length and the message in two send() calls.  With Nagle on its
        # side and delayed ACKs on ours, the message would wait ~40 ms for our ACK of the
        # length: ask Linux to ACK at once (the flag does not stick, so set it every time).
        if _QUICKACK is not None:
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("vpcd closed the connection")
        data += chunk
    return data


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack(">H", len(payload)) + payload)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


def main(argv: list[str] | None = None) -> None:
    """Demo: put a fictional resident's card on a vpcd reader until Ctrl-C."""
    from kiosk import id_number

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=VPCD_PORT)
    args = parser.parse_args(argv)
    born = _dt.date(1958, 3, 9)
    card = CardData(name="王建国", sex="M", ethnicity="汉", birth_date=born,
                    address="北京市西城区示例街1号", id_number=id_number.make("110102", born, 15),
                    authority="北京市公安局西城分局", valid_from=_dt.date(2018, 1, 1), valid_until=None)
    with VpcdCard(IdentityCardApplet.for_card(card), port=args.port, host=args.host):
        print(f"card inserted on {args.host}:{args.port}; Ctrl-C removes it")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
