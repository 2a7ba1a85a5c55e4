"""Application numbers, made on the kiosk without asking anyone.

Format: STATION-YYMMDD-SEQUENCE-CC, e.g. ``DEMO01-261124-000042-49``.  The
sequence is the store's monotonic counter (never reset, incremented inside
the submit transaction), so numbers stay unique across restarts and clock
changes; the date is informative only.  CC are ISO 7064 MOD 97-10 check
digits over the rest, each character taken as two digits (0-9 as 00-09,
A-Z as 10-35), which catches every single-character error and every swap of
neighbours when a number is typed or read out.  (IBANs write digits as one
digit and letters as two; then a letter typed for a digit can slip through.)
"""

from __future__ import annotations

import datetime as _dt
import re

_FORMAT = re.compile(r"^([A-Z0-9]{2,8})-(\d{6})-(\d{6,9})-(\d{2})$")


def _as_digits(text: str) -> int:
    # A fixed width a character: a change in one character changes one pair of digits, which
    # MOD 97 always sees (97 is prime and larger than any difference of two character values).
    return int("".join(f"{int(char, 36):02d}" for char in text))


def check_digits(body: str) -> str:
    """Two check digits for `body` (each character as two digits: 00..35; hyphens ignored)."""
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


def legacy_check_digits(body: str) -> str:
    """The check digits of numbers issued before 0.1.0's fix (IBAN-style: a digit as one digit, a letter
    as two), which let a letter typed for a digit through.  Only to read receipts printed back then."""
    value = int("".join(str(int(char, 36)) for char in body.replace("-", "") + "00"))
    return f"{98 - value % 97:02d}"


def is_valid_printed(raw: str) -> bool:
    """A number from a receipt already printed: today's check digits, or those of the earlier scheme.
    (Scanned codes are then looked up to the letter in the store, so the weaker old check lets
    nothing wrong through; typed numbers keep the strict `is_valid`.)"""
    number = normalise(raw)
    match = _FORMAT.match(number)
    if not match:
        return False
    body = number.rsplit("-", 1)[0]
    return match.group(4) in (check_digits(body), legacy_check_digits(body))


def sequence_of(number: str) -> int:
    match = _FORMAT.match(normalise(number))
    if not match:
        raise ValueError("not an application number")
    return int(match.group(3))


# What a resident types to look an application up: the sequence and the check digits, run together
# (the receipt prints them after the date).  Eight digits for the first million applications of a
# station, up to eleven after that (the sequence has 6 to 9 digits).
TAIL_MIN, TAIL_MAX = 8, 11


def tail(number: str) -> str:
    """The digits a resident types for `number` on the status screen: sequence then check digits."""
    match = _FORMAT.match(normalise(number))
    if not match:
        raise ValueError("not an application number")
    return match.group(3) + match.group(4)


def parse_tail(typed: str) -> tuple[int, str] | None:
    """(sequence, check digits) from what a resident typed, or None when it cannot be the end of an
    application number (too short, too long, or not plain digits; spaces and hyphens are ignored).

    The check digits cover the station and date as well, so they are compared with the stored
    number's, not recomputed here."""
    digits = re.sub(r"[\s-]", "", typed or "")
    if not (TAIL_MIN <= len(digits) <= TAIL_MAX) or not (digits.isascii() and digits.isdigit()):
        return None
    return int(digits[:-2]), digits[-2:]
