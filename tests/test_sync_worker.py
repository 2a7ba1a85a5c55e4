"""The sync worker against the real reference centre on loopback over TLS.

The centre runs in a thread with a throw-away CA made here; faults are injected
by its own middleware (sockets really reset, acknowledgements really lost).
Each test checks what a helper or resident would notice: the queue drains,
nothing is doubled, a bad record is set aside without blocking the rest, a
captive portal shows a clear state and loses nothing, personal data goes after
retention while the status look-up still works.
"""

from __future__ import annotations

import datetime as _dt
import time

import pytest

from kiosk import applications, audit, outbox, retention
from kiosk import config as config_mod
from kiosk.applications import Attachment, Draft
from kiosk.store import open_store
from sync import command
from sync.central import run_server
from sync.client import CentralClient
from sync.worker import SyncLocked, SyncWorker

TOKEN = "station-S001-token-0123456789abcdef"
FAST = outbox.Backoff(base=0.001, cap=0.01)  # tests do not wait out real backoffs


@pytest.fixture
def centre(tls, signing_key, tmp_path):
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens={"S001": TOKEN}, catalog_signing_key=signing_key)
    yield server
    server.stop()


@pytest.fixture
def worker(store, centre, tls):
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    made = SyncWorker(store, client, backoff=FAST, preflight_backoff=FAST).open()
    yield made
    made.close()


def submit(store, n: int = 1, locale: str = "zh_CN", size: int = 2000) -> list:
    receipts = []
    for _ in range(n):
        seed = len(receipts).to_bytes(2, "big") + time.time_ns().to_bytes(8, "big")
        draft = Draft("residence.certificate", locale, {"name": "张三", "address": "北京市朝阳区某街道1号"},
                      [Attachment("id_front", "image/jpeg", seed + b"A" * size),
                       Attachment("id_back", "image/jpeg", seed + b"B" * size)],
                      identity={"method": "card"}, id_number="11010519491231002X")
        receipts.append(applications.submit(store, draft, "S001"))
    return receipts


def copies(centre, uuid: str) -> int:
    with centre.store._tx() as db:
        return db.execute("SELECT count(*) FROM applications WHERE uuid = ?", (uuid,)).fetchone()[0]


def outbox_size(store) -> int:
    return store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


def test_the_queue_drains_and_every_attachment_arrives_verified(store, centre, worker):
    receipts = submit(store, 5)
    result = worker.run_once()
    assert (result.state, result.sent) == ("online", 5)
    assert outbox_size(store) == 0
    for receipt in receipts:
        assert copies(centre, receipt.application_uuid) == 1
        for attachment in applications.load(store, receipt.application_uuid).attachments:
            assert centre.store.attachment_bytes("S001", attachment.sha256) == attachment.data
        local = store.conn.execute("SELECT status, central_id, received_at FROM applications WHERE uuid = ?",
                                   (receipt.application_uuid,)).fetchone()
        assert local[0] == "received" and local[1] and local[2]
    assert worker.state()["last_success_at"] and abs(worker.state()["clock_skew"]) < 60


def test_a_lost_acknowledgement_is_retried_without_a_duplicate(store, centre, worker):
    (receipt,) = submit(store)
    centre.faults.add({"kind": "lost_ack", "method": "PUT", "path": "/v1/applications/.*"})
    first = worker.run_once()
    assert first.sent == 0 and first.state == "offline"
    row = store.conn.execute("SELECT attempts, state, last_error FROM outbox").fetchone()
    assert row[0] == 1 and row[1] == "pending" and row[2]  # the failed attempt is on record
    assert copies(centre, receipt.application_uuid) == 1  # the centre committed although we never heard
    worker.run_once()
    assert outbox_size(store) == 0 and copies(centre, receipt.application_uuid) == 1


def test_an_invalid_record_is_set_aside_and_the_next_one_goes(store, centre, worker):
    (bad,) = submit(store, locale="not a locale")  # the centre refuses it (422)
    (good,) = submit(store)
    result = worker.run_once()
    assert result.quarantined == 1 and result.sent == 1
    assert copies(centre, good.application_uuid) == 1 and copies(centre, bad.application_uuid) == 0
    ((number, reason, _at),) = outbox.quarantined(store)
    assert number == bad.number and "sync.rejected" in reason
    assert applications.find_by_number(store, bad.number).status == "set_aside"
    assert outbox.counts(store).quarantined == 1 and outbox.counts(store).waiting == 0


