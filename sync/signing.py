"""Ed25519 signatures on the service catalog.

The centre signs `CONTEXT + payload` where the payload is the exact JSON bytes
of {version, published_at, catalog}; the envelope carries the payload (base64)
and the detached signature.  Signing the bytes, not a re-serialised object,
means no canonicalisation step can differ between signer and verifier; the
context prefix keeps a catalog signature from being valid for anything else.
The kiosk verifies with a public key from its own config, never one fetched
from the network.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from sync.errors import SyncCatalogRefused
from sync.protocol import CatalogEnvelope

CONTEXT = b"waystation-catalog/1\n"

KeyInput = bytes | str | Path


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short name for a key (shown when a kiosk is configured with the wrong one)."""
    return hashlib.sha256(public_key.public_bytes_raw()).hexdigest()[:16]


def _key_bytes(value: KeyInput) -> bytes:
    if isinstance(value, Path):
        return value.read_bytes()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("-----BEGIN"):
            return text.encode("ascii")
        if len(text) == 64 and all(char in "0123456789abcdefABCDEF" for char in text):
            return bytes.fromhex(text)  # the kiosk config's form: 32 bytes in hex
        try:
            return base64.b64decode(text, validate=True)
        except binascii.Error as exc:
            raise ValueError("a key must be PEM, hex or base64 of the 32 raw bytes") from exc
    return value


def load_private_key(value: Ed25519PrivateKey | KeyInput) -> Ed25519PrivateKey:
    """A signing key from a key object, raw 32 bytes, hex or base64 text, PEM text or a PEM/raw file."""
    if isinstance(value, Ed25519PrivateKey):
        return value
    data = _key_bytes(value)
    if data.lstrip().startswith(b"-----BEGIN"):
        key = serialization.load_pem_private_key(data, password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("the catalog signing key must be an Ed25519 key")
        return key
    return Ed25519PrivateKey.from_private_bytes(data)


def load_public_key(value: Ed25519PublicKey | KeyInput) -> Ed25519PublicKey:
    """A verifying key, accepted in the same forms as `load_private_key`."""
    if isinstance(value, Ed25519PublicKey):
        return value
    data = _key_bytes(value)
    if data.lstrip().startswith(b"-----BEGIN"):
        key = serialization.load_pem_public_key(data)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the catalog public key must be an Ed25519 key")
        return key
    return Ed25519PublicKey.from_public_bytes(data)


def public_key_hex(private_key: Ed25519PrivateKey) -> str:
    """The public half as hex, the form the kiosk config (`central.catalog_public_key`) takes."""
    return private_key.public_key().public_bytes_raw().hex()


def sign_catalog(private_key: Ed25519PrivateKey, version: int, published_at: str,
                 catalog: dict[str, Any]) -> dict[str, Any]:
    """The envelope the centre serves for `catalog` at `version`."""
    payload = json.dumps({"version": version, "published_at": published_at, "catalog": catalog},
                         ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    signature = private_key.sign(CONTEXT + payload)
    return {
        "version": version,
        "published_at": published_at,
        "key_id": key_id(private_key.public_key()),
        "payload": base64.b64encode(payload).decode("ascii"),
        "signature": base64.b64encode(signature).decode("ascii"),
    }


@dataclass(frozen=True)
class VerifiedCatalog:
    """A catalog whose signature checked out: keep `payload` and `signature` to re-verify later."""

    version: int
    published_at: str
    catalog: dict[str, Any]
    payload: bytes
    signature: bytes

    @property
    def catalog_json(self) -> bytes:
        """The catalog document alone, as JSON bytes (what `kiosk.catalog` installs)."""
        return json.dumps(self.catalog, ensure_ascii=False, indent=1).encode("utf-8")


def verify_catalog(envelope: CatalogEnvelope, public_key: Ed25519PublicKey) -> VerifiedCatalog:
    """Check the signature and that the signed payload says what the envelope says."""
    try:
        payload = base64.b64decode(envelope.payload, validate=True)
        signature = base64.b64decode(envelope.signature, validate=True)
    except (binascii.Error, ValueError):
        raise SyncCatalogRefused("sync.catalog_signature", detail="payload or signature is not base64") from None
    try:
        public_key.verify(signature, CONTEXT + payload)
    except InvalidSignature:
        raise SyncCatalogRefused(
            "sync.catalog_signature",
            detail=f"signature does not verify (signed by key {envelope.key_id[:16]!r}, "
                   f"configured key {key_id(public_key)})") from None
    try:
        document = json.loads(payload)
    except ValueError:
        raise SyncCatalogRefused("sync.catalog_signature", detail="signed payload is not JSON") from None
    except (RecursionError, MemoryError):
        raise SyncCatalogRefused("sync.catalog_signature", detail="signed payload is nested too deeply") from None
    if (not isinstance(document, dict) or type(document.get("version")) is not int
            or document["version"] != envelope.version
            or not isinstance(document.get("catalog"), dict)
            or not isinstance(document.get("published_at"), str)):
        raise SyncCatalogRefused("sync.catalog_signature", detail="signed payload does not match its envelope")
    return VerifiedCatalog(envelope.version, document["published_at"], document["catalog"], payload, signature)
