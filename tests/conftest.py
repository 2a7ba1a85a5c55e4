"""Shared fixtures. Qt runs offscreen; one QApplication for the run (pytest-qt's qapp)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from factories import make_card  # noqa: E402
from kiosk import catalog as catalog_mod, crypto  # noqa: E402
from kiosk.identity import CardData  # noqa: E402
from kiosk.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    key = crypto.load_or_create_key(tmp_path / "keys" / "store.key")
    opened = Store(tmp_path / "waystation.db", crypto.Sealer(key))
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def catalog() -> catalog_mod.Catalog:
    return catalog_mod.bundled()


@pytest.fixture
def card() -> CardData:
    return make_card()


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A throw-away CA and a server certificate for 127.0.0.1 (sync tests over verified TLS)."""
    from sync.central.tls_ca import write_tls_files

    return write_tls_files(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def signing_key():
    """The centre's Ed25519 catalog signing key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()
