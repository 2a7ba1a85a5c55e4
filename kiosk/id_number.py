"""Resident identity numbers (GB 11643-1999) and their masking.

An 18-character number: 6-digit region code, 8-digit birth date, 3-digit
sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check
character (0-9 or X).
"""

from __future__ import annotations

import datetime as _dt
import re

from kiosk.errors import ValidationError

_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
_CHECK = "10X98765432"
# First digit of the region code is the major area: 1-6 (mainland), 7/8 (Taiwan, HK/MO), 9 (foreign permanent residents).
_REGION = re.compile(r"[1-9]\d{5}")
EARLIEST_BIRTH = _dt.date(1880, 1, 1)


def check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character for 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def normalise(raw: str) -> str:
    """Strip spaces and hyphens a person or reader may add; uppercase the x."""
    return re.sub(r"[\s\-]", "", raw or "").upper()


def validate(raw: str, today: _dt.date | None = None, field: str = "id_number") -> str:
    """Return the normalised number, or raise ValidationError saying what is wrong."""
    number = normalise(raw)
    if len(number) != 18:
        raise ValidationError("id.length", field=field, count=len(number))
    if not (number[:17].isdigit() and number[:17].isascii() and (number[17].isdigit() or number[17] == "X")):
        raise ValidationError("id.chars", field=field)
    if not _REGION.fullmatch(number[:6]):
        raise ValidationError("id.region", field=field)
    birth = birth_date(number)
    today = today or _dt.date.today()
    if birth is None or birth < EARLIEST_BIRTH or birth > today:
        raise ValidationError("id.birth_date", field=field)
    if check_char(number[:17]) != number[17]:
        raise ValidationError("id.check_digit", field=field)
    return number


_FOREIGN_2017 = re.compile(r"[A-Z]{3}\d{12}")


def validate_foreign_2017(raw: str, field: str = "id_number") -> str:
    """A 2017-format foreign permanent-residence card number: 3-letter nationality code and 12 digits.

    The 2023 cards carry an 18-digit number starting with 9 that `validate()` checks
    like any resident number.  The 2017 layout of the digits and its check digit are
    not published in a form we could verify, so only the shape is checked here.
    """
    number = normalise(raw)
    if not _FOREIGN_2017.fullmatch(number) or not number.isascii():
        raise ValidationError("id.foreign_format", field=field)
    return number


def is_valid(raw: str, today: _dt.date | None = None) -> bool:
    try:
        validate(raw, today)
    except ValidationError:
        return False
    return True


def birth_date(number: str) -> _dt.date | None:
    """The birth date encoded in positions 7-14, or None if it is not a date."""
    try:
        return _dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def sex(number: str) -> str:
    """'M' or 'F' from the parity of the sequence digit."""
    return "M" if int(number[16]) % 2 else "F"


def mask(number: str) -> str:
    """Mask for logs and screens: 110105********002X (first 6 and last 4 kept)."""
    number = normalise(number)
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def make(region: str, birth: _dt.date, sequence: int) -> str:
    """Build a valid number (fixtures, simulators, tests)."""
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)
