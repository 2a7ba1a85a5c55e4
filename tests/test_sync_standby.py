"""`waystation sync --watch` stands by while a kiosk runs on the data dir, and syncs when none does.

The packaged station runs the kiosk (which syncs on its own thread) and `waystation-sync.service`
(`sync --watch`) side by side, so syncing goes on while the kiosk restarts.  Real parts: the reference
centre on loopback over TLS, the sync command as its own process, and a second process holding the
kiosk's data-dir lock exactly as a running kiosk does (kiosk/instance_lock.py).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import applications, config as config_mod, instance_lock
from kiosk.applications import Attachment, Draft
from kiosk.store import open_store
from sync.central import run_server
from sync.central.tls_ca import write_tls_files
from sync.worker import lock_path_for

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "station-S001-token-standby-0123456789"
HOLD_LOCK = "import sys, time\nfrom kiosk import instance_lock\ninstance_lock.acquire(sys.argv[1])\n" \
            "print('held', flush=True)\ntime.sleep(120)\n"


def _kiosk(data_dir: Path) -> subprocess.Popen:
    """A process holding the kiosk's lock on `data_dir`, as `waystation run` does."""
    process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(data_dir)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdout.readline().strip() == "held"
    return process


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _sync_lock_free(database: Path) -> bool:
    fd = os.open(lock_path_for(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_watch_stands_by_for_the_kiosk_and_syncs_while_it_is_away(tmp_path):
    tls = write_tls_files(tmp_path / "tls")
    centre = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens={"S001": TOKEN}, catalog_signing_key=Ed25519PrivateKey.generate())
    (tmp_path / "token").touch(mode=0o600)
    (tmp_path / "token").write_text(TOKEN)
    data_dir = tmp_path / "data"
    config_file = tmp_path / "waystation.toml"
    config_file.write_text(
        f'[station]\nid = "S001"\n[storage]\ndata_dir = "{data_dir}"\n'
        f'[central]\nurl = "{centre.url}"\ntoken_file = "{tmp_path / "token"}"\nca_bundle = "{tls.ca_file}"\n')
    config = config_mod.load(config_file)
    store = open_store(config)
    for i in range(3):
        applications.submit(store, Draft("residence.certificate", "zh_CN", {"name": f"测试{i}"},
                                         [Attachment("id_front", "image/jpeg", os.urandom(2000))]), "S001")

    def queued() -> int:
        return store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]

    kiosk = _kiosk(data_dir)
    assert instance_lock.held(data_dir)
    watch = subprocess.Popen([sys.executable, "-m", "sync.command", "--config", str(config_file), "--watch",
                              "--backoff-base", "0.05", "--backoff-cap", "0.5", "--preflight-base", "0.05"],
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
        assert queued() == 3, "the service sent while a kiosk was running (the kiosk syncs itself then)"
        assert _sync_lock_free(config.storage.database), "the service took the sync lock from the kiosk"

        kiosk.kill()  # the kiosk goes away (a crash, a restart): the service takes over
        kiosk.wait()
        assert _wait(lambda: queued() == 0, 30), "the queue did not drain while the kiosk was away"

        kiosk = _kiosk(data_dir)  # back again: the service lets the sync lock go for the kiosk's own thread
        assert _wait(lambda: _sync_lock_free(config.storage.database), 15), "the service kept the sync lock"
        assert watch.poll() is None
    finally:
        kiosk.kill()
        kiosk.wait()
        watch.terminate()
        _, err = watch.communicate(timeout=20)
        store.close()
        centre.stop()
    assert watch.returncode == 0, err
    assert not instance_lock.held(data_dir)
