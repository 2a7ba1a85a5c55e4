"""SIGKILL at random moments never leaves a partial application, and loses nothing that returned."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk import audit, crypto
from kiosk.store import Store

CHILD = Path(__file__).with_name("submit_child.py")


def test_sigkill_during_50_submits(tmp_path):
    rng = random.Random(20261124)
    returned: list[tuple[str, str]] = []
    kills = 0
    while len(returned) < 50 or kills < 20:
        child = subprocess.Popen([sys.executable, str(CHILD), str(tmp_path)], stdout=subprocess.PIPE, text=True)
        # Let it return a few submits, then kill it at a random moment (often mid-transaction).
        seen = [child.stdout.readline() for _ in range(rng.randint(1, 3))]
        time.sleep(rng.uniform(0.0, 0.01))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        kills += 1
        # Only whole lines count as returned: a kill can cut the child's last line short.
        for line in [*seen, *rest.splitlines(keepends=True)]:
            if line.endswith("\n") and line.strip():
                number, uuid = line.split()
                returned.append((number, uuid))
    assert kills >= 20 and len(returned) >= 50

    store = Store(tmp_path / "waystation.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "store.key")))
    assert store.integrity_ok()[0]
    stored = dict(store.conn.execute("SELECT number, uuid FROM applications").fetchall())
    for number, uuid in returned:
        assert stored.get(number) == uuid, f"{number} returned but missing after restart"
    # No partial application: every one has its attachments, outbox row and receipt.
    partial = store.conn.execute(
        """SELECT a.number FROM applications a
           WHERE (SELECT count(*) FROM attachments t WHERE t.application_uuid = a.uuid) != 3
              OR NOT EXISTS (SELECT 1 FROM outbox o WHERE o.application_uuid = a.uuid)
              OR NOT EXISTS (SELECT 1 FROM receipts r WHERE r.application_uuid = a.uuid)"""
    ).fetchall()
    assert partial == []
    assert store.conn.execute("SELECT count(*) FROM attachments WHERE application_uuid NOT IN "
                              "(SELECT uuid FROM applications)").fetchone()[0] == 0
    assert audit.verify(store.conn) == len(stored)
