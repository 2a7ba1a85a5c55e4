"""The fields inside a GA 467 "read base info" answer.

The answer's data is: text length (2 bytes, big-endian), photo length (2 bytes),
a 256-byte text block in UTF-16LE with fixed-width, space-padded fields, and a
1024-byte photo in the vendor's compressed WLT format (decoded elsewhere, see
`devices.card.wlt_decoder`).

Two text layouts share the 256 bytes; the character at byte 248 tells them
apart ('I' = foreign permanent-residence card, 2017 edition; a space on
resident ID cards, whose reserved field covers that offset).

* resident ID card: name 30, sex 2, ethnicity code 4, birth 16, address 70,
  ID number 36, issuing authority 30, valid from 16, valid until 16
  ("长期" = long-term), reserved 36;
* foreign permanent-residence card ('I'): English name 120, sex 2, card number
  30 (15 chars), nationality 6 (GB/T 2659 alpha-3), Chinese name 30, valid from
  16, valid until 16, birth 16, card version 4, accepting authority code 8,
  card type 2 ('I'), reserved 6.

Other markers ('J' Hong Kong/Macao/Taiwan residence permit, 'Y' 2023 foreign
card) are refused with a clear error rather than parsed from a guessed layout.
"""

from __future__ import annotations

import datetime as _dt
import re

from devices.card.checks import bad_data as _bad
from devices.card.checks import checked_card
from kiosk.errors import CardReaderError
from kiosk.identity import CardData, CardKind

TEXT_LEN = 256
PHOTO_LEN = 1024
LONG_TERM = "长期"
CARD_TYPE_OFFSET = 248

RESIDENT_LAYOUT: tuple[tuple[str, int], ...] = (
    ("name", 30), ("sex", 2), ("ethnicity", 4), ("birth", 16), ("address", 70),
    ("id_number", 36), ("authority", 30), ("valid_from", 16), ("valid_until", 16),
    ("reserved", 36),
)
FOREIGN_LAYOUT: tuple[tuple[str, int], ...] = (
    ("english_name", 120), ("sex", 2), ("id_number", 30), ("nationality", 6), ("name", 30),
    ("valid_from", 16), ("valid_until", 16), ("birth", 16), ("version", 4), ("authority", 8),
    ("card_type", 2), ("reserved", 6),
)
assert sum(n for _, n in RESIDENT_LAYOUT) == TEXT_LEN == sum(n for _, n in FOREIGN_LAYOUT)

# GB/T 3304 ethnicity codes as stored on the card: (zh_CN name as printed, romanised name).
ETHNICITIES: dict[str, tuple[str, str]] = {
    "01": ("汉", "Han"), "02": ("蒙古", "Mongol"), "03": ("回", "Hui"), "04": ("藏", "Zang"),
    "05": ("维吾尔", "Uygur"), "06": ("苗", "Miao"), "07": ("彝", "Yi"), "08": ("壮", "Zhuang"),
    "09": ("布依", "Buyei"), "10": ("朝鲜", "Chosen"), "11": ("满", "Man"), "12": ("侗", "Dong"),
    "13": ("瑶", "Yao"), "14": ("白", "Bai"), "15": ("土家", "Tujia"), "16": ("哈尼", "Hani"),
    "17": ("哈萨克", "Kazak"), "18": ("傣", "Dai"), "19": ("黎", "Li"), "20": ("傈僳", "Lisu"),
    "21": ("佤", "Va"), "22": ("畲", "She"), "23": ("高山", "Gaoshan"), "24": ("拉祜", "Lahu"),
    "25": ("水", "Sui"), "26": ("东乡", "Dongxiang"), "27": ("纳西", "Naxi"), "28": ("景颇", "Jingpo"),
    "29": ("柯尔克孜", "Kirgiz"), "30": ("土", "Tu"), "31": ("达斡尔", "Daur"), "32": ("仫佬", "Mulao"),
    "33": ("羌", "Qiang"), "34": ("布朗", "Blang"), "35": ("撒拉", "Salar"), "36": ("毛南", "Maonan"),
    "37": ("仡佬", "Gelao"), "38": ("锡伯", "Xibe"), "39": ("阿昌", "Achang"), "40": ("普米", "Pumi"),
    "41": ("塔吉克", "Tajik"), "42": ("怒", "Nu"), "43": ("乌孜别克", "Uzbek"), "44": ("俄罗斯", "Russ"),
    "45": ("鄂温克", "Ewenki"), "46": ("德昂", "Deang"), "47": ("保安", "Bonan"), "48": ("裕固", "Yugur"),
    "49": ("京", "Gin"), "50": ("塔塔尔", "Tatar"), "51": ("独龙", "Derung"), "52": ("鄂伦春", "Oroqen"),
    "53": ("赫哲", "Hezhen"), "54": ("门巴", "Monba"), "55": ("珞巴", "Lhoba"), "56": ("基诺", "Jino"),
    "97": ("其他", "Other"), "98": ("外国血统中国籍人士", "Of foreign origin"),
}
_ETHNICITY_CODES = {zh: code for code, (zh, _) in ETHNICITIES.items()}
_SEX_CODES = {"1": "M", "2": "F"}  # GB/T 2261.1
_FOREIGN_NUMBER = re.compile(r"[A-Z]{3}\d{12}")


