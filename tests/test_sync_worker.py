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
import json
import logging
import threading
import time

import pytest

from kiosk import applications, audit, doctor, outbox, retention, receipts
from kiosk import config as config_mod
from kiosk.applications import Attachment, Draft
from kiosk.catalog import CatalogRepository, bundled_bytes
from kiosk.store import open_store
from sync import command
from sync.central import run_server
from sync.client import CentralClient
from sync.signing import public_key_hex
from sync.worker import SyncLocked, SyncWorker
from sync.worker_thread import run_in_thread

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
    assert receipts.status_by_number(store, bad.number).status == "set_aside"
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
    from kiosk.sync_status import SyncStatus, SyncStatusBoard

    board = SyncStatusBoard()
    heard: list = []
    board.add_listener(heard.append)
    worker.on_status = board.publish  # what the kiosk's helpers' notice listens to
    receipts = submit(store, 3)
    centre.faults.add({"kind": "captive_portal", "times": None})
    result = worker.run_once()
    assert heard == [SyncStatus("not_central", "sync.captive_portal", waiting=3, set_aside=0)]
    assert (result.state, result.code, result.sent) == ("not_central", "sync.captive_portal", 0)
    state = worker.state()
    assert state["state"] == "not_central" and state["state_code"] == "sync.captive_portal"
    assert state["next_preflight_at"] > time.time() - 1  # the next check is scheduled, not hammered
    assert outbox_size(store) == 3 and all(copies(centre, r.application_uuid) == 0 for r in receipts)
    centre.faults.clear()
    assert worker.run_once().sent == 3
    assert outbox_size(store) == 0
    assert heard[-1] == SyncStatus("online", "", waiting=0, set_aside=0) and not heard[-1].needs_attention


def test_status_changes_come_back_with_the_cursor(store, centre, worker):
    (receipt,) = submit(store)
    worker.run_once()
    centre.store.set_status(receipt.application_uuid, "needs_correction", "photo unclear")
    worker._last_pull = 0.0
    worker.run_once()
    line = receipts.status_by_number(store, receipt.number)
    assert line.status == "needs_correction"
    assert line.reason == "photo unclear"  # sealed at rest: see test_status_reasons_are_sealed_at_rest...
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
    assert receipts.status_by_id_number(store, "11010519491231002X")[0].number == receipt.number
    actions = [row[0] for row in store.conn.execute("SELECT action FROM audit_log")]
    assert "application.purged" in actions and audit.verify(store.conn) == len(actions)


def test_a_second_worker_on_the_same_database_is_refused(store, centre, tls, worker):
    other = SyncWorker(store, CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file))
    with pytest.raises(SyncLocked) as caught:
        other.open()
    assert caught.value.code == "sync.already_running"


def test_waystation_sync_once_and_the_lock_from_the_command(tmp_path, centre, tls):
    (tmp_path / "token").touch(mode=0o600)  # owner-only, or sync refuses it
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


def station_config(tmp_path, centre, tls, **central):
    return config_mod.from_mapping({
        "station": {"id": "S001"}, "storage": {"data_dir": str(tmp_path / "data"), "retention_days": 0},
        "central": {"url": centre.url, "token_file": str(tmp_path / "token"), "ca_bundle": str(tls.ca_file),
                    **central}})


