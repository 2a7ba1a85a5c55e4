"""What the reference centre refuses to let one station (or one address) do to it.

Each test talks to a real centre over TLS on loopback, the limits set as an
operator sets them (central.json, for a centre in its own process), and checks
what a kiosk or an operator would notice: one number is one application, a
station cannot send another station's numbers, unfinished uploads expire and
are capped per station (the kiosk waits, it does not set anything aside), and
a run of wrong tokens from one address is slowed down without shutting out
stations elsewhere.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import secrets
import time
import uuid as uuid_mod
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import app_number
from sync import errors as sync_errors
from sync.central import run_server, spawn_server
from sync.client import CentralClient
from sync.errors import SyncAuthError, SyncConflict, SyncRejected, SyncRetryLater

TOKENS = {"S001": "station-S001-token-limits-0123456789", "S002": "station-S002-token-limits-9876543210"}
ADMIN = "admin-token-limits-0123456789"


def application(station: str = "S001", seq: int = 1, name: str = "张三") -> dict[str, Any]:
    """An application as a kiosk sends it (fake resident data, no attachments)."""
    return {"number": app_number.make(station, _dt.date(2026, 11, 24), seq), "service_id": "residence.certificate",
            "station_seq": seq, "created_at": "2026-11-24T09:30:00+08:00", "locale": "zh_CN",
            "form": {"name": name}, "attachments": []}


@pytest.fixture
def centre(tls, signing_key, tmp_path):
    """A centre with its default limits, in a thread of this process."""
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens=TOKENS, catalog_signing_key=signing_key)
    yield server
    server.stop()


@pytest.fixture
def spawn_with(tls, tmp_path):
    """Start a centre in its own process with extra central.json keys (the operator's way)."""
    started = []

    def spawn(**config: Any):
        (tmp_path / "central.json").write_text(json.dumps({
            "db_path": "central.db", "certfile": str(tls.cert_file), "keyfile": str(tls.key_file),
            "tokens": TOKENS, "catalog_signing_key": Ed25519PrivateKey.generate().private_bytes_raw().hex(),
            "admin_token": ADMIN, **config}))
        started.append(spawn_server(tmp_path / "central.json"))
        return started[-1]

    yield spawn
    for server in started:
        server.stop()


def kiosk(server, tls, station: str = "S001", **options: Any) -> CentralClient:
    return CentralClient(server.url, TOKENS[station], ca_bundle=tls.ca_file, read_timeout=10, **options)


class _FromAddress(requests.adapters.HTTPAdapter):
    """Connect from another loopback address: another station's network, as the centre sees it."""

    def __init__(self, address: str) -> None:
        self._source = (address, 0)
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = self._source
        super().init_poolmanager(*args, **kwargs)


def call(server, tls, method: str, path: str, token: str, *, data: bytes | None = None,
         headers: dict[str, str] | None = None, source: str | None = None) -> requests.Response:
    with requests.Session() as session:
        session.trust_env = False
        if source:
            session.mount("https://", _FromAddress(source))
        return session.request(method, server.url + path, data=data, verify=str(tls.ca_file), timeout=10,
                               headers={"Authorization": f"Bearer {token}", **(headers or {})})


def put_range(server, tls, data: bytes, start: int, end: int, station: str = "S001") -> requests.Response:
    """Upload bytes start..end (inclusive) of `data` with Content-Range, as a resumed upload does."""
    sha = hashlib.sha256(data).hexdigest()
    return call(server, tls, "PUT", f"/v1/attachments/{sha}", TOKENS[station], data=data[start:end + 1],
                headers={"Content-Type": "application/octet-stream",
                         "Content-Range": f"bytes {start}-{end}/{len(data)}"})


def state_of(server, tls, data: bytes, station: str = "S001") -> dict[str, Any]:
    return call(server, tls, "GET", f"/v1/attachments/{hashlib.sha256(data).hexdigest()}", TOKENS[station]).json()


def admin_stats(server, tls) -> dict[str, Any]:
    return call(server, tls, "GET", "/admin/stats", ADMIN).json()


# ---- numbers --------------------------------------------------------------------------------

def test_a_number_already_used_by_another_application_is_refused(centre, tls):
    first, second = str(uuid_mod.uuid4()), str(uuid_mod.uuid4())
    with kiosk(centre, tls) as client:
        receipt = client.put_application(first, application(seq=42))
        assert client.put_application(first, application(seq=42)).replayed  # a resend stays a replay
        with pytest.raises(SyncConflict) as caught:  # e.g. a kiosk whose numbering restarted
            client.put_application(second, application(seq=42, name="李四"))
    assert caught.value.server_code == "number_taken"
    assert caught.value.action == sync_errors.CONFLICT  # the kiosk sets it aside for a helper
    assert centre.store.application("S001", second) is None
    stats = centre.store.stats()
    assert stats["applications"] == stats["distinct_numbers"] == 1
    assert centre.store.application("S001", first)["central_id"] == receipt.central_id


def test_a_number_with_another_stations_prefix_is_refused(centre, tls):
    stranger = str(uuid_mod.uuid4())
    with kiosk(centre, tls, "S001") as client, pytest.raises(SyncRejected) as caught:
        client.put_application(stranger, application(station="S002", seq=7))
    assert caught.value.server_code == "number_not_this_station"
    assert caught.value.action == sync_errors.QUARANTINE
    assert centre.store.stats()["applications"] == 0
    with kiosk(centre, tls, "S002") as owner:  # the number's own station may use it
        receipt = owner.put_application(str(uuid_mod.uuid4()), application(station="S002", seq=7))
    assert receipt.number.startswith("S002-") and not receipt.replayed
    answer = call(centre, tls, "PUT", f"/v1/applications/{stranger}", TOKENS["S001"],
                  data=json.dumps(application(station="S002", seq=8)).encode(),
                  headers={"Content-Type": "application/json"})
    assert (answer.status_code, answer.json()["code"]) == (422, "number_not_this_station")


# ---- unfinished uploads ---------------------------------------------------------------------

def test_an_unfinished_upload_expires_after_the_configured_time(spawn_with, tls):
    server = spawn_with(partial_ttl_seconds=1)
    data = secrets.token_bytes(3000)
    assert put_range(server, tls, data, 0, 999).json()["state"] == "partial"
    assert state_of(server, tls, data)["received"] == 1000
    time.sleep(1.5)
    assert state_of(server, tls, data) == {"sha256": hashlib.sha256(data).hexdigest(), "state": "absent",
                                           "received": 0, "size": None}
    assert admin_stats(server, tls)["partials_expired"] == 1
    # A kiosk resuming from the offset it remembered is told to start again, and does.
    with kiosk(server, tls) as client:
        assert client.put_attachment(hashlib.sha256(data).hexdigest(), data, offset=1000).state == "verified"


def test_unfinished_uploads_count_against_a_station_quota_and_the_kiosk_waits(spawn_with, tls):
    server = spawn_with(partial_quota_bytes=8192, partial_ttl_seconds=600)
    left_over, waiting = secrets.token_bytes(10_000), secrets.token_bytes(10_000)
    assert put_range(server, tls, left_over, 0, 5999).json()["received"] == 6000  # an upload given up on

    refused = put_range(server, tls, waiting, 0, 4095)
    assert (refused.status_code, refused.json()["code"]) == (507, "partial_quota_exceeded")
    assert 1 <= int(refused.headers["Retry-After"]) <= 600  # by then the left-over upload has expired
    with kiosk(server, tls, chunk_size=4096) as client, pytest.raises(SyncRetryLater) as caught:
        client.put_attachment(hashlib.sha256(waiting).hexdigest(), waiting)
    assert caught.value.action == sync_errors.RETRY and 1 <= caught.value.retry_after <= 600  # not set aside
    assert state_of(server, tls, waiting)["state"] == "absent"  # nothing of it was kept

    assert put_range(server, tls, waiting, 0, 5999, station="S002").json()["state"] == "partial"  # its own quota
    assert put_range(server, tls, left_over, 6000, 9999).json()["state"] == "verified"  # finishing is never refused
    with kiosk(server, tls, chunk_size=4096) as client:
        assert client.put_attachment(hashlib.sha256(waiting).hexdigest(), waiting).state == "verified"


# ---- failed authentications -----------------------------------------------------------------

def test_failed_authentications_are_rate_limited_per_address(spawn_with, tls):
    server = spawn_with(auth_failures_allowed=3, auth_failure_window_seconds=2)
    health = "/v1/health?challenge=" + "c" * 16
    assert [call(server, tls, "GET", health, "wrong-token-0123456789").status_code for _ in range(3)] == [401] * 3
    throttled = call(server, tls, "GET", health, "wrong-token-0123456789")
    assert (throttled.status_code, throttled.json()["code"]) == (429, "too_many_auth_failures")
    wait = int(throttled.headers["Retry-After"])
    assert 1 <= wait <= 2
    # From this address even the right token waits: a kiosk there hears "try later", not "call IT".
    with kiosk(server, tls) as client:
        with pytest.raises(SyncRetryLater) as caught:
            client.preflight()
        assert not isinstance(caught.value, SyncAuthError) and caught.value.retry_after == wait
        # Another station, at another address, is not affected.
        other = call(server, tls, "GET", health, TOKENS["S002"], source="127.0.0.2")
        assert (other.status_code, other.json()["station_id"]) == (200, "S002")
        assert call(server, tls, "GET", health, "wrong-token-0123456789", source="127.0.0.2").status_code == 401
        time.sleep(wait + 0.2)
        assert client.preflight().station_id == "S001"  # the window has passed


def test_a_bad_limit_in_central_json_is_named(tls, tmp_path, capsys):
    from sync.central.command import main

    (tmp_path / "central.json").write_text(json.dumps({
        "db_path": "central.db", "certfile": str(tls.cert_file), "keyfile": str(tls.key_file), "tokens": TOKENS,
        "catalog_signing_key": Ed25519PrivateKey.generate().private_bytes_raw().hex(), "partial_quota_bytes": -1}))
    assert main(["--config", str(tmp_path / "central.json"), "--port", "0"]) == 2
    assert "partial_quota_bytes must be a whole number above 0" in capsys.readouterr().err
