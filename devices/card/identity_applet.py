"""The Waystation identity applet: the small card profile read over PC/SC.

Smart cards issued for Waystation (residents' identity cards today, staff cards
later) carry one applet, spoken to with plain ISO 7816-4 short APDUs (CLA 00):

    SELECT by name   00 A4 04 00 08 F0 57 41 59 53 54 4E 01 00
                     -> FCI template 6F { 84 <AID> }, SW 90 00
    READ RECORD      00 B2 01 0C 00   (record 1 of the EF with SFI 1)
                     -> the holder record; SW 90 00, or 61 xx when more than
                        256 bytes remain (fetch them with GET RESPONSE)
    GET RESPONSE     00 C0 00 00 xx   -> the next part of a long answer

The AID is F0 (a proprietary, unregistered AID, ISO 7816-5) + "WAYSTN" + 01
(profile version 1).  Status words the card uses: 90 00 success, 61 xx more
data, 6C xx wrong Le (resend with Le = xx), 67 00 wrong length, 69 85 no applet
selected, 6A 82 applet or file not found, 6A 83 no such record, 6A 86 wrong
P1-P2, 6D 00 unknown instruction, 6E 00 unknown class.

The holder record is BER-TLV: one template 70 holding these primitive fields
(tags from ICAO 9303 DG11/DG12 and ISO 7816-6 where they exist, private DFxx
tags otherwise).  Text is UTF-8, dates are eight ASCII digits YYYYMMDD.

    tag   field            required  value
    5F0E  name             yes       full name in national characters
    5F35  sex              yes       "M" or "F"
    5F2B  birth date       yes       YYYYMMDD
    5F10  ID number        yes       18 characters (GB 11643)
    5F26  valid from       yes       YYYYMMDD
    59    valid until      yes       YYYYMMDD, or "LONG" for a long-term card
    DF01  ethnicity        no        text, e.g. 汉
    5F42  address          no        text
    5F19  issuing body     no        text
    DF02  card kind        no        resident | foreign_permanent | hk_mo_tw_residence
    DF03  English name     no        text (foreign permanent residents)
    DF04  nationality      no        ISO 3166-1 alpha-3

Unknown tags are skipped (newer cards may add fields); a repeated tag is an
error.  This module is pure data handling: no PC/SC, no sockets, so both the
driver (devices/card/pcsc_reader.py) and the card emulator (devices/simulated/vpcd_card.py)
use it, and it can be property-tested on its own.  Error details name tags,
never values: the values are personal data.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from kiosk.identity import CardData, CardKind

AID = bytes.fromhex("F057415953544E01")  # F0 + "WAYSTN" + 01
HOLDER_SFI = 1
HOLDER_RECORD = 1
LONG_TERM = "LONG"

# Instructions and status words of the profile.
INS_SELECT, INS_READ_RECORD, INS_GET_RESPONSE = 0xA4, 0xB2, 0xC0
SW_OK = (0x90, 0x00)
SW_WRONG_LENGTH = (0x67, 0x00)
SW_NOT_SELECTED = (0x69, 0x85)
SW_NOT_FOUND = (0x6A, 0x82)
SW_NO_RECORD = (0x6A, 0x83)
SW_WRONG_P1P2 = (0x6A, 0x86)
SW_BAD_INS = (0x6D, 0x00)
SW_BAD_CLA = (0x6E, 0x00)

TEMPLATE = 0x70
TAG_NAME, TAG_SEX, TAG_BIRTH, TAG_ID = 0x5F0E, 0x5F35, 0x5F2B, 0x5F10
TAG_VALID_FROM, TAG_VALID_UNTIL = 0x5F26, 0x59
TAG_ETHNICITY, TAG_ADDRESS, TAG_AUTHORITY = 0xDF01, 0x5F42, 0x5F19
TAG_KIND, TAG_ENGLISH_NAME, TAG_NATIONALITY = 0xDF02, 0xDF03, 0xDF04
REQUIRED = (TAG_NAME, TAG_SEX, TAG_BIRTH, TAG_ID, TAG_VALID_FROM, TAG_VALID_UNTIL)


class ProfileError(ValueError):
    """Bytes that do not follow the profile; the message names tags, never values."""


# --- BER-TLV -----------------------------------------------------------------

def _read_tag(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise ProfileError("tag missing")
    first = data[pos]
    tag, pos = first, pos + 1
    if first & 0x1F == 0x1F:  # multi-byte tag: more bytes while bit 8 is set
        while True:
            if pos >= len(data):
                raise ProfileError("tag truncated")
            byte = data[pos]
            tag, pos = (tag << 8) | byte, pos + 1
            if not byte & 0x80:
                break
            if tag > 0xFFFFFF:
                raise ProfileError("tag longer than 3 bytes")
    return tag, pos


def _read_length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise ProfileError("length missing")
    first = data[pos]
    pos += 1
    if first < 0x80:
        return first, pos
    count = first & 0x7F
    if count == 0 or count > 3:  # indefinite form is not allowed in a record
        raise ProfileError(f"unsupported length form {first:02X}")
    if pos + count > len(data):
        raise ProfileError("length truncated")
    return int.from_bytes(data[pos:pos + count], "big"), pos + count


def parse_tlv(data: bytes) -> list[tuple[int, bytes]]:
    """Split `data` into (tag, value) pairs at one level; padding 00/FF between objects is skipped."""
    items: list[tuple[int, bytes]] = []
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF):  # ISO 7816-4 allows these as filler
            pos += 1
            continue
        tag, pos = _read_tag(data, pos)
        length, pos = _read_length(data, pos)
        if pos + length > len(data):
            raise ProfileError(f"value of tag {tag:X} truncated")
        items.append((tag, data[pos:pos + length]))
        pos += length
    return items


def _tag_bytes(tag: int) -> bytes:
    return tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")


def encode_tlv(tag: int, value: bytes) -> bytes:
    """One BER-TLV object with the shortest length form."""
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    elif n <= 0xFFFF:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    else:
        raise ProfileError("value longer than 65535 bytes")
    return _tag_bytes(tag) + length + value


# --- the holder record ---------------------------------------------------------

def _date(value: _dt.date) -> bytes:
    return f"{value.year:04d}{value.month:02d}{value.day:02d}".encode("ascii")


def encode_holder(card: CardData) -> bytes:
    """The holder record for `card` (used to issue cards and by the emulator)."""
    fields = [
        (TAG_NAME, card.name.encode()), (TAG_SEX, card.sex.encode()),
        (TAG_BIRTH, _date(card.birth_date)), (TAG_ID, card.id_number.encode()),
        (TAG_VALID_FROM, _date(card.valid_from)),
        (TAG_VALID_UNTIL, _date(card.valid_until) if card.valid_until else LONG_TERM.encode()),
        (TAG_ETHNICITY, card.ethnicity.encode()), (TAG_ADDRESS, card.address.encode()),
        (TAG_AUTHORITY, card.authority.encode()), (TAG_KIND, card.kind.value.encode()),
    ]
    if card.english_name:
        fields.append((TAG_ENGLISH_NAME, card.english_name.encode()))
    if card.nationality:
        fields.append((TAG_NATIONALITY, card.nationality.encode()))
    return encode_tlv(TEMPLATE, b"".join(encode_tlv(tag, value) for tag, value in fields))


def _text(fields: dict[int, bytes], tag: int) -> str:
    try:
        return fields.get(tag, b"").decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(f"tag {tag:X} is not UTF-8") from None


def _parse_date(fields: dict[int, bytes], tag: int) -> _dt.date:
    raw = _text(fields, tag)
    if len(raw) != 8 or not (raw.isascii() and raw.isdigit()):
        raise ProfileError(f"tag {tag:X} is not a YYYYMMDD date")
    try:
        return _dt.date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        raise ProfileError(f"tag {tag:X} is not a real date") from None


def decode_holder(record: bytes) -> CardData:
    """Parse a holder record into CardData, or raise ProfileError saying which tag is wrong."""
    outer = parse_tlv(record)
    if len(outer) != 1 or outer[0][0] != TEMPLATE:
        raise ProfileError("record is not one template 70")
    fields: dict[int, bytes] = {}
    for tag, value in parse_tlv(outer[0][1]):
        if tag in fields:
            raise ProfileError(f"tag {tag:X} repeated")
        fields[tag] = value
    missing = [f"{tag:X}" for tag in REQUIRED if tag not in fields]
    if missing:
        raise ProfileError("required tags missing: " + " ".join(missing))
    # Kept as the card holds them: devices/card/checks.py normalises and checks every reader's fields alike.
    name = _text(fields, TAG_NAME)
    if not name.strip():
        raise ProfileError(f"tag {TAG_NAME:X} is empty")
    sex = _text(fields, TAG_SEX)
    if sex not in ("M", "F"):
        raise ProfileError(f"tag {TAG_SEX:X} is not M or F")
    until_raw = _text(fields, TAG_VALID_UNTIL)
    kind_raw = _text(fields, TAG_KIND) or CardKind.RESIDENT.value
    try:
        kind = CardKind(kind_raw)
    except ValueError:
        raise ProfileError(f"tag {TAG_KIND:X} names no known card kind") from None
    return CardData(
        name=name, sex=sex, ethnicity=_text(fields, TAG_ETHNICITY),
        birth_date=_parse_date(fields, TAG_BIRTH), address=_text(fields, TAG_ADDRESS),
        id_number=_text(fields, TAG_ID), authority=_text(fields, TAG_AUTHORITY),
        valid_from=_parse_date(fields, TAG_VALID_FROM),
        valid_until=None if until_raw == LONG_TERM else _parse_date(fields, TAG_VALID_UNTIL),
        kind=kind, english_name=_text(fields, TAG_ENGLISH_NAME),
        nationality=_text(fields, TAG_NATIONALITY),
    )


# --- command APDUs -----------------------------------------------------------------

@dataclass(frozen=True)
class CommandApdu:
    """A short command APDU (ISO 7816-4 cases 1-4); `le` 1..256, None when no answer data is expected."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes = b""
    le: int | None = None

    def to_bytes(self) -> bytes:
        out = bytes([self.cla, self.ins, self.p1, self.p2])
        if self.data:
            out += bytes([len(self.data)]) + self.data
        if self.le is not None:
            out += bytes([self.le & 0xFF])  # 256 is written as 00
        return out

    @classmethod
    def parse(cls, raw: bytes) -> CommandApdu:
        """Parse a short APDU; extended-length APDUs are not part of the profile."""
        if len(raw) < 4:
            raise ProfileError("APDU shorter than its header")
        cla, ins, p1, p2 = raw[:4]
        body = raw[4:]
        if not body:
            return cls(cla, ins, p1, p2)
        if len(body) == 1:
            return cls(cla, ins, p1, p2, le=body[0] or 256)
        lc = body[0]
        if lc == 0:
            raise ProfileError("extended-length APDU")
        if len(body) == 1 + lc:
            return cls(cla, ins, p1, p2, data=bytes(body[1:]))
        if len(body) == 2 + lc:
            return cls(cla, ins, p1, p2, data=bytes(body[1:-1]), le=body[-1] or 256)
        raise ProfileError("Lc does not match the APDU length")


def select_aid(aid: bytes = AID) -> bytes:
    return CommandApdu(0x00, INS_SELECT, 0x04, 0x00, aid, le=256).to_bytes()


def read_record(record: int = HOLDER_RECORD, sfi: int = HOLDER_SFI, le: int = 256) -> bytes:
    return CommandApdu(0x00, INS_READ_RECORD, record, (sfi << 3) | 0x04, le=le).to_bytes()


def get_response(le: int) -> bytes:
    return CommandApdu(0x00, INS_GET_RESPONSE, 0x00, 0x00, le=le or 256).to_bytes()