def wait_for(condition, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_a_signed_catalog_that_fails_the_schema_is_refused_and_the_pass_goes_on(tmp_path, centre, tls, signing_key):
    (tmp_path / "token").touch(mode=0o600)  # owner-only, or sync refuses it
    (tmp_path / "token").write_text(TOKEN)
    config = station_config(tmp_path, centre, tls, catalog_public_key=public_key_hex(signing_key))
    kiosk_store = open_store(config)
    repository = CatalogRepository(config.storage.data_dir)
    try:
        good = json.loads(bundled_bytes())
        good["version"] = "2030.01.01"
        centre.store.publish_catalog(good)
        submit(kiosk_store)
        assert command.main(config, once=True, watch=False) == 0
        assert repository.load().version == "2030.01.01"

        # The centre signs a catalog this kiosk cannot use: every pass still sends, pulls and purges.
        centre.store.publish_catalog({"version": "next week", "services": []})
        for _ in range(2):
            (receipt,) = submit(kiosk_store)
            assert command.main(config, once=True, watch=False) == 0
            assert outbox_size(kiosk_store) == 0 and copies(centre, receipt.application_uuid) == 1
            assert retention.tombstone(kiosk_store, receipt.number)["payload_gone"]  # retention 0: purged
        state = kiosk_store.conn.execute(
            "SELECT state, catalog_version, catalog_problem FROM sync_state").fetchone()
        assert state[0] == "online" and state[1] == 1
        assert state[2].startswith("catalog.invalid: version 2:") and "version" in state[2]
        assert repository.load().version == "2030.01.01"  # the last good catalog stays in use
        checks = {check.name: check for check in doctor.check_sync(config)}
        assert checks["catalog update"].status == doctor.WARN and "version 2" in checks["catalog update"].detail
    finally:
        kiosk_store.close()


def test_the_kiosk_sync_thread_survives_a_bad_start_says_why_and_starts_when_fixed(tmp_path, centre, tls, caplog,
                                                                                capsys):
    config = station_config(tmp_path, centre, tls)  # the token file is not there yet
    kiosk_store = open_store(config)
    (receipt,) = submit(kiosk_store)
    calls = []

    def factory():
        calls.append(time.monotonic())
        if len(calls) == 1:
            raise RuntimeError("card 11010519491231002X of 张三 unreadable")  # an unexpected failure
        return command.build_worker(config, backoff_base=0.001, backoff_cap=0.01, preflight_base=0.001)

    def state():
        return kiosk_store.conn.execute("SELECT state, state_code FROM sync_state").fetchone()

    stop = threading.Event()
    caplog.set_level(logging.INFO, logger="sync.worker_thread")
    thread = run_in_thread(factory, stop, retry=outbox.Backoff(base=0.05, cap=0.2))
    try:
        assert wait_for(lambda: state() == ("stopped", "config.invalid") and len(calls) >= 3)
        assert thread.is_alive() and outbox_size(kiosk_store) == 1
        queue = {check.name: check for check in doctor.check_sync(config)}["sync queue"]
        assert queue.status == doctor.FAIL and "stopped (config.invalid)" in queue.detail
        lines = [record for record in caplog.records
                 if record.name == "sync.worker_thread" and record.levelno >= logging.ERROR]
        assert "sync worker stopped (sync.failed): RuntimeError" == lines[0].getMessage()
        assert "central.token_file" in lines[1].getMessage()
        assert all(record.exc_info is None for record in lines)  # no traceback: it could carry anything
        assert "11010519491231002X" not in caplog.text and "张三" not in caplog.text
        assert "Traceback" not in capsys.readouterr().err

        (tmp_path / "token").touch(mode=0o600)  # owner-only, or sync refuses it
        (tmp_path / "token").write_text(TOKEN)  # IT fixes it: the thread starts by itself
        assert wait_for(lambda: outbox_size(kiosk_store) == 0 and state()[0] == "online")
        assert copies(centre, receipt.application_uuid) == 1
    finally:
        stop.set()
        thread.join(10)
        kiosk_store.close()
    assert not thread.is_alive()


def test_the_centres_words_about_a_refused_record_stay_out_of_the_audit_log(store, centre, worker):
    (receipt,) = submit(store)
    echo = {"code": "invalid_application", "message": "name 张三, id 11010519491231002X: not accepted",
            "details": [{"loc": ["form", "answers", "name"], "type": "value_error", "msg": "bad"}]}
    centre.faults.add({"kind": "garbage", "method": "PUT", "path": "/v1/applications/.*", "status": 422,
                       "body": json.dumps(echo, ensure_ascii=False)})
    assert worker.run_once().quarantined == 1
    ((action, detail),) = store.conn.execute(
        "SELECT action, detail FROM audit_log WHERE action = 'application.quarantined'").fetchall()
    assert detail == "code=sync.rejected server_code=invalid_application field=form.answers.name"
    everything = " ".join(" ".join(map(str, row)) for row in store.conn.execute("SELECT * FROM audit_log"))
    assert "张三" not in everything and "11010519491231002X" not in everything
    ((number, reason, _at),) = outbox.quarantined(store)  # a helper still reads what the centre said
    assert number == receipt.number and reason.startswith("sync.rejected invalid_application: ")
    assert "not accepted" in reason
    last_error, sealed = store.conn.execute("SELECT last_error, quarantine_message FROM outbox").fetchone()
    assert last_error == "sync.rejected invalid_application" and "张三".encode() not in sealed


def test_the_centre_receives_what_the_identity_step_verified(store, centre, worker, catalog):
    """The binding travels: method, the verified number, card kind, face outcome and score, bound answers."""
    from factories import fill_to_review, make_card
    from kiosk.identity import FaceCheck
    from kiosk.session import Session

    card = make_card()
    session = Session(catalog)
    fill_to_review(session, "senior_card", card)
    receipt = session.submit(lambda draft: applications.submit(store, draft, "S001"))
    assert worker.run_once().sent == 1
    body = centre.store.application_body("S001", receipt.application_uuid)
    assert body["verified"] == {
        "method": "simulated", "id_number": card.id_number, "card_kind": "resident",
        "face_check": FaceCheck.NOT_DONE.value, "face_score": None, "liveness": "not_done",
        "bound_answers": {"name": "card.name", "id_number": "card.id_number", "birth_date": "card.birth_date"},
    }
    answers = body["form"]["answers"]
    assert all(answers[field] == (card.name if source == "card.name" else card.id_number if source == "card.id_number"
                                  else card.birth_date.isoformat())
               for field, source in body["verified"]["bound_answers"].items())
