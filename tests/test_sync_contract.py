"""The sync worker against a centre that does what the contract allows (issue 11, two bullets of issue 10).

An independent centre written from `sync/openapi.yaml` alone damaged partial
uploads, reset cursors, served leap seconds, mistyped and upper-cased answers,
answered 503 with Retry-After on health, and sent statuses for records it never
acknowledged.  The reference centre produces each case with its fault injection
(`sync.central.faults`, CONTRACT_FAULT_KINDS); each test runs the real worker
over TLS on loopback and checks what a helper or resident would notice.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kiosk import applications, doctor, outbox, receipts, retention
from kiosk import config as config_mod
from kiosk.applications import Attachment, Draft
from kiosk.catalog import CatalogRepository, bundled_bytes
from kiosk.store import open_store
from sync import command
from sync.central import run_server
from sync.client import CentralClient
from sync.signing import public_key_hex
from sync.worker import PassResult, SyncWorker

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "station-S001-token-0123456789abcdef"
OTHER_TOKEN = "station-S002-token-fedcba9876543210"
FAST = outbox.Backoff(base=0.001, cap=0.01)
REASON = "门牌号缺失 REASON-7f3a"  # the centre's words for the resident


@pytest.fixture
def centre(tls, signing_key, tmp_path):
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, db_path=tmp_path / "central.db",
                        tokens={"S001": TOKEN, "S002": OTHER_TOKEN}, catalog_signing_key=signing_key)
    yield server
    server.stop()


def make_worker(store, centre, tls, signing_key=None, tmp_path=None, **options) -> SyncWorker:
    key = public_key_hex(signing_key) if signing_key is not None else None
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5, catalog_public_key=key,
                           station_id="S001")
    repository = CatalogRepository(tmp_path / "catalog") if tmp_path is not None else None
    options = {"backoff": FAST, "preflight_backoff": FAST, **options}
    return SyncWorker(store, client, catalog_repository=repository, **options).open()


@pytest.fixture
def worker(store, centre, tls):
    made = make_worker(store, centre, tls)
    yield made
    made.close()


def submit(store, n: int = 1, size: int = 6000, **draft) -> list:
    made = []
    for _ in range(n):
        seed = time.time_ns().to_bytes(8, "big") + len(made).to_bytes(2, "big")
        made.append(applications.submit(store, Draft(
            "residence.certificate", "zh_CN", {"name": "张三", "address": "北京市朝阳区某街道1号"},
            [Attachment("id_front", "image/jpeg", seed + b"A" * size),
             Attachment("id_back", "image/jpeg", seed + b"B" * size)],
            identity={"method": "card"}, id_number="11010519491231002X", **draft), "S001"))
    return made


def copies(centre, uuid: str) -> int:
    with centre.store._tx() as db:
        return db.execute("SELECT count(*) FROM applications WHERE uuid = ? AND complete = 1", (uuid,)).fetchone()[0]


def outbox_rows(store) -> list[tuple]:
    return store.conn.execute("SELECT application_uuid, state, attempts FROM outbox ORDER BY id").fetchall()


def local_status(store, receipt) -> tuple:
    return store.conn.execute("SELECT status, central_id FROM applications WHERE uuid = ?",
                              (receipt.application_uuid,)).fetchone()


def station_config(tmp_path, centre, tls, station: str = "S001", token: str = TOKEN):
    (tmp_path / "token").write_text(token)
    (tmp_path / "token").chmod(0o600)  # sync refuses a token file others can read
    return config_mod.from_mapping({
        "station": {"id": station}, "storage": {"data_dir": str(tmp_path / "data")},
        "central": {"url": centre.url, "token_file": str(tmp_path / "token"), "ca_bundle": str(tls.ca_file)}})


def wait_for(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


# ---- a good record set aside after a damaged upload ----------------------------------------

@pytest.mark.parametrize("kind", ["corrupt", "damage_partial"])
def test_a_good_record_is_sent_again_not_set_aside_after_a_damaged_upload(store, centre, worker, kind):
    (receipt,) = submit(store)
    worker.client.chunk_size = 1024  # the upload goes on across chunks within one call
    if kind == "damage_partial":  # an earlier upload broke off: the centre holds a part, damaged at rest
        first = applications.load(store, receipt.application_uuid).attachments[0]
        centre.store.append_attachment("S001", first.sha256, len(first.data), 0, first.data[:2500])
    centre.faults.add({"kind": kind, "method": "PUT", "path": "/v1/attachments/.*", "after_bytes": 5})
    result = worker.run_once()
    assert centre.faults.fired[kind] == 1
    assert (result.sent, result.quarantined) == (1, 0) and outbox.quarantined(store) == []
    assert copies(centre, receipt.application_uuid) == 1 and local_status(store, receipt)[0] == "received"
    for attachment in applications.load(store, receipt.application_uuid).attachments:
        assert centre.store.attachment_bytes("S001", attachment.sha256) == attachment.data


def test_an_attachment_damaged_every_time_is_set_aside_with_a_clear_reason(store, centre, worker):
    (bad, good) = submit(store, 2)
    first = applications.load(store, bad.application_uuid).attachments[0]
    centre.faults.add({"kind": "corrupt", "method": "PUT", "path": f"/v1/attachments/{first.sha256}",
                       "times": None})
    result = worker.run_once()
    assert (result.sent, result.quarantined) == (1, 1) and copies(centre, good.application_uuid) == 1
    ((number, reason, _at),) = outbox.quarantined(store)
    assert number == bad.number and reason.startswith("sync.attachment_damaged sha256_mismatch")


# ---- statuses only for records the centre acknowledged -----------------------------------

def test_a_status_for_a_record_set_aside_after_a_conflict_is_not_applied(store, centre, worker, tls):
    (receipt,) = submit(store)
    # Another record already holds this UUID at the centre (different content): the kiosk's is a conflict.
    with CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file) as other:
        other.put_application(receipt.application_uuid, {
            "number": "S001-OTHER-1", "service_id": "other.service", "station_seq": 1,
            "created_at": "2026-11-24T09:30:00+08:00", "form": {}})
    assert worker.run_once().quarantined == 1
    centre.store.set_status(receipt.application_uuid, "rejected", "another record's reason")
    worker._last_pull = 0.0
    result = worker.run_once()
    line = receipts.status_by_number(store, receipt.number)
    assert (line.status, line.reason) == ("set_aside", None)  # the resident sees their own record's state
    assert local_status(store, receipt)[1] is None
    assert result.statuses_ignored >= 1
    assert worker.state()["statuses_ignored"] >= 1 and worker.state()["status_cursor"]


def test_a_status_for_a_queued_unsent_record_is_not_applied(store, centre, worker):
    (receipt,) = submit(store)
    page = {"items": [{"uuid": receipt.application_uuid, "central_id": "C000000999", "number": receipt.number,
                       "status": "approved", "reason": None, "changed_at": "2026-11-24T01:00:00Z"}],
            "cursor": "999", "more": False}
    centre.faults.add({"kind": "garbage", "method": "GET", "path": "/v1/statuses", "body": json.dumps(page)})
    result = PassResult()
    worker.pull_statuses(result)
    assert local_status(store, receipt) == ("queued", None)
    assert (result.statuses, result.statuses_ignored) == (0, 1)
    assert worker.state()["status_cursor"] == "999"  # the page was read; the cursor goes on


def test_a_status_page_with_upper_case_uuids_is_applied_and_the_cursor_moves(store, centre, worker):
    (receipt,) = submit(store)
    worker.run_once()
    centre.store.set_status(receipt.application_uuid, "approved")
    centre.faults.add({"kind": "upper_uuids", "method": "GET", "path": "/v1/statuses"})
    worker._last_pull = 0.0
    cursor = worker.state()["status_cursor"]
    result = worker.run_once()
    assert centre.faults.fired["upper_uuids"] == 1 and result.errors == [] and result.statuses == 1
    assert local_status(store, receipt)[0] == "approved" and worker.state()["status_cursor"] != cursor


# ---- bad_cursor, and pulls that fail --------------------------------------------------------

def publish_catalog(centre, version: str) -> None:
    catalog = json.loads(bundled_bytes())
    catalog["version"] = version
    centre.store.publish_catalog(catalog)


def test_a_centre_that_forgot_the_cursor_is_pulled_from_the_start_and_the_catalog_still_comes(
        store, centre, tls, signing_key, tmp_path):
    worker = make_worker(store, centre, tls, signing_key, tmp_path)
    try:
        (receipt,) = submit(store)
        assert worker.run_once().state == "online" and worker.state()["status_cursor"]
        centre.store.set_status(receipt.application_uuid, "needs_correction", REASON)
        publish_catalog(centre, "2030.01.01")
        centre.faults.add({"kind": "cursor_reset", "times": None})  # restored: no cursor it issued is known
        worker._last_pull = 0.0
        result = worker.run_once()
        assert (result.state, result.code, result.errors) == ("online", "", [])
        assert centre.faults.fired["cursor_reset"] == 1 and result.cursor_reset
        assert worker.state()["state_code"] == ""  # nothing that reads as "an application was set aside"
        assert receipts.status_by_number(store, receipt.number).status == "needs_correction"
        assert result.catalog_version == 1 and worker.catalog_repository.load().version == "2030.01.01"
    finally:
        worker.close()


def test_a_failed_status_pull_never_stops_the_catalog_pull_nor_looks_like_a_set_aside_record(
        store, centre, tls, signing_key, tmp_path):
    worker = make_worker(store, centre, tls, signing_key, tmp_path)
    try:
        publish_catalog(centre, "2030.02.02")
        centre.faults.add({"kind": "error", "status": 422, "code": "invalid_request", "path": "/v1/statuses"})
        result = worker.run_once()
        assert result.errors == ["sync.pull_refused"] and result.quarantined == 0
        assert result.state == "online" and worker.state()["state_code"] == ""
        assert worker.catalog_repository.load().version == "2030.02.02"
    finally:
        worker.close()


def test_a_catalog_answer_nested_to_exhaust_the_parser_is_refused_and_the_last_good_catalog_stays(
        store, centre, tls, signing_key, tmp_path):
    worker = make_worker(store, centre, tls, signing_key, tmp_path)
    try:
        publish_catalog(centre, "2030.03.03")
        assert worker.run_once().state == "online"
        assert worker.catalog_repository.load().version == "2030.03.03"
        publish_catalog(centre, "2030.04.04")
        nested = "[" * 200_000 + "]" * 200_000  # 400 KB: far under the answer size limit
        centre.faults.add({"kind": "garbage", "path": "/v1/catalog", "body": nested,
                           "content_type": "application/json", "times": 1})
        worker._last_pull = 0.0
        result = worker.run_once()  # before the fix: RecursionError out of the pass
        assert centre.faults.fired["garbage"] == 1
        assert result.quarantined == 0 and worker.state()["state_code"] != "sync.failed"
        assert worker.catalog_repository.load().version == "2030.03.03"  # the last good one stays
        worker._last_pull = 0.0
        worker.run_once()
        assert worker.catalog_repository.load().version == "2030.04.04"  # and the next good one comes
    finally:
        worker.close()


# ---- the health answer: leap seconds, mistyped answers, another station, Retry-After --------

def test_a_leap_second_from_the_centre_is_a_time_not_a_crash(tmp_path, centre, tls):
    config = station_config(tmp_path, centre, tls)
    kiosk_store = open_store(config)
    try:
        submit(kiosk_store)
        centre.faults.add({"kind": "leap_second"})
        assert command.main(config, once=True, watch=False) == 0
        assert centre.faults.fired["leap_second"] == 1
        assert kiosk_store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
    finally:
        kiosk_store.close()


def test_a_mistyped_receipt_is_not_taken_as_an_acknowledgement(store, centre, worker):
    (receipt,) = submit(store, size=100)
    centre.faults.add({"kind": "mistype", "method": "PUT", "path": "/v1/applications/.*", "field": "complete"})
    first = worker.run_once()
    assert (first.sent, first.state, first.code) == (0, "not_central", "sync.garbage")
    assert outbox_rows(store)[0][1] == "pending" and local_status(store, receipt) == ("queued", None)
    assert worker.run_once().sent == 1  # the retry gets a well-typed receipt (replayed)
    assert copies(centre, receipt.application_uuid) == 1


def test_a_kiosk_holding_another_stations_token_stops_and_sends_nothing(tmp_path, centre, tls):
    config = station_config(tmp_path, centre, tls, token=OTHER_TOKEN)  # station S001, S002's token
    kiosk_store = open_store(config)
    try:
        (receipt,) = submit(kiosk_store)
        assert command.main(config, once=True, watch=False) == command.EXIT_PAUSED
        state = kiosk_store.conn.execute("SELECT state, state_code FROM sync_state").fetchone()
        assert state == ("stopped", "sync.wrong_station")
        with centre.store._tx() as db:
            assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    finally:
        kiosk_store.close()


def test_a_centre_wide_retry_after_is_honoured_by_the_next_sync_once(tmp_path, centre, tls, capsys):
    config = station_config(tmp_path, centre, tls)
    kiosk_store = open_store(config)
    try:
        submit(kiosk_store, 2)
        centre.faults.add({"kind": "error", "status": 503, "retry_after": 120, "method": "GET",
                           "path": "/v1/health"})
        before = time.time()
        assert command.main(config, once=True, watch=False) == command.EXIT_PAUSED
        centre.faults.add({"kind": "slow", "delay": 0, "times": None})  # counts every request that arrives
        assert command.main(config, once=True, watch=False) == command.EXIT_PAUSED  # a new process
        assert centre.faults.fired["slow"] == 0  # nothing reached the centre
        assert "code=sync.busy" in capsys.readouterr().out.splitlines()[-1]
        assert kiosk_store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 2
        not_before = kiosk_store.conn.execute("SELECT not_before FROM sync_state").fetchone()[0]
        assert before + 119 <= not_before <= time.time() + 121
        queue = {check.name: check for check in doctor.check_sync(config)}["sync queue"]
        assert "sync.busy" in queue.detail and "the centre asked for nothing before" in queue.detail

        # Set under a clock ten years ahead: kept to at most the centre's 120 s from now.
        with kiosk_store.transaction() as conn:
            conn.execute("UPDATE sync_state SET not_before = ?", (time.time() + 10 * 365 * 86400,))
        assert command.main(config, once=True, watch=False) == command.EXIT_PAUSED
        assert kiosk_store.conn.execute("SELECT not_before FROM sync_state").fetchone()[0] <= time.time() + 121
    finally:
        kiosk_store.close()


# ---- attempts counted when sent ------------------------------------------------------------

def test_a_killed_worker_leaves_an_attempt_only_on_the_row_it_was_sending(tmp_path, centre, tls):
    config_file = tmp_path / "waystation.toml"
    (tmp_path / "token").write_text(TOKEN)
    (tmp_path / "token").chmod(0o600)
    config_file.write_text(
        f'[station]\nid = "S001"\n[storage]\ndata_dir = "{tmp_path / "data"}"\n'
        f'[central]\nurl = "{centre.url}"\ntoken_file = "{tmp_path / "token"}"\nca_bundle = "{tls.ca_file}"\n')
    config = config_mod.load(config_file)
    kiosk_store = open_store(config)
    try:
        submit(kiosk_store, 5, size=100)
        centre.faults.add({"kind": "slow", "delay": 5, "method": "PUT", "path": "/v1/applications/.*"})
        process = subprocess.Popen([sys.executable, "-m", "sync.command", "--config", str(config_file), "--watch",
                                    "--backoff-base", "0.01", "--backoff-cap", "0.05"],
                                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert wait_for(lambda: centre.faults.fired["slow"] == 1)  # the first request is at the centre
            time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        assert [row[2] for row in outbox_rows(kiosk_store)] == [1, 0, 0, 0, 0]
        centre.faults.clear()
        time.sleep(0.1)  # the killed attempt's short backoff
        assert command.main(config, once=True, watch=False) == 0
        assert outbox_rows(kiosk_store) == []
    finally:
        kiosk_store.close()


# ---- issue 10: the clock, and the centre's reasons at rest ---------------------------------

def test_a_clock_a_year_ahead_during_failures_does_not_pause_sync_once_corrected(store, centre, tls):
    offset = [365 * 86400.0]
    backoff = outbox.Backoff(base=0.5, cap=1.0)
    worker = make_worker(store, centre, tls, clock=lambda: time.time() + offset[0], backoff=backoff,
                         preflight_backoff=backoff)
    stop = threading.Event()
    thread = threading.Thread(target=worker.run_forever, args=(stop,), daemon=True)
    try:
        receipts_made = submit(store, 3, size=100)
        centre.faults.add({"kind": "error", "status": 500, "method": "PUT", "path": "/v1/applications/.*",
                           "times": None})
        worker.run_once()
        worker.run_once()
        assert outbox.head(store).next_attempt_at > time.time() + 86400  # scheduled by the wrong clock
        assert worker.state()["next_preflight_at"] > time.time() + 86400
        offset[0] = 0.0  # the clock is corrected; the centre is well again
        centre.faults.clear()
        thread.start()
        assert wait_for(lambda: not outbox_rows(store), timeout=10)  # within a backoff period or two
        assert all(copies(centre, r.application_uuid) == 1 for r in receipts_made)
    finally:
        stop.set()
        if thread.is_alive():
            thread.join(10)
        worker.close()


def raw_bytes(store) -> bytes:
    path = Path(store.path)
    return b"".join(p.read_bytes() for p in (path, Path(str(path) + "-wal")) if p.exists())


def test_the_centres_status_reasons_are_sealed_at_rest_and_purged_with_the_application(store, centre, worker):
    rejected, corrected = submit(store, 2, size=100)
    worker.run_once()
    centre.store.set_status(rejected.application_uuid, "rejected", REASON)
    centre.store.set_status(corrected.application_uuid, "needs_correction", REASON + " (2)")
    worker._last_pull = 0.0
    assert worker.run_once().statuses == 2
    assert receipts.status_by_number(store, rejected.number).reason == REASON  # the resident still reads it
    assert receipts.status_by_number(store, corrected.number).reason == REASON + " (2)"
    assert REASON.encode() not in raw_bytes(store) and b"REASON-7f3a" not in raw_bytes(store)
    assert store.conn.execute("SELECT count(*) FROM applications WHERE status_reason IS NOT NULL").fetchone()[0] == 0

    later = _dt.datetime.now(_dt.UTC) + _dt.timedelta(days=8)
    assert sorted(retention.purge(store, 7, now=later)) == sorted([rejected.number, corrected.number])
    assert receipts.status_by_number(store, rejected.number) == receipts.StatusLine(
        rejected.number, "residence.certificate", receipts.status_by_number(store, rejected.number).created_at,
        "rejected", None)
    assert retention.tombstone(store, corrected.number)["status_reason"] is None
    assert store.conn.execute("SELECT count(*) FROM applications WHERE status_reason_sealed IS NOT NULL"
                              " OR status_reason IS NOT NULL").fetchone()[0] == 0
    assert REASON.encode() not in raw_bytes(store)


def test_reasons_an_older_version_kept_in_clear_are_sealed_when_the_worker_starts(store, centre, tls):
    (receipt,) = submit(store, size=100)
    with store.transaction() as conn:
        conn.execute("UPDATE applications SET status = 'rejected', status_reason = ? WHERE uuid = ?",
                     (REASON, receipt.application_uuid))
    make_worker(store, centre, tls).close()
    assert store.conn.execute("SELECT status_reason FROM applications").fetchone()[0] is None
    assert receipts.status_by_number(store, receipt.number).reason == REASON


def test_a_reason_that_arrives_after_the_purge_is_sealed_shown_and_purged_after_retention(store, centre, worker):
    (receipt,) = submit(store, size=100)
    worker.run_once()
    assert retention.purge(store, 7, now=_dt.datetime.now(_dt.UTC) + _dt.timedelta(days=8)) == [receipt.number]
    centre.store.set_status(receipt.application_uuid, "needs_correction", REASON)  # the review took longer
    worker._last_pull = 0.0
    worker.run_once()
    assert receipts.status_by_number(store, receipt.number).reason == REASON
    assert REASON.encode() not in raw_bytes(store)
    retention.purge(store, 7)  # within retention of the change: kept
    assert receipts.status_by_number(store, receipt.number).reason == REASON
    retention.purge(store, 7, now=_dt.datetime.now(_dt.UTC) + _dt.timedelta(days=8))
    line = receipts.status_by_number(store, receipt.number)
    assert (line.status, line.reason) == ("needs_correction", None)
