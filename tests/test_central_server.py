"""The reference centre as IT and benchmarks meet it: its own process, its config file,
its /admin endpoints, and the demo it makes for `waystation central --demo`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.central import spawn_server
from sync.central.runner import READY_LINE
from sync.central.command import load_config, make_demo
from sync.client import CentralClient
from sync.errors import SyncRetryLater
from sync.signing import load_private_key, public_key_hex
from sync.central.tls_ca import write_tls_files

TOKEN = "station-S001-token-0123456789abcdef"
ADMIN = "admin-token-for-tests-0123"


@pytest.fixture(scope="module")
def spawned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("centre-process")
    tls = write_tls_files(folder)
    key = Ed25519PrivateKey.generate()
    (folder / "central.json").write_text(json.dumps({
        "db_path": "central.db", "certfile": "server.pem", "keyfile": "server.key",
        "tokens": {"S001": TOKEN}, "catalog_signing_key": key.private_bytes_raw().hex(), "admin_token": ADMIN}))
    with spawn_server(folder / "central.json") as server:
        yield server, tls, key


def admin(server, tls, method: str, path: str, body: object = None, token: str = ADMIN) -> requests.Response:
    return requests.request(method, f"{server.url}/admin{path}", json=body, verify=str(tls.ca_file), timeout=10,
                            headers={"Authorization": f"Bearer {token}"})


def test_a_centre_in_its_own_process_is_driven_through_admin(spawned):
    server, tls, key = spawned
    with CentralClient(server.url, TOKEN, ca_bundle=tls.ca_file, catalog_public_key=public_key_hex(key)) as client:
        assert client.preflight().station_id == "S001"

        assert admin(server, tls, "POST", "/faults", {"kind": "rate_limit", "retry_after": 9}).status_code == 201
        with pytest.raises(SyncRetryLater) as caught:
            client.preflight()
        assert caught.value.retry_after == 9
        assert admin(server, tls, "GET", "/faults").json()["fired"] == {"rate_limit": 1}

        version = admin(server, tls, "PUT", "/catalog", {"services": []}).json()["version"]
        assert client.pull_catalog().version == version
        assert admin(server, tls, "GET", "/stats").json()["applications"] == 0


def test_admin_needs_its_own_token_and_refuses_bad_rules(spawned):
    server, tls, _ = spawned
    assert admin(server, tls, "GET", "/stats", token=TOKEN).status_code == 401  # a station is not an admin
    answer = admin(server, tls, "POST", "/faults", {"kind": "meteor_strike"})
    assert answer.status_code == 422 and answer.json()["code"] == "invalid_request"


def test_the_demo_makes_everything_a_kiosk_needs(tmp_path):
    config = load_config(make_demo(tmp_path / "demo"))
    assert config["tokens"]["DEMO01"] == (tmp_path / "demo" / "station.token").read_text().strip()
    assert (tmp_path / "demo" / "ca.pem").is_file() and config["certfile"].is_file()
    assert len(public_key_hex(load_private_key(config["catalog_signing_key"]))) == 64
    assert json.loads(config["catalog_file"].read_text())  # the kiosk's sample catalog, published at start
    assert make_demo(tmp_path / "demo") == tmp_path / "demo" / "central.json"  # a second run keeps it


def test_a_broken_config_file_says_what_is_wrong(tmp_path):
    (tmp_path / "central.json").write_text(json.dumps({"db_path": "c.db", "tokens": {"S001": TOKEN}}))
    with pytest.raises(ValueError, match="catalog_signing_key"):
        load_config(tmp_path / "central.json")


def test_the_demo_keeps_its_database_and_secrets_owner_only(tmp_path):
    folder = tmp_path / "demo"
    previous = os.umask(0o022)  # a usual login umask: files would be world-readable by default
    try:
        process = subprocess.Popen([sys.executable, "-m", "sync.central", "--demo", str(folder), "--port", "0"],
                                   stdout=subprocess.PIPE, text=True)
    finally:
        os.umask(previous)
    try:
        assert any(READY_LINE.search(line) for line in iter(process.stdout.readline, ""))  # serving
        database = sorted(path.name for path in folder.glob("central.db*"))
        assert "central.db" in database and "central.db-wal" in database  # the catalog was published into it
        modes = {name: stat.S_IMODE((folder / name).stat().st_mode)
                 for name in [*database, "central.json", "station.token", "server.key"]}
        assert modes == dict.fromkeys(modes, 0o600)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    finally:
        process.terminate()
        process.wait(10)
