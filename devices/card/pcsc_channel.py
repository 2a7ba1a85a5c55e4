"""Talking to a card over PC/SC (pyscard): the APDU channel, error mapping, the identity read.

`CardChannel.transmit(apdu) -> (data, sw1, sw2)` is the APDU exchange helper
for the identity applet (devices/card/identity_applet.py) and later ones (staff
cards); `read_identity` reads a resident's CardData with it.  PC/SC failures
become CardReaderError with a code whose text (zh_CN and en, registered here)
tells the resident what to do.  Everything here blocks: call it from a device
thread (devices/card/pcsc_reader.py), never from the GUI thread.
"""

from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Sequence
from typing import Self

from smartcard import scard

from devices.card import identity_applet as profile
from devices.card.checks import checked_card
from kiosk import messages
from kiosk.errors import CardReaderError
from kiosk.identity import CardData

messages.register({
    "pcsc.no_service": {
        "zh_CN": "读卡服务没有运行，请联系工作人员。",
        "en": "The card reader service is not running. Please ask a helper.",
    },
    "pcsc.reader_missing": {
        "zh_CN": "没有找到读卡器，请联系工作人员检查连接。",
        "en": "The card reader is not connected. Please ask a helper to check it.",
    },
    "pcsc.card_removed": {
        "zh_CN": "卡片在读取时被拿开了，请把卡片放回读卡器，读完前不要移动。",
        "en": "The card was taken away while it was being read. Please place it again and keep it still.",
    },
    "pcsc.card_unresponsive": {
        "zh_CN": "卡片没有响应，请取下后重新放置。",
        "en": "The card does not respond. Please take it off and place it again.",
    },
    "pcsc.reader_busy": {
        "zh_CN": "读卡器正被其他程序占用，请联系工作人员。",
        "en": "The card reader is in use by another program. Please ask a helper.",
    },
    "pcsc.not_identity_card": {
        "zh_CN": "这张卡不是驿站身份卡，请换一张卡或使用身份证。",
        "en": "This is not a Waystation identity card. Please use another card or your ID card.",
    },
    "pcsc.bad_data": {
        "zh_CN": "卡片上的资料不完整或已损坏，请联系工作人员。",
        "en": "The data on this card is incomplete or damaged. Please ask a helper.",
    },
    "pcsc.read_failed": {
        "zh_CN": "卡片没有把资料读完，请取下卡片后重新放置；仍不行请联系工作人员。",
        "en": "The card did not hand over all its details. Please take it off and place it again; "
              "if it still fails, ask a helper.",
    },
    "pcsc.card_status": {
        "zh_CN": "读卡失败（卡片返回 {sw}），请重新放置卡片。",
        "en": "The card could not be read (the card answered {sw}). Please place it again.",
    },
})

_U32 = 0xFFFFFFFF


def code_of(hresult: int) -> int:
    """An HRESULT as an unsigned 32-bit number: pyscard may hand back signed or unsigned values."""
    return hresult & _U32


SERVICE_GONE = {code_of(c) for c in (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED,
                                     scard.SCARD_E_INVALID_HANDLE, scard.SCARD_F_COMM_ERROR)}
READER_GONE = {code_of(c) for c in (scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE,
                                    scard.SCARD_E_NO_READERS_AVAILABLE)}
CARD_GONE = {code_of(c) for c in (scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD)}
CARD_MUTE = {code_of(c) for c in (scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD,
                                  scard.SCARD_E_PROTO_MISMATCH, scard.SCARD_W_UNSUPPORTED_CARD)}
OK, TIMEOUT, CANCELLED = (code_of(c) for c in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT,
                                               scard.SCARD_E_CANCELLED))
_MAX_ANSWER = 64 * 1024  # never chain GET RESPONSE beyond this: a broken card must not loop us
# Nor more rounds than it takes to fetch _MAX_ANSWER in full 256-byte parts: a card answering
# "61 xx" with little or no data would otherwise keep the reader thread busy for ever.
MAX_GET_RESPONSE_ROUNDS = _MAX_ANSWER // 256


def detail_of(hresult: int) -> str:
    """Code and pcsc-lite's text, for logs and helpers (never shown as the resident's message)."""
    return f"0x{code_of(hresult):08X} {scard.SCardGetErrorMessage(hresult)}"


def error_for(hresult: int) -> CardReaderError:
    """The error a person sees for a failed PC/SC call."""
    code = code_of(hresult)
    if code in SERVICE_GONE:
        name = "pcsc.no_service"
    elif code in READER_GONE:
        name = "pcsc.reader_missing"
    elif code in CARD_GONE:
        name = "pcsc.card_removed"
    elif code in CARD_MUTE:
        name = "pcsc.card_unresponsive"
    elif code == code_of(scard.SCARD_E_SHARING_VIOLATION):
        name = "pcsc.reader_busy"
    else:
        name = "card.read_failed"
    return CardReaderError(name, detail=detail_of(hresult))


