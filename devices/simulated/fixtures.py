"""Fictional card holders for the simulated readers, demos and tests.

Every name, address and number here is invented.  Resident ID numbers are
built with `kiosk.id_number.make`, so their check digits, birth dates and
sex digits are consistent with the other fields.  The set covers what the
resident journey must handle: an ordinary card, an elder (born 1950, for
elder-mode demos) with a long-term card, an expired card, a name with the
middle dot of transcribed names, a card without a photo, and a foreign
permanent-residence card (2017 edition, whose 15-character number has no
GB 11643 check digit).
"""

from __future__ import annotations

import datetime as _dt
import hashlib

from kiosk.id_number import make
from kiosk.identity import CardData, CardKind

from devices.card.wlt_decoder import HEIGHT, WIDTH, bmp_from_raw

D = _dt.date


def placeholder_photo(seed: str) -> bytes:
    """A 102 x 126 BMP silhouette in a colour derived from `seed` (not a real face)."""
    tint = hashlib.sha256(seed.encode()).digest()[:3]
    back = bytes((200 + tint[0] % 40, 200 + tint[1] % 40, 180 + tint[2] % 60))  # B G R
    figure = bytes((90, 80, 70))
    rows = []
    for y in range(HEIGHT):  # bottom-up rows
        top = HEIGHT - 1 - y
        row = bytearray()
        for x in range(WIDTH):
            head = (x - 51) ** 2 / 22 ** 2 + (top - 45) ** 2 / 28 ** 2 <= 1
            shoulders = top > 82 and abs(x - 51) < 20 + (top - 82) * 1.2
            row += figure if head or shoulders else back
        rows.append(bytes(row))
    return bmp_from_raw(b"".join(rows))


def fake_wlt(card: CardData) -> bytes:
    """1024 bytes shaped like a WLT blob ('WL', 102, 126 header), deterministic per card."""
    out = bytearray(b"WL\x66\x00\x7e\x00")
    block = card.id_number.encode()
    while len(out) < 1024:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:1024])


def _resident(name: str, sex: str, ethnicity: str, birth: _dt.date, address: str, region: str,
              seq: int, authority: str, valid_from: _dt.date, valid_until: _dt.date | None,
              photo: bool = True) -> CardData:
    assert (seq % 2 == 1) == (sex == "M"), "sequence parity must match sex"
    number = make(region, birth, seq)
    return CardData(
        name=name, sex=sex, ethnicity=ethnicity, birth_date=birth, address=address,
        id_number=number, authority=authority, valid_from=valid_from, valid_until=valid_until,
        photo=placeholder_photo(number) if photo else None,
    )


FIXTURE_CARDS: tuple[CardData, ...] = (
    _resident("张伟明", "M", "汉", D(1985, 3, 12), "北京市东城区东四十条街道南门仓胡同12号",
              "110101", 31, "北京市公安局东城分局", D(2016, 5, 20), D(2036, 5, 20)),
    # Elder-mode demo: born 1950, long-term card issued after 46.
    _resident("李秀英", "F", "汉", D(1950, 8, 6), "上海市黄浦区福州路318弄7号",
              "310101", 24, "上海市公安局黄浦分局", D(2012, 1, 15), None),
    # Expired card: the UI must say so and offer a helper.
    _resident("王芳", "F", "回", D(1992, 11, 30), "江苏省南京市鼓楼区汉中门大街145号3栋502室",
              "320106", 48, "南京市公安局鼓楼分局", D(2014, 7, 1), D(2024, 7, 1)),
    _resident("阿依古丽·买买提", "F", "维吾尔", D(1978, 4, 22), "新疆乌鲁木齐市天山区解放南路88号",
              "650102", 62, "乌鲁木齐市公安局天山区分局", D(2019, 9, 9), D(2039, 9, 9)),
    # No photo on file: exercises "card photo unavailable".
    _resident("陈志强", "M", "壮", D(1968, 12, 1), "广东省深圳市南山区科技园南区高新南九道10号",
              "440305", 57, "深圳市公安局南山分局", D(2008, 6, 18), D(2028, 6, 18), photo=False),
    CardData(
        name="史约翰", sex="M", ethnicity="", birth_date=D(1976, 2, 14), address="",
        id_number="GBR110760214017", authority="1100",
        valid_from=D(2019, 3, 1), valid_until=D(2029, 3, 1),
        kind=CardKind.FOREIGN_PERMANENT, english_name="SMITH JOHN ALEXANDER", nationality="GBR",
        photo=placeholder_photo("GBR110760214017"),
    ),
)

ELDER_INDEX = 1
EXPIRED_INDEX = 2
NO_PHOTO_INDEX = 4
FOREIGN_INDEX = 5
