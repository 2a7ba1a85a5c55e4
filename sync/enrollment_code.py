"""One-time enrollment codes: how they look, how they are read back, how the centre keeps them.

A code is what the centre's admin reads out or hands over on paper and IT types
on the station, so it is made to be typed: 16 symbols of Crockford's base 32
(digits and capitals without I, L, O, U), shown in groups of four
(`7K3M-Q9XD-4PRT-WH2C`).  The first 15 are random (75 bits); the last is a
Luhn mod 32 check symbol, so a mistyped symbol (any single substitution) is
caught on the station before anything is sent, and does not count as a wrong
guess at the centre.  Reading forgives what people do: lower case, spaces or
dashes anywhere, O for 0, I or L for 1.

The centre stores only `code_hash()`: a sha256 of the canonical form.  75 random
bits cannot be searched from the hash, and the centre looks a code up by its
hash, so no stored code is ever compared symbol by symbol (no timing to learn from).
"""

from __future__ import annotations

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32
RANDOM_SYMBOLS = 15
LENGTH = RANDOM_SYMBOLS + 1  # with the check symbol
GROUP = 4
MAX_INPUT = 64  # anything longer is not a code someone typed
# The canonical form, as openapi.yaml's EnrollmentRequest.code states it.
PATTERN = r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$"

_VALUE = {symbol: index for index, symbol in enumerate(ALPHABET)}
_LOOKALIKES = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS = " -\t"
_HASH_CONTEXT = b"waystation-enrollment-code/1\n"


class CodeFormatError(ValueError):
    """Text that cannot be an enrollment code; the message says why in plain words."""


def _luhn_sum(values: list[int], double_first: bool) -> int:
    """Luhn mod N over `values` read from the right, doubling every second one."""
    total, double = 0, double_first
    for value in reversed(values):
        if double:
            value *= 2
            value = value // len(ALPHABET) + value % len(ALPHABET)
        total += value
        double = not double
    return total


def check_symbol(payload: str) -> str:
    """The Luhn mod 32 check symbol for the random part `payload` (canonical symbols)."""
    total = _luhn_sum([_VALUE[symbol] for symbol in payload], double_first=True)
    return ALPHABET[(len(ALPHABET) - total % len(ALPHABET)) % len(ALPHABET)]


def _check_passes(symbols: str) -> bool:
    return _luhn_sum([_VALUE[symbol] for symbol in symbols], double_first=False) % len(ALPHABET) == 0


def grouped(symbols: str) -> str:
    """`symbols` in groups of four joined by dashes: the form shown and sent."""
    return "-".join(symbols[start:start + GROUP] for start in range(0, len(symbols), GROUP))


def new_code() -> str:
    """A fresh random code in its canonical form (for the centre's admin command)."""
    payload = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_SYMBOLS))
    return grouped(payload + check_symbol(payload))


def parse(text: str) -> str:
    """The canonical form of a typed code; CodeFormatError saying what is wrong otherwise."""
    if not isinstance(text, str):
        raise CodeFormatError("is not text")
    if len(text) > MAX_INPUT:
        raise CodeFormatError(f"is {len(text)} characters long; a code has {LENGTH} symbols")
    symbols = []
    for char in text.strip():
        if char in _SEPARATORS:
            continue
        upper = char.upper() if char.isascii() else char
        upper = _LOOKALIKES.get(upper, upper)
        if upper not in _VALUE:
            raise CodeFormatError(f"contains {char!r}, which codes never use (they have 0-9 and A-Z without "
                                  "I, L, O, U)")
        symbols.append(upper)
    if len(symbols) != LENGTH:
        raise CodeFormatError(f"has {len(symbols)} symbols; a code has {LENGTH} (four groups of four)")
    joined = "".join(symbols)
    if not _check_passes(joined):
        raise CodeFormatError("has a mistyped symbol (its check symbol does not match)")
    return grouped(joined)


def code_hash(canonical: str) -> str:
    """What the centre stores and looks up instead of the code (hex sha256)."""
    return hashlib.sha256(_HASH_CONTEXT + canonical.encode("ascii")).hexdigest()
