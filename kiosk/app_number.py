"""Application numbers, made on the kiosk without asking anyone.

Format: STATION-YYMMDD-SEQUENCE-CC, e.g. ``DEMO01-261124-000042-73``.  The
sequence is the store's monotonic counter (never reset, incremented inside
the submit transaction), so numbers stay unique across restarts and clock
changes; the date is informative only.  CC are ISO 7064 MOD 97-10 check
digits over the rest (as IBANs use), catching every single-character error
and every swap of neighbours when a number is typed or read out.
"""

from __future__ import annotations

import datetime as _dt
import re

_FORMAT = re.compile(r"^([A-Z0-9]{2,8})-(\d{6})-(\d{6,9})-(\d{2})$")


def _as_digits(text: str) -> int:
    return int("".join(str(int(char, 36)) for char in text))


def check_digits(body: str) -> str:
    """Two check digits for `body` (letters count as 10..35, hyphens ignored)."""
    value = _as_digits(body.replace("-", "") + "00")
    return f"{98 - value % 97:02d}"


def make(station: str, day: _dt.date, sequence: int) -> str:
    body = f"{station}-{day:%y%m%d}-{sequence:06d}"
    return f"{body}-{check_digits(body)}"


def normalise(raw: str) -> str:
    return re.sub(r"\s+", "", raw or "").upper()


def is_valid(raw: str) -> bool:
    """True when `raw` has the right shape and its check digits hold."""
    number = normalise(raw)
    match = _FORMAT.match(number)
    if not match:
        return False
    body = number.rsplit("-", 1)[0]
    return check_digits(body) == match.group(4)


def sequence_of(number: str) -> int:
    match = _FORMAT.match(normalise(number))
    if not match:
        raise ValueError("not an application number")
    return int(match.group(3))
