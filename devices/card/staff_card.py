"""Staff cards: a helper's card is known by its UID, read with PC/SC's GET DATA.

`FF CA 00 00 00` (PC/SC part 3, GET DATA: UID) is answered by the reader itself for a contactless
card (the card's ISO 14443 UID), or by a card that implements it.  A staff card has no Waystation
identity applet: the PC/SC reader asks for the UID only after the identity applet was not found,
and hands it on with the "not an identity card" error (CardEvent.uid); the kiosk then looks it up
in the roster (kiosk/roster.py, by a keyed hash).  A resident's other cards (a bank card) get the
same error and their UID is simply not found.  Blocking: on a device thread only.
"""

from __future__ import annotations

from kiosk import messages

GET_UID = bytes.fromhex("FFCA000000")
NOT_IDENTITY_CARD = "card.not_identity_card"  # what the simulated reader says for a staff card

messages.register({
    NOT_IDENTITY_CARD: {
        "zh_CN": "这张卡不是身份证件，请换一张卡或使用身份证。",
        "en": "This is not an identity card. Please use another card or your ID card.",
    },
    "staffcard.none": {"zh_CN": "读卡器上没有卡片。", "en": "No card was laid on the reader."},
    "staffcard.no_uid": {
        "zh_CN": "这张卡（或这台读卡器）不提供卡号，不能作为工作人员卡。",
        "en": "This card (or this reader) gives no card UID: it cannot be a staff card.",
    },
})
UID_LENGTHS = range(4, 33)  # 4, 7 or 10 bytes for ISO 14443; longer for a card that answers with a fingerprint


def uid_from_answer(data: bytes, sw1: int, sw2: int) -> str | None:
    """The UID as upper-case hex from GET DATA's answer, or None when the card or reader has none."""
    if (sw1, sw2) != (0x90, 0x00) or len(data) not in UID_LENGTHS:
        return None
    return data.hex().upper()


def read_uid(channel) -> str | None:
    """Ask the card on `channel` (devices.card.pcsc_channel.CardChannel) for its UID; None if it has none."""
    from kiosk.errors import CardReaderError

    try:
        data, sw1, sw2 = channel.transmit(GET_UID)
    except CardReaderError:
        return None
    return uid_from_answer(data, sw1, sw2)


def wait_for_uid(reader: str | None = None, timeout: float = 30.0, poll: float = 0.2) -> str:
    """The UID of the card laid on the PC/SC `reader` (a name or its start; None: the first reader) within
    `timeout` seconds, for `waystation helpers card --from-reader`.  CardReaderError says what went wrong."""
    import time

    from devices.card.pcsc_channel import CardChannel, card_present, establish_context, list_readers
    from kiosk.errors import CardReaderError
    from smartcard import scard

    context = establish_context()
    try:
        readers = list_readers(context)
        name = next((r for r in readers if reader is None or r == reader or r.startswith(reader)), None)
        if name is None:
            raise CardReaderError("pcsc.reader_missing", detail=str(reader))
        deadline = time.monotonic() + timeout
        while not card_present(context, name):
            if time.monotonic() > deadline:
                raise CardReaderError("staffcard.none", detail=f"no card on {name} within {timeout:g} s")
            time.sleep(poll)
        with CardChannel(name, context) as channel:
            uid = read_uid(channel)
        if uid is None:
            raise CardReaderError("staffcard.no_uid", detail=name)
        return uid
    finally:
        scard.SCardReleaseContext(context)
