"""Chaos: faults of every kind, and the sync process killed with SIGKILL again and again.

300 applications with two attachments each are queued; the reference centre
(real, on loopback over TLS) injects every fault kind at random; the sync
worker runs as its own process (`python -m sync.command --watch`) and is
killed with SIGKILL at random moments at least 20 times and started again,
at least 20 of the kills while applications were still queued.  The centre
also does, at least once each, what a centre following the contract may do
(issue 11): it damages a stored partial upload and an upload on the way,
resets the status cursor, serves a leap-second time and a mistyped answer,
and answers with upper-case UUIDs.
In the end the centre must hold each application exactly once with every
attachment's sha256 verified, the kiosk's outbox must be empty and no good
application may have been set aside.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import applications
from kiosk import config as config_mod
from kiosk.applications import Attachment, Draft
from kiosk.store import open_store
from sync.central import CONTRACT_FAULT_KINDS, FAULT_KINDS, run_server
from sync.central.tls_ca import write_tls_files

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "station-S001-token-chaos-0123456789"
APPLICATIONS = 300
KILLS = 22
ATTACHMENT_BYTES = 20_000

# The contract's cases first: each fires where it applies (a held part, a pull with a cursor, ...).
CONTRACT_RULES = [
    {"kind": "damage_partial", "method": "PUT", "path": "/v1/attachments/.*", "times": 2},
    {"kind": "cursor_reset", "times": 1},
    {"kind": "leap_second", "method": "GET", "path": "/v1/health", "times": 1},
    {"kind": "mistype", "method": "PUT", "path": "/v1/applications/.*", "times": 1},
    {"kind": "upper_uuids", "method": "GET", "path": "/v1/statuses", "times": 1},
    {"kind": "corrupt", "method": "PUT", "path": "/v1/attachments/.*", "probability": 0.01, "times": None},
]
# Every fault kind, at random (seeded): the probabilities keep the run short.
FAULT_RULES = [
    {"kind": "error", "status": 500, "probability": 0.03},
    {"kind": "error", "status": 503, "retry_after": 0, "probability": 0.02},
    {"kind": "rate_limit", "retry_after": 0, "probability": 0.02},
    {"kind": "slow", "delay": 0.3, "probability": 0.01},
    {"kind": "reset", "probability": 0.03},
    {"kind": "reset", "phase": "response", "probability": 0.02},
    {"kind": "lost_ack", "probability": 0.03},
    {"kind": "garbage", "probability": 0.02},
    {"kind": "garbage", "commit": True, "probability": 0.01},
    {"kind": "captive_portal", "probability": 0.01},
]


def start_worker(config_file: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "sync.command", "--config", str(config_file), "--watch",
         "--backoff-base", "0.02", "--backoff-cap", "0.3", "--preflight-base", "0.05"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_nothing_lost_nothing_doubled_through_faults_and_kills(tmp_path, capsys):
    tls = write_tls_files(tmp_path / "tls")
    centre = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens={"S001": TOKEN}, catalog_signing_key=Ed25519PrivateKey.generate())
    centre.faults._random.seed(5)
    rng = random.Random(5)
    (tmp_path / "token").touch(mode=0o600)  # owner-only, or sync refuses it
    (tmp_path / "token").write_text(TOKEN)
    config_file = tmp_path / "waystation.toml"
    config_file.write_text(
        f'[station]\nid = "S001"\n[storage]\ndata_dir = "{tmp_path / "data"}"\n'
        f'[central]\nurl = "{centre.url}"\ntoken_file = "{tmp_path / "token"}"\nca_bundle = "{tls.ca_file}"\n')
    store = open_store(config_mod.load(config_file))
    expected: dict[str, list[str]] = {}
    for i in range(APPLICATIONS):
        data = [rng.randbytes(ATTACHMENT_BYTES), rng.randbytes(ATTACHMENT_BYTES)]
        receipt = applications.submit(store, Draft(
            "residence.certificate", "zh_CN", {"name": f"测试{i}"},
            [Attachment("id_front", "image/jpeg", data[0]), Attachment("id_back", "image/jpeg", data[1])],
            identity={"method": "card"}), "S001")
        expected[receipt.application_uuid] = [hashlib.sha256(d).hexdigest() for d in data]
    for rule in CONTRACT_RULES:
        centre.faults.add(rule)
    for rule in FAULT_RULES:
        centre.faults.add({**rule, "times": None})

    kills = 0
    left_at_kill: list[int] = []  # outbox rows when each kill landed: a kill after the drain proves nothing
    process = start_worker(config_file)
    try:
        while kills < KILLS:
            time.sleep(rng.uniform(0.3, 1.6))  # sometimes still starting, mostly mid-send
            process.send_signal(signal.SIGKILL)
            process.wait()
            kills += 1
            left_at_kill.append(store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
            process = start_worker(config_file)
        deadline = time.monotonic() + 60
        while store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] and time.monotonic() < deadline:
            time.sleep(0.2)
        process.terminate()
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        fired = dict(centre.faults.fired)
        centre.faults.clear()

    stats = centre.store.stats()
    with centre.store._tx() as db:
        held = dict(db.execute("SELECT uuid, count(*) FROM applications WHERE complete = 1 GROUP BY uuid"))
    lost = [uuid for uuid in expected if uuid not in held]
    duplicated = stats["applications"] - stats["distinct_numbers"]
    bad_attachments = [sha for shas in expected.values() for sha in shas
                       if (data := centre.store.attachment_bytes("S001", sha)) is None
                       or hashlib.sha256(data).hexdigest() != sha]
    waiting = store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
    set_aside = store.conn.execute("SELECT count(*) FROM outbox WHERE state = 'quarantined'").fetchone()[0]
    store.close()
    centre.stop()
    with capsys.disabled():
        print(f"\nchaos: applications={APPLICATIONS} attachments={2 * APPLICATIONS} kills={kills} "
              f"faults={sum(fired.values())} by kind={dict(sorted(fired.items()))} "
              f"lost={len(lost)} duplicated={duplicated} bad_attachments={len(bad_attachments)} "
              f"set_aside={set_aside} outbox_left={waiting} "
              f"outbox_at_kills={left_at_kill} centre={stats}")
    assert set(FAULT_KINDS) <= set(fired), f"fault kinds never injected: {set(FAULT_KINDS) - set(fired)}"
    assert all(fired[kind] >= 1 for kind in CONTRACT_FAULT_KINDS)
    assert set_aside == 0, "a good application was set aside"
    assert kills >= 20
    assert sum(left > 0 for left in left_at_kill) >= 20, f"kills after the queue had drained: {left_at_kill}"
    assert lost == [] and duplicated == 0 and stats["applications"] == APPLICATIONS
    assert bad_attachments == []
    assert waiting == 0
