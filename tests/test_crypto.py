import os
import stat

import pytest

from kiosk import crypto
from kiosk.errors import CryptoError, StoreError


def test_key_is_created_private_and_reused(tmp_path):
    path = tmp_path / "keys" / "store.key"
    key = crypto.load_or_create_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert crypto.load_or_create_key(path) == key and len(key) == 32


def test_a_key_readable_by_others_is_refused(tmp_path):
    path = tmp_path / "store.key"
    crypto.load_or_create_key(path)
    os.chmod(path, 0o644)
    with pytest.raises(StoreError, match="chmod 600"):
        crypto.load_or_create_key(path)


def test_sealed_data_opens_only_with_its_key_and_context(tmp_path):
    sealer = crypto.Sealer(os.urandom(32))
    blob = sealer.seal("张伟明".encode(), "application:1")
    assert "张伟明".encode() not in blob
    assert sealer.open(blob, "application:1") == "张伟明".encode()
    with pytest.raises(CryptoError):
        sealer.open(blob, "application:2")  # swapped between rows
    with pytest.raises(CryptoError):
        crypto.Sealer(os.urandom(32)).open(blob, "application:1")
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(CryptoError):
        sealer.open(tampered, "application:1")


def test_blind_index_is_stable_and_keyed():
    key = os.urandom(32)
    assert crypto.Sealer(key).blind_index("x") == crypto.Sealer(key).blind_index("x")
    assert crypto.Sealer(key).blind_index("x") != crypto.Sealer(os.urandom(32)).blind_index("x")
