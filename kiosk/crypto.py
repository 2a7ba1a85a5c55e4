"""Encryption at rest: AES-256-GCM for personal fields and attachments.

One 32-byte master key lives in a file named by the config, created with mode
0600 on first run.  HKDF derives separate keys for sealing data and for the
blind index that lets a resident find their applications by ID number without
the number being stored in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kiosk.errors import CryptoError, StoreError

_VERSION = b"\x01"  # first byte of every sealed blob, for future key/algorithm changes
_NONCE = 12
_TAG = 16  # AES-GCM's authentication tag, at the end of every blob


def load_or_create_key(path: Path) -> bytes:
    """Read the master key, creating it (mode 0600, parent 0700) if it does not exist."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as error:
        raise StoreError("store.key_missing", path=str(path), problem=error.strerror or str(error)) from None
    else:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(32))
            handle.flush()
            os.fsync(handle.fileno())
    return load_key(path)


def load_key(path: Path) -> bytes:
    """Read an existing master key, never creating one (doctor, tools); StoreError says what is wrong."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        key = path.read_bytes()
    except OSError as error:
        raise StoreError("store.key_missing", path=str(path), problem=error.strerror or str(error)) from None
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError("store.key_missing", path=str(path), problem="readable by others; chmod 600 it")
    if len(key) != 32:
        raise StoreError("store.key_missing", path=str(path), problem="not a 32-byte key")
    return key


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"waystation/" + purpose).derive(master)


class Sealer:
    """Seals and opens blobs; `context` binds a blob to its row so blobs cannot be swapped."""

    def __init__(self, master_key: bytes) -> None:
        self._aead = AESGCM(_derive(master_key, b"seal"))
        self._index_key = _derive(master_key, b"index")
        self._staff_key = _derive(master_key, b"staff")
        # Recorded in the database (kiosk.store_key) to tell this key from another; reveals nothing of it.
        self.key_id = _derive(master_key, b"key-check").hex()[:32]

    def seal(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def open(self, blob: bytes, context: str) -> bytes:
        if not blob or blob[:1] != _VERSION:
            raise CryptoError(detail="unknown blob version")
        if len(blob) < 1 + _NONCE + _TAG:
            raise CryptoError(detail="truncated blob")
        try:
            return self._aead.decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], context.encode())
        except InvalidTag:
            raise CryptoError(detail="authentication failed (wrong key or altered data)") from None

    def staff_digest(self, purpose: str, value: str) -> bytes:
        """A keyed hash for staff credentials (kiosk/pin_hash.py's PIN pepper, kiosk/roster.py's card index).

        Its own derived key, and `purpose` kept apart from `value`: the database alone (a backup, a copied
        disk image without the key file) is not enough to try PINs or to tell which card is whose."""
        return hmac.new(self._staff_key, purpose.encode() + b"\0" + value.encode(), hashlib.sha256).digest()

    def blind_index(self, value: str) -> str:
        """A keyed hash of `value` for look-ups (e.g. by ID number) without storing it."""
        return hmac.new(self._index_key, value.encode(), hashlib.sha256).hexdigest()
