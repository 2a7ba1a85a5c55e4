"""Storing and checking a helper's PIN: scrypt over a keyed pepper, with a salt of its own per PIN.

Why scrypt (the standard library's `hashlib.scrypt`, OpenSSL underneath) rather than Argon2
(argon2-cffi): both are memory-hard key-derivation functions of the kind the anchors lacked (MOSIP
used a fast salted SHA-256, Odoo plain text); scrypt needs no new binary dependency in the frozen
build, and its cost parameters are stored with every hash so they can be raised later (a hash made
with older ones is redone at the next sign-in, `needs_rehash`).

Parameters: N = 2^15, r = 8, p = 1 (32 MiB of memory, ~0.1 s on this project's 2-core test machine,
bench/staff_sign_in.py).  That keeps sign-in well inside the 1 s budget and the memory far from the
kiosk's 200 MB, on slower arm64 kiosks too.  OWASP suggests 2^17 for passwords; a 6-digit PIN has
only 10^6 values, so a bigger N would not save it from someone holding the database *and* the key:
what protects PINs is (1) the lockout after five wrong ones (kiosk/sign_in.py) and (2) the pepper:
the PIN is first keyed with a secret derived from the store key (`Sealer.staff_digest`), so the
database alone (a backup, a copied disk) gives nothing to try PINs against.

Format: "scrypt$<log2 N>$<r>$<p>$<salt, base64>$<hash, base64>".  Never the PIN, never logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

Pepper = Callable[[str], bytes]  # PIN → its keyed digest (Sealer.staff_digest("pin", ...))


@dataclass(frozen=True)
class Params:
    log2_n: int = 15
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        """What OpenSSL may allocate: scrypt needs 128·r·N bytes (and a little more)."""
        return 128 * self.r * (2 ** self.log2_n) * self.p + (1 << 20)


CURRENT = Params()
SALT_BYTES = 16
HASH_BYTES = 32
# A stored hash is outside input: refuse parameters that would take the kiosk's memory or minutes.
LIMITS = Params(log2_n=20, r=16, p=4)


def pepper_from(sealer) -> Pepper:
    """The pepper of the store whose `sealer` (kiosk.crypto.Sealer) is given."""
    return lambda pin: sealer.staff_digest("pin", pin)


def _scrypt(peppered: bytes, salt: bytes, params: Params) -> bytes:
    return hashlib.scrypt(peppered, salt=salt, n=2 ** params.log2_n, r=params.r, p=params.p,
                          maxmem=params.maxmem, dklen=HASH_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, pepper: Pepper, params: Params = CURRENT) -> str:
    """A new stored form of `pin` with a fresh random salt (slow by design: not on the GUI thread)."""
    salt = os.urandom(SALT_BYTES)
    digest = _scrypt(pepper(pin), salt, params)
    return f"scrypt${params.log2_n}${params.r}${params.p}${_b64(salt)}${_b64(digest)}"


def parse(stored: str) -> tuple[Params, bytes, bytes] | None:
    """(params, salt, hash) of a stored form, or None if it is not one this code made (or its limits)."""
    parts = stored.split("$") if isinstance(stored, str) else []
    if len(parts) != 6 or parts[0] != "scrypt" or not all(part.isdigit() for part in parts[1:4]):
        return None
    params = Params(int(parts[1]), int(parts[2]), int(parts[3]))
    if not (10 <= params.log2_n <= LIMITS.log2_n and 1 <= params.r <= LIMITS.r and 1 <= params.p <= LIMITS.p):
        return None
    try:
        salt, digest = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        return None
    return params, salt, digest


def verify(pin: str, stored: str, pepper: Pepper) -> bool:
    """Whether `pin` is the one `stored` was made from; a damaged stored form matches nothing."""
    parsed = parse(stored)
    if parsed is None:
        _scrypt(pepper(pin), b"\0" * SALT_BYTES, CURRENT)  # the same time as a real check
        return False
    params, salt, digest = parsed
    return hmac.compare_digest(_scrypt(pepper(pin), salt, params), digest)


def needs_rehash(stored: str, params: Params = CURRENT) -> bool:
    """Made with other parameters than today's (redone at the next successful sign-in)."""
    parsed = parse(stored)
    return parsed is None or parsed[0] != params


@lru_cache(maxsize=1)
def decoy() -> str:
    """A stored form no PIN matches, checked for numbers no helper has: the same time as a real check,
    so how long a refusal takes does not tell whether a helper number exists."""
    return hash_pin(os.urandom(16).hex(), lambda pin: pin.encode())