def establish_context() -> int:
    """A PC/SC context (one per thread); CardReaderError pcsc.no_service when pcscd is down."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if code_of(hresult) != OK:
        raise error_for(hresult)
    return context


def list_readers(context: int | None = None) -> list[str]:
    """Names of the readers pcscd offers now; raises CardReaderError if pcscd is not reachable."""
    own = context is None
    context = establish_context() if own else context
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        if code_of(hresult) == code_of(scard.SCARD_E_NO_READERS_AVAILABLE):
            return []
        if code_of(hresult) != OK:
            raise error_for(hresult)
        return list(readers)
    finally:
        if own:
            scard.SCardReleaseContext(context)


def card_present(context: int, reader: str) -> bool | None:
    """Whether a card is on `reader` now; None if pcscd cannot tell."""
    hresult, states = scard.SCardGetStatusChange(context, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
    if code_of(hresult) != OK or not states:
        return None
    return bool(states[0][1] & scard.SCARD_STATE_PRESENT)


class CardChannel:
    """A shared connection to the card in `reader`, for exchanging APDUs.

    Blocking: use it on a device thread, never on the GUI thread.  Uses its own
    PC/SC context unless one is given (a context serves one thread at a time).
    """

    def __init__(self, reader: str, context: int | None = None) -> None:
        self.reader = reader
        self._own_context = context is None
        self._context = establish_context() if context is None else context
        hresult, self._handle, self._protocol = scard.SCardConnect(
            self._context, reader, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
        if code_of(hresult) != OK:
            self._handle = None
            self._release_context()
            raise error_for(hresult)

    def transmit(self, apdu: bytes | Sequence[int], follow: bool = True) -> tuple[bytes, int, int]:
        """Send one command APDU; return (data, SW1, SW2).

        With `follow`, a 6C xx answer (wrong Le) is resent with Le = xx and 61 xx
        answers are collected with GET RESPONSE, so `data` is the whole answer.  A card
        still saying 61 xx after MAX_GET_RESPONSE_ROUNDS rounds or _MAX_ANSWER bytes is
        broken: CardReaderError pcsc.read_failed, never an endless loop.
        """
        apdu = bytes(apdu)
        data, sw1, sw2 = self._exchange(apdu)
        if not follow:
            return data, sw1, sw2
        if sw1 == 0x6C:
            try:
                command = profile.CommandApdu.parse(apdu)
            except profile.ProfileError:
                return data, sw1, sw2
            retry = profile.CommandApdu(command.cla, command.ins, command.p1, command.p2,
                                        command.data, le=sw2 or 256)
            data, sw1, sw2 = self._exchange(retry.to_bytes())
        rounds = 0
        while sw1 == 0x61:
            if rounds >= MAX_GET_RESPONSE_ROUNDS or len(data) >= _MAX_ANSWER:
                raise CardReaderError("pcsc.read_failed",
                                      detail=f"still 61{sw2:02X} after {rounds} GET RESPONSE, {len(data)} bytes")
            more, sw1, sw2 = self._exchange(profile.get_response(sw2))
            data += more
            rounds += 1
        return data, sw1, sw2

    def _exchange(self, apdu: bytes) -> tuple[bytes, int, int]:
        hresult, response = scard.SCardTransmit(self._handle, self._protocol, list(apdu))
        if code_of(hresult) != OK:
            raise self._failure(error_for(hresult))
        if len(response) < 2:  # vpcd, for one, answers "nothing" when the card vanished mid-command
            raise self._failure(CardReaderError("card.read_failed", detail="answer without status word"))
        return bytes(response[:-2]), response[-2], response[-1]

    def _failure(self, error: CardReaderError) -> CardReaderError:
        """A failed exchange: if the card is gone within a moment, it was pulled away mid-read."""
        if error.code not in ("card.read_failed", "pcsc.no_service"):
            return error
        deadline = time.monotonic() + 1.5  # pcscd polls card presence every 400 ms
        while time.monotonic() < deadline:
            if card_present(self._context, self.reader) is False:
                return CardReaderError("pcsc.card_removed", detail=error.detail)
            time.sleep(0.1)
        return error

    def close(self) -> None:
        if self._handle is not None:
            scard.SCardDisconnect(self._handle, scard.SCARD_LEAVE_CARD)
            self._handle = None
        self._release_context()

    def _release_context(self) -> None:
        if self._own_context and self._context is not None:
            scard.SCardReleaseContext(self._context)
        self._context = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_identity(channel: CardChannel, aid: bytes = profile.AID) -> CardData:
    """Select the identity applet and read the holder record; errors are CardReaderError."""
    _, sw1, sw2 = channel.transmit(profile.select_aid(aid))
    if sw1 == 0x6A or (sw1, sw2) in (profile.SW_BAD_INS, profile.SW_BAD_CLA):
        raise CardReaderError("pcsc.not_identity_card", detail=f"SELECT answered {sw1:02X}{sw2:02X}")
    if (sw1, sw2) != profile.SW_OK:
        raise CardReaderError("pcsc.card_status", detail="SELECT", sw=f"{sw1:02X}{sw2:02X}")
    record, sw1, sw2 = channel.transmit(profile.read_record())
    if (sw1, sw2) in (profile.SW_NO_RECORD, profile.SW_NOT_FOUND):
        raise CardReaderError("pcsc.bad_data", detail="holder record missing")
    if (sw1, sw2) != profile.SW_OK:
        raise CardReaderError("pcsc.card_status", detail="READ RECORD", sw=f"{sw1:02X}{sw2:02X}")
    return holder_card(record)


def holder_card(record: bytes, today: _dt.date | None = None) -> CardData:
    """The CardData a holder record carries, through the checks every reader shares.

    A record that does not follow the profile is pcsc.bad_data; a sound record whose
    contents are not (number, birth date or sex against it, control or bidi characters)
    gets the same card.bad_data / card.id_invalid a GA 467 read of such a card gets.
    """
    try:
        card = profile.decode_holder(record)
    except profile.ProfileError as exc:
        raise CardReaderError("pcsc.bad_data", detail=str(exc)) from None
    return checked_card(card, today)
