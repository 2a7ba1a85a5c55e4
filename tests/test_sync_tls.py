"""TLS and settings: the client trusts only the configured CA, and cannot be told otherwise.

A throw-away CA made here signs the reference centre's certificate on
127.0.0.1; a second, unrelated CA signs an impostor's.  Real handshakes over
loopback sockets.
"""

from __future__ import annotations

import socket

import pytest

from kiosk.errors import ConfigError
from sync.central import run_server
from sync.client import CentralClient
from sync.errors import SyncNotCentral, SyncRetryLater
from sync.central.tls_ca import write_tls_files

TOKEN = "station-S001-token-0123456789abcdef"


@pytest.fixture(scope="module")
def other_tls(tmp_path_factory):
    """An unrelated CA and a server certificate it signed."""
    return write_tls_files(tmp_path_factory.mktemp("tls-other"))


@pytest.fixture(scope="module")
def centre(tls, signing_key, tmp_path_factory):
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file,
                        db_path=tmp_path_factory.mktemp("centre") / "central.db",
                        tokens={"S001": TOKEN}, catalog_signing_key=signing_key)
    yield server
    server.stop()


def test_the_configured_ca_is_trusted(centre, tls):
    with CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file) as client:
        assert client.preflight().station_id == "S001"


def test_a_certificate_from_another_ca_is_refused(other_tls, tls, signing_key, tmp_path):
    impostor = run_server("127.0.0.1", 0, other_tls.cert_file, other_tls.key_file, db_path=tmp_path / "x.db",
                          tokens={"S001": TOKEN}, catalog_signing_key=signing_key)
    try:
        with (CentralClient(impostor.url, TOKEN, ca_bundle=tls.ca_file) as trusting_our_ca,
              pytest.raises(SyncNotCentral) as caught):
            trusting_our_ca.preflight()
        assert caught.value.code == "sync.tls"
        with CentralClient(impostor.url, TOKEN, ca_bundle=other_tls.ca_file) as trusting_theirs:
            assert trusting_theirs.preflight().station_id == "S001"  # the same server, trusted CA: fine
    finally:
        impostor.stop()


def test_the_system_trust_store_does_not_trust_a_private_ca(centre):
    with CentralClient(centre.url, TOKEN) as default_trust, pytest.raises(SyncNotCentral) as caught:
        default_trust.preflight()
    assert caught.value.code == "sync.tls"


@pytest.mark.parametrize("kwargs", [
    {"base_url": "http://127.0.0.1:8080", "token": TOKEN},
    {"base_url": "https://127.0.0.1:8443", "token": TOKEN, "ca_bundle": False},
    {"base_url": "https://127.0.0.1:8443", "token": TOKEN, "ca_bundle": ""},
    {"base_url": "https://127.0.0.1:8443", "token": TOKEN, "ca_bundle": "/nonexistent/ca.pem"},
    {"base_url": "https://127.0.0.1:8443", "token": ""},
    {"base_url": "https://127.0.0.1:8443", "token": "令牌\n"},
])
def test_unsafe_or_broken_settings_are_refused(kwargs):
    with pytest.raises(ConfigError):
        CentralClient(**kwargs)


def test_there_is_no_way_to_pass_verify_false():
    with pytest.raises(TypeError):
        CentralClient("https://127.0.0.1:8443", TOKEN, verify=False)  # type: ignore[call-arg]


def test_an_unreachable_centre_means_offline(tls):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again at once: nothing listens there
    with (CentralClient(f"https://127.0.0.1:{port}", TOKEN, ca_bundle=tls.ca_file) as lonely,
          pytest.raises(SyncRetryLater) as caught):
        lonely.preflight()
    assert caught.value.code == "sync.offline"
