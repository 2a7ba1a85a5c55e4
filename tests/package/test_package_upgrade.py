"""An upgrade keeps the queue: 20 applications queued by version 1 survive installing version 2 over it,
are backed up (with the key) before the new version touches them, stay readable, and drain to the
reference centre over verified TLS.

Version 2 is the same frozen build packaged with a higher version number (`package.sh --no-freeze
--version ...`): what an upgrade exercises is the package's path (maintainer scripts, conffile, the
data left in place), not a different program.  The applications are queued by the installed build's
own code (`waystation demo-queue`, a resident's session walked with the sample card), and sent by it.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from conftest import CONF, DATA, ROOT, Package, as_waystation, install, installed_version, run
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import enrollment_code
from sync.central import run_server
from sync.central.tls_ca import write_tls_files

pytestmark = pytest.mark.timeout(1800)


def _count(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute("SELECT count(*) FROM applications").fetchone()[0]


def test_an_upgrade_keeps_backs_up_and_then_drains_the_queue(clean_system: Package, tmp_path):
    package = clean_system
    install(package.deb)
    queued = as_waystation(["waystation", "demo-queue", "--count", "20"]).stdout.split()
    assert len(queued) == 20

    version = f"{package.version}+upgrade1"
    run(["bash", "build/package.sh", "--no-freeze", "--fast", "--version", version], cwd=ROOT, timeout=1800)
    upgrade = install(ROOT / "dist" / f"waystation_{version}_{package.arch}.deb")
    assert installed_version() == version
    said = upgrade.stdout + upgrade.stderr
    assert f"backed up the database and key before upgrading from {package.version}" in said

    # One copy of the database and the key, beside them, as the kiosk's own files (owner-only).
    backups = [DATA / "waystation.db.pre-upgrade", DATA / "keys" / "store.key.pre-upgrade"]
    for backup in backups:
        status = backup.stat()
        assert (status.st_mode & 0o777, status.st_uid) == (0o600, Path(DATA).stat().st_uid), backup
    assert (DATA / "keys" / "store.key.pre-upgrade").read_bytes() == (DATA / "keys" / "store.key").read_bytes()
    copy = tmp_path / "backup.db"
    copy.write_bytes((DATA / "waystation.db.pre-upgrade").read_bytes())
    wal = DATA / "waystation.db-wal.pre-upgrade"
    if wal.exists():
        (tmp_path / "backup.db-wal").write_bytes(wal.read_bytes())
    assert _count(copy) == 20
    assert not list(DATA.glob("*.tmp")) and not list((DATA / "keys").glob("*.tmp"))
    assert not (DATA / "keys" / "sequence.pre-upgrade").exists()  # the high-water mark is never put back

    # Still there and readable by the new version: the queue export lists them, waiting to be sent.
    rows = json.loads(as_waystation(["waystation", "export", "--what", "queue", "--format", "json"]).stdout)
    assert [row["number"] for row in rows] == queued
    assert {(row["status"], row["outbox_state"]) for row in rows} == {("queued", "pending")}

    tls = write_tls_files(tmp_path / "tls")
    centre = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens={}, catalog_signing_key=Ed25519PrivateKey.generate())
    try:
        # Enrolled the way README "For IT" says: a one-time code from the centre, redeemed by the installed
        # `waystation enroll` as root, which fills in /etc/waystation/station.toml and writes the token
        # owner-only for the kiosk's user.  No token pasted by hand.
        code = centre.app.enrollments.create_code("DEMO01", "Upgrade test station", 600, enrollment_code.new_code()).code
        run(["waystation", "enroll", "--central", centre.url, "--code", code, "--ca", str(tls.ca_file)])
        config = (CONF / "station.toml").read_text()
        assert f'url = "{centre.url}"' in config
        station_toml = (CONF / "station.toml").stat()
        assert station_toml.st_mode & 0o777 == 0o640  # the conffile keeps its mode and group

        doctor = json.loads(as_waystation(["waystation", "doctor", "--json"], check=False).stdout)
        failed = {check["name"]: check["detail"] for check in doctor["checks"] if check["status"] == "fail"}
        assert set(failed) <= {"speech"}, failed  # no sound card on this machine

        sent = as_waystation(["waystation", "sync", "--once"], timeout=300)
        assert "sent=20" in sent.stdout, sent.stdout + sent.stderr
        with centre.store._tx() as db:
            bodies = [json.loads(body) for (body,) in db.execute(
                "SELECT body FROM applications WHERE station_id = 'DEMO01' ORDER BY number")]
            complete = db.execute("SELECT count(*) FROM applications WHERE complete = 1").fetchone()[0]
        assert sorted(body["number"] for body in bodies) == sorted(queued)
        assert complete == 20  # every attachment arrived and was verified by its sha256
        assert all("王小明" in json.dumps(body["form"], ensure_ascii=False) for body in bodies)  # decrypted whole

        after = json.loads(as_waystation(["waystation", "doctor", "--json"], check=False).stdout)
        queue = {check["name"]: check for check in after["checks"]}["sync queue"]
        assert queue["status"] == "ok", queue
    finally:
        centre.stop()