def test_429_retry_after_is_honoured_and_persisted(store, centre, worker):
    submit(store)
    centre.faults.add({"kind": "rate_limit", "method": "PUT", "path": "/v1/applications/.*", "retry_after": 120})
    before = time.time()
    result = worker.run_once()
    assert result.sent == 0
    next_at = store.conn.execute("SELECT next_attempt_at FROM outbox").fetchone()[0]
    assert next_at >= before + 119  # not before the centre said
    assert worker.run_once().sent == 0  # a second pass does not jump the wait
    assert outbox_size(store) == 1


def test_a_captive_portal_loses_nothing_and_says_so(store, centre, worker):
    receipts = submit(store, 3)
    centre.faults.add({"kind": "captive_portal", "times": None})
    result = worker.run_once()
    assert (result.state, result.code, result.sent) == ("not_central", "sync.captive_portal", 0)
    state = worker.state()
    assert state["state"] == "not_central" and state["state_code"] == "sync.captive_portal"
    assert state["next_preflight_at"] > time.time() - 1  # the next check is scheduled, not hammered
    assert outbox_size(store) == 3 and all(copies(centre, r.application_uuid) == 0 for r in receipts)
    centre.faults.clear()
    assert worker.run_once().sent == 3
    assert outbox_size(store) == 0


def test_status_changes_come_back_with_the_cursor(store, centre, worker):
    (receipt,) = submit(store)
    worker.run_once()
    centre.store.set_status(receipt.application_uuid, "needs_correction", "photo unclear")
    worker._last_pull = 0.0
    worker.run_once()
    line = applications.find_by_number(store, receipt.number)
    assert line.status == "needs_correction"
    assert store.conn.execute("SELECT status_reason FROM applications").fetchone()[0] == "photo unclear"
    assert worker.state()["status_cursor"]


def test_personal_data_is_purged_after_retention_and_a_tombstone_stays(store, centre, worker):
    (receipt,) = submit(store)
    worker.run_once()
    assert retention.purge(store, 7) == []  # accepted just now: kept
    later = _dt.datetime.now(_dt.UTC) + _dt.timedelta(days=8)
    assert retention.purge(store, 7, now=later) == [receipt.number]
    stone = retention.tombstone(store, receipt.number)
    assert stone["payload_gone"] and stone["status"] == "received" and stone["accepted_at"]
    assert store.conn.execute("SELECT count(*) FROM attachments WHERE data IS NOT NULL").fetchone()[0] == 0
    assert applications.find_by_id_number(store, "11010519491231002X")[0].number == receipt.number
    actions = [row[0] for row in store.conn.execute("SELECT action FROM audit_log")]
    assert "application.purged" in actions and audit.verify(store.conn) == len(actions)


def test_a_second_worker_on_the_same_database_is_refused(store, centre, tls, worker):
    other = SyncWorker(store, CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file))
    with pytest.raises(SyncLocked) as caught:
        other.open()
    assert caught.value.code == "sync.already_running"


def test_waystation_sync_once_and_the_lock_from_the_command(tmp_path, centre, tls):
    (tmp_path / "token").write_text(TOKEN)
    config = config_mod.from_mapping({
        "station": {"id": "S001"}, "storage": {"data_dir": str(tmp_path / "data")},
        "central": {"url": centre.url, "token_file": str(tmp_path / "token"), "ca_bundle": str(tls.ca_file)}})
    kiosk_store = open_store(config)
    submit(kiosk_store, 2)
    assert command.main(config, once=True, watch=False) == 0
    assert outbox_size(kiosk_store) == 0
    holder = command.build_worker(config).open()  # a worker already running
    try:
        assert command.main(config, once=True, watch=False) == command.EXIT_LOCKED
    finally:
        holder.close()
        holder.store.close()
        kiosk_store.close()