def ethnicity_name(code: str, locale: str = "zh_CN") -> str:
    """Name for a two-digit code; an unknown code is returned as it is (visible, not guessed)."""
    names = ETHNICITIES.get(code)
    if names is None:
        return code
    return names[0] if locale.startswith("zh") else names[1]


def split_base_info(data: bytes) -> tuple[bytes, bytes]:
    """(text, wlt photo) from the data of a successful `30 01` answer."""
    if len(data) < 4:
        raise _bad("lengths")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_LEN or photo_len > PHOTO_LEN or len(data) < 4 + text_len + photo_len:
        raise CardReaderError("card.bad_data", detail=f"lengths text={text_len} photo={photo_len} got={len(data)}")
    text = data[4:4 + text_len]
    return text, data[4 + text_len:4 + text_len + photo_len]


def _fields(text: bytes, layout: tuple[tuple[str, int], ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    pos = 0
    for name, width in layout:
        raw = text[pos:pos + width]
        pos += width
        try:
            value = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            raise _bad(name) from None
        out[name] = value.strip(" \x00\u3000")
    return out


def _date(value: str, field: str, long_term_ok: bool = False) -> _dt.date | None:
    if long_term_ok and value == LONG_TERM:
        return None
    if len(value) != 8 or not (value.isascii() and value.isdigit()):
        raise _bad(field)
    try:
        return _dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        raise _bad(field) from None


def _sex(value: str) -> str:
    try:
        return _SEX_CODES[value]
    except KeyError:
        raise _bad("sex") from None


def card_type(text: bytes) -> str:
    """The card-type marker: '' for resident ID cards, 'I' for foreign cards, ..."""
    if len(text) != TEXT_LEN:
        raise _bad("text length")
    try:
        return text[CARD_TYPE_OFFSET:CARD_TYPE_OFFSET + 2].decode("utf-16-le").strip(" \x00")
    except UnicodeDecodeError:
        raise _bad("card_type") from None


def parse_text(text: bytes, today: _dt.date | None = None) -> CardData:
    """CardData (no photo) from the 256-byte text; CardReaderError if it is not sound."""
    kind = card_type(text)
    if kind == "":
        return _parse_resident(text, today)
    if kind == "I":
        return _parse_foreign(text)
    raise CardReaderError("card.unsupported_kind", detail=f"card type {kind!r}")


def _parse_resident(text: bytes, today: _dt.date | None) -> CardData:
    f = _fields(text, RESIDENT_LAYOUT)
    if not f["name"]:
        raise _bad("name")
    if not (f["ethnicity"].isascii() and f["ethnicity"].isdigit()):
        raise _bad("ethnicity")
    card = CardData(
        name=f["name"],
        sex=_sex(f["sex"]),
        ethnicity=ethnicity_name(f["ethnicity"]),
        birth_date=_date(f["birth"], "birth"),
        address=f["address"],
        id_number=f["id_number"],
        authority=f["authority"],
        valid_from=_date(f["valid_from"], "valid_from"),
        valid_until=_date(f["valid_until"], "valid_until", long_term_ok=True),
        kind=CardKind.RESIDENT,
    )
    # The checks every reader shares (devices/card/checks.py): the number, and the birth date and
    # sex against it, the validity order, no control or bidi characters.
    return checked_card(card, today)


def _parse_foreign(text: bytes) -> CardData:
    f = _fields(text, FOREIGN_LAYOUT)
    number = f["id_number"].upper()
    if not _FOREIGN_NUMBER.fullmatch(number):
        raise CardReaderError("card.id_invalid", detail="foreign card number format")
    if not f["english_name"]:
        raise _bad("english_name")
    return checked_card(CardData(
        # Not every holder has a Chinese name; the English one is then the name.
        name=f["name"] or f["english_name"],
        sex=_sex(f["sex"]),
        ethnicity="",
        birth_date=_date(f["birth"], "birth"),
        address="",
        id_number=number,
        # The chip holds only the accepting authority's code, not its name.
        authority=f["authority"],
        valid_from=_date(f["valid_from"], "valid_from"),
        valid_until=_date(f["valid_until"], "valid_until", long_term_ok=True),
        kind=CardKind.FOREIGN_PERMANENT,
        english_name=f["english_name"],
        nationality=f["nationality"],
    ))


def parse_new_address(data: bytes) -> str:
    """The appended (latest) address from a `30 03` answer, '' if unreadable."""
    try:
        return data[:70].decode("utf-16-le").strip(" \x00\u3000")
    except UnicodeDecodeError:
        return ""


# ---- the inverse, for the simulator and round-trip tests ----

def pad_text(value: str, width: int, field: str = "text") -> bytes:
    """`value` in UTF-16LE, space-padded to `width` bytes (ValueError if it does not fit)."""
    raw = value.encode("utf-16-le")
    if len(raw) > width:
        raise ValueError(f"{field} does not fit in {width} bytes")
    return raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)


def _put_date(value: _dt.date | None) -> str:
    return LONG_TERM if value is None else value.strftime("%Y%m%d")


def encode_text(card: CardData) -> bytes:
    """The 256-byte text block a card with these fields would hold."""
    if card.kind == CardKind.RESIDENT:
        values = {
            "name": card.name, "sex": {"M": "1", "F": "2"}[card.sex],
            "ethnicity": _ETHNICITY_CODES.get(card.ethnicity, card.ethnicity),
            "birth": card.birth_date.strftime("%Y%m%d"), "address": card.address,
            "id_number": card.id_number, "authority": card.authority,
            "valid_from": _put_date(card.valid_from), "valid_until": _put_date(card.valid_until),
            "reserved": "",
        }
        layout = RESIDENT_LAYOUT
    elif card.kind == CardKind.FOREIGN_PERMANENT:
        values = {
            "english_name": card.english_name, "sex": {"M": "1", "F": "2"}[card.sex],
            "id_number": card.id_number, "nationality": card.nationality,
            "name": "" if card.name == card.english_name else card.name,
            "valid_from": _put_date(card.valid_from), "valid_until": _put_date(card.valid_until),
            "birth": card.birth_date.strftime("%Y%m%d"), "version": "01",
            "authority": card.authority, "card_type": "I", "reserved": "",
        }
        layout = FOREIGN_LAYOUT
    else:
        raise ValueError(f"no GA 467 layout for {card.kind}")
    return b"".join(pad_text(values[name], width, name) for name, width in layout)


def encode_base_info(text: bytes, photo: bytes) -> bytes:
    """The data of a `30 01` answer: lengths, text, photo."""
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
