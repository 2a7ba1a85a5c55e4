"""The protocol client against the real reference centre, on loopback over TLS.

The centre runs in a thread (uvicorn, h11) with a throw-away CA made here; the
client talks to it over real sockets.  Faults are injected by the centre's own
middleware (sockets really reset, acknowledgements really lost), and each must
come out of the client as the SyncError that tells the outbox worker what to do,
while the centre still ends up with exactly one copy of each application.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import itertools
import json
import uuid as uuid_mod
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import app_number, id_number
from sync import errors as sync_errors
from sync.central import NETWORK_FAULT_KINDS, FaultRule, run_server
from sync.client import CentralClient
from sync.errors import (
    SyncAuthError,
    SyncCatalogRefused,
    SyncConflict,
    SyncNotCentral,
    SyncRejected,
    SyncRetryLater,
)
from sync.signing import sign_catalog

TOKEN = "station-S001-token-0123456789abcdef"
OTHER_STATION_TOKEN = "station-S002-token-fedcba9876543210"
_sequence = itertools.count(1)


@pytest.fixture(scope="module")
def centre(tls, signing_key, tmp_path_factory):
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file,
                        db_path=tmp_path_factory.mktemp("centre") / "central.db",
                        tokens={"S001": TOKEN, "S002": OTHER_STATION_TOKEN}, catalog_signing_key=signing_key)
    yield server
    server.stop()


@pytest.fixture
def faults(centre):
    centre.faults.fired.clear()  # counted per test (the centre serves the whole module)
    yield centre.faults
    centre.faults.clear()


def make_client(centre, tls, signing_key, token: str = TOKEN, **options: Any) -> CentralClient:
    return CentralClient(centre.url, token, ca_bundle=tls.ca_file,
                         catalog_public_key=signing_key.public_key().public_bytes_raw().hex(), **options)


@pytest.fixture
def client(centre, tls, signing_key):
    with make_client(centre, tls, signing_key, read_timeout=10) as made:
        yield made


def application(*attachments: bytes, service: str = "residence.certificate") -> tuple[str, dict[str, Any]]:
    """A fresh application as a kiosk would send it (fake resident data)."""
    seq = next(_sequence)
    return str(uuid_mod.uuid4()), {
        "number": app_number.make("S001", _dt.date(2026, 11, 24), seq),
        "service_id": service,
        "station_seq": seq,
        "created_at": "2026-11-24T09:30:00+08:00",
        "locale": "zh_CN",
        "form": {"name": "张三", "id_number": id_number.make("110105", _dt.date(1950, 3, 1), 2),
                 "address": "北京市朝阳区某街道1号"},
        "attachments": [{"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                         "media_type": "image/jpeg", "name": f"photo{i}"} for i, data in enumerate(attachments)],
    }


def copies_at_centre(centre, uuid: str) -> int:
    with centre.store._tx() as db:
        return db.execute("SELECT count(*) FROM applications WHERE uuid = ?", (uuid,)).fetchone()[0]


# ---- preflight ----------------------------------------------------------------------------

def test_preflight_proves_the_centre_and_measures_the_clock(client):
    result = client.preflight()
    assert result.station_id == "S001" and result.protocol == 1
    assert abs(result.clock_skew) < 60  # same machine: same clock


def test_a_refused_station_token_stops_the_queue(centre, tls, signing_key):
    with (make_client(centre, tls, signing_key, token="not-a-token-of-this-centre") as stranger,
          pytest.raises(SyncAuthError) as caught):
        stranger.preflight()
    assert caught.value.code == "sync.auth" and caught.value.action == sync_errors.STOP


@pytest.mark.parametrize("rule, code", [
    (FaultRule(kind="captive_portal"), "sync.captive_portal"),
    (FaultRule(kind="captive_portal", status=302), "sync.captive_portal"),
    (FaultRule(kind="captive_portal", status=511), "sync.captive_portal"),
    (FaultRule(kind="garbage"), "sync.garbage"),
    # A proxy answering every request with plausible JSON: only the HMAC proof tells.
    (FaultRule(kind="garbage", body=json.dumps({
        "service": "waystation-central", "protocol": 1, "station_id": "S001",
        "server_time": "2026-11-24T01:00:00Z", "challenge": "x" * 32, "nonce": "n" * 32,
        "proof": "0" * 64})), "sync.not_central"),
])
def test_preflight_tells_a_portal_or_proxy_from_the_centre(client, faults, rule, code):
    faults.add(rule)
    with pytest.raises(SyncNotCentral) as caught:
        client.preflight()
    assert caught.value.code == code and caught.value.action == sync_errors.RETRY
    assert client.preflight().station_id == "S001"  # the fault was one answer; the centre is fine


# ---- applications: exactly once ----------------------------------------------------------

def test_sending_the_same_application_again_returns_the_first_receipt(client, centre):
    uuid, body = application()
    first = client.put_application(uuid, body)
    again = client.put_application(uuid, dict(reversed(list(body.items()))))  # key order does not matter
    assert not first.replayed and again.replayed
    assert (again.central_id, again.received_at) == (first.central_id, first.received_at)
    assert first.complete and first.status == "received"  # no attachments: complete at once
    assert copies_at_centre(centre, uuid) == 1


def test_the_same_uuid_with_different_content_is_a_conflict(client, centre):
    uuid, body = application()
    client.put_application(uuid, body)
    with pytest.raises(SyncConflict) as caught:
        client.put_application(uuid, {**body, "service_id": "another.service"})
    assert caught.value.action == sync_errors.CONFLICT and caught.value.server_code == "idempotency_conflict"
    assert copies_at_centre(centre, uuid) == 1


def test_another_station_cannot_see_or_take_an_application(client, centre, tls, signing_key):
    uuid, body = application()
    client.put_application(uuid, body)
    with make_client(centre, tls, signing_key, token=OTHER_STATION_TOKEN) as other:
        assert other.get_application(uuid) is None
        with pytest.raises(SyncConflict):
            other.put_application(uuid, body)


def test_an_invalid_application_is_set_aside_not_retried(client, centre):
    uuid, body = application()
    del body["service_id"]
    with pytest.raises(SyncRejected) as caught:
        client.put_application(uuid, body)
    assert caught.value.action == sync_errors.QUARANTINE
    assert caught.value.server_code == "invalid_application" and caught.value.code == "sync.rejected"
    assert copies_at_centre(centre, uuid) == 0


def test_a_record_that_cannot_be_sent_as_json_is_set_aside(client, centre):
    uuid, body = application()
    with pytest.raises(SyncRejected) as caught:
        client.put_application(uuid, {**body, "form": {"signed_on": _dt.date(2026, 11, 24)}})
    assert caught.value.action == sync_errors.QUARANTINE and caught.value.server_code == "not_json"
    assert copies_at_centre(centre, uuid) == 0


# ---- attachments -------------------------------------------------------------------------

def test_an_application_is_complete_only_when_every_attachment_is_verified(client):
    front, back = b"front of the ID card" * 500, b"back of the ID card" * 700
    uuid, body = application(front, back)
    receipt = client.put_application(uuid, body)
    assert (receipt.status, receipt.complete) == ("incomplete", False)
    assert [m.sha256 for m in receipt.missing_attachments] == [a["sha256"] for a in body["attachments"]]
    client.put_attachment(body["attachments"][0]["sha256"], front, offset=0)
    assert not client.get_application(uuid).complete
    state = client.put_attachment(body["attachments"][1]["sha256"], back)
    assert state.state == "verified" and state.received == len(back)
    now = client.get_application(uuid)
    assert now.complete and now.status == "received" and now.missing_attachments == []


@pytest.mark.parametrize("chunk_size", [4096, 1 << 20], ids=["chunked", "whole"])
def test_an_upload_cut_mid_body_resumes_where_the_centre_stopped(client, centre, faults, tls, chunk_size):
    data = chunk_size.to_bytes(4, "big") + bytes(range(256)) * 80  # 20 KiB, new for each case
    sha = hashlib.sha256(data).hexdigest()
    client.chunk_size = chunk_size
    faults.add(FaultRule(kind="reset", method="PUT", path="/v1/attachments/.*", after_bytes=3000))
    before = centre.store.stats()["attachment_bytes_received"]
    with pytest.raises(SyncRetryLater) as caught:
        client.put_attachment(sha, data, offset=0)
    assert caught.value.code == "sync.connection_lost"
    head = requests.head(f"{centre.url}/v1/attachments/{sha}", headers={"Authorization": f"Bearer {TOKEN}"},
                         verify=str(tls.ca_file), timeout=5)
    assert head.headers["Attachment-State"] == "partial" and head.headers["Upload-Offset"] == "3000"
    assert client.put_attachment(sha, data).state == "verified"  # asks the centre, sends the rest
    assert centre.store.stats()["attachment_bytes_received"] - before == len(data)  # nothing sent twice
    assert centre.store.attachment_bytes("S001", sha) == data


def test_bytes_that_do_not_match_their_sha256_are_refused_and_discarded(client):
    claimed = hashlib.sha256(b"the real photo").hexdigest()
    with pytest.raises(SyncRejected) as caught:  # sent again from 0 a few times, then set aside
        client.put_attachment(claimed, b"something else entirely", offset=0)
    assert caught.value.code == "sync.attachment_damaged" and caught.value.action == sync_errors.QUARANTINE
    assert caught.value.server_code == "sha256_mismatch" and caught.value.params["tries"] == 3
    assert client.attachment_state(claimed).state == "absent"


def test_a_resumed_upload_over_a_corrupt_part_starts_again_from_zero(client, centre):
    data = b"scanned household register page " * 300
    sha = hashlib.sha256(data).hexdigest()
    centre.store.append_attachment("S001", sha, len(data), 0, b"X" * 4000)  # a bad part already held
    assert client.put_attachment(sha, data).state == "verified"
    assert centre.store.attachment_bytes("S001", sha) == data


def test_an_empty_attachment_is_verified_too(client):
    assert client.put_attachment(hashlib.sha256(b"").hexdigest(), b"").state == "verified"


# ---- every fault kind, and what the worker is told ----------------------------------------

PUT_APP = {"method": "PUT", "path": "/v1/applications/.*"}
FAULT_CASES = [
    # rule, expected class, expected code, expected retry_after
    (FaultRule(kind="error", **PUT_APP), SyncRetryLater, "sync.server_error", None),
    (FaultRule(kind="error", status=502, commit=True, **PUT_APP), SyncRetryLater, "sync.server_error", None),
    (FaultRule(kind="error", status=503, retry_after=7, **PUT_APP), SyncRetryLater, "sync.busy", 7.0),
    (FaultRule(kind="rate_limit", retry_after=3, **PUT_APP), SyncRetryLater, "sync.busy", 3.0),
    (FaultRule(kind="reset", **PUT_APP), SyncRetryLater, "sync.connection_lost", None),
    (FaultRule(kind="reset", phase="response", **PUT_APP), SyncRetryLater, "sync.connection_lost", None),
    (FaultRule(kind="lost_ack", **PUT_APP), SyncRetryLater, "sync.connection_lost", None),
    (FaultRule(kind="slow", delay=2.0, **PUT_APP), SyncRetryLater, "sync.timeout", None),
    (FaultRule(kind="garbage", **PUT_APP), SyncNotCentral, "sync.garbage", None),
    (FaultRule(kind="garbage", commit=True, body='{"ok": true}', **PUT_APP), SyncNotCentral, "sync.garbage", None),
    (FaultRule(kind="garbage", status=400, content_type="text/plain", body="Bad Request", **PUT_APP),
     SyncNotCentral, "sync.garbage", None),  # a 400 not from the centre must not quarantine a good record
    (FaultRule(kind="captive_portal", **PUT_APP), SyncNotCentral, "sync.captive_portal", None),
    (FaultRule(kind="captive_portal", status=302, **PUT_APP), SyncNotCentral, "sync.captive_portal", None),
]


def test_the_fault_table_covers_every_network_fault_kind():
    # The contract cases (CONTRACT_FAULT_KINDS) each have their own tests below and in test_sync_worker.py.
    assert {rule.kind for rule, *_ in FAULT_CASES} == set(NETWORK_FAULT_KINDS)


@pytest.mark.parametrize("rule, error_class, code, retry_after", FAULT_CASES,
                         ids=[f"{r.kind}-{r.status or ''}{r.phase if r.kind == 'reset' else ''}"
                              f"{'-commit' if r.commit else ''}" for r, *_ in FAULT_CASES])
def test_each_fault_tells_the_worker_what_to_do_and_nothing_is_doubled(
        centre, tls, signing_key, faults, rule, error_class, code, retry_after):
    uuid, body = application()
    faults.add(rule)
    with make_client(centre, tls, signing_key, read_timeout=0.5 if rule.kind == "slow" else 10) as client:
        with pytest.raises(error_class) as caught:
            client.put_application(uuid, body)
        assert caught.value.code == code
        assert caught.value.action == sync_errors.RETRY and caught.value.retry_after == retry_after
    with make_client(centre, tls, signing_key) as client:
        receipt = client.put_application(uuid, body)  # the worker's retry
        assert client.put_application(uuid, body).central_id == receipt.central_id
    assert copies_at_centre(centre, uuid) == 1
    if rule.kind == "lost_ack" or rule.commit or rule.phase == "response":
        assert receipt.replayed  # the centre had committed before the answer was lost


def test_a_lost_acknowledgement_on_an_attachment_is_harmless(client, centre, faults):
    data = b"photo of the applicant" * 1000
    sha = hashlib.sha256(data).hexdigest()
    faults.add(FaultRule(kind="lost_ack", method="PUT", path=f"/v1/attachments/{sha}"))
    with pytest.raises(SyncRetryLater):
        client.put_attachment(sha, data, offset=0)
    assert client.put_attachment(sha, data).state == "verified"  # found verified, nothing re-sent


# ---- catalog -----------------------------------------------------------------------------

def test_catalog_pull_is_versioned_and_signed(client, centre):
    version = centre.store.publish_catalog({"services": [{"id": "residence.certificate"}]})
    pulled = client.pull_catalog(since=version - 1)
    assert pulled.version == version and pulled.catalog == {"services": [{"id": "residence.certificate"}]}
    assert client.pull_catalog(since=version) is None


def _tampered(envelope: dict[str, Any]) -> dict[str, Any]:
    """The genuine envelope with one service slipped into the signed payload."""
    document = json.loads(base64.b64decode(envelope["payload"]))
    document["catalog"]["services"].append({"id": "phishing.service"})
    return {**envelope, "payload": base64.b64encode(json.dumps(document).encode()).decode()}


@pytest.mark.parametrize("change, code", [
    (_tampered, "sync.catalog_signature"),
    (lambda envelope: {**envelope, "signature": ""}, "sync.catalog_signature"),
    (lambda envelope: {key: value for key, value in envelope.items() if key != "signature"}, "sync.catalog_signature"),
    (lambda envelope: sign_catalog(Ed25519PrivateKey.generate(), envelope["version"], envelope["published_at"],
                                   {"services": []}), "sync.catalog_signature"),
], ids=["tampered", "empty-signature", "unsigned", "other-key"])
def test_a_catalog_that_is_not_genuine_is_refused(client, centre, faults, change, code):
    version = centre.store.publish_catalog({"services": [{"id": "residence.certificate"}]})
    forged = change(centre.store.latest_catalog())
    faults.add(FaultRule(kind="garbage", path="/v1/catalog", body=json.dumps(forged)))
    with pytest.raises(SyncCatalogRefused) as caught:
        client.pull_catalog(since=version - 1)
    assert caught.value.code == code and caught.value.action == sync_errors.KEEP_LAST


def test_an_older_catalog_is_refused_even_when_genuinely_signed(client, centre, faults, signing_key):
    old = sign_catalog(signing_key, 1, "2026-01-01T00:00:00Z", {"services": []})
    faults.add(FaultRule(kind="garbage", path="/v1/catalog", body=json.dumps(old)))
    with pytest.raises(SyncCatalogRefused) as caught:
        client.pull_catalog(since=5)
    assert caught.value.code == "sync.catalog_rollback"


# ---- statuses ----------------------------------------------------------------------------

def test_statuses_are_pulled_in_order_once_each_with_a_cursor(client, centre, tls, signing_key):
    start = client.pull_statuses()
    while start.more:
        start = client.pull_statuses(start.cursor)
    uuids = []
    for _ in range(3):
        uuid, body = application()
        client.put_application(uuid, body)
        uuids.append(uuid)
    centre.store.set_status(uuids[0], "in_review")
    centre.store.set_status(uuids[0], "approved")
    centre.store.set_status(uuids[1], "rejected", "照片不清晰")
    centre.store.set_status(uuids[2], "needs_correction", "地址缺少门牌号")
    seen, cursor = [], start.cursor
    while True:
        page = client.pull_statuses(cursor, limit=2)
        seen += [(item.uuid, item.status, item.reason) for item in page.items]
        cursor = page.cursor
        if not page.more:
            break
    assert seen == [(uuids[0], "received", None), (uuids[1], "received", None), (uuids[2], "received", None),
                    (uuids[0], "in_review", None), (uuids[0], "approved", None),
                    (uuids[1], "rejected", "照片不清晰"), (uuids[2], "needs_correction", "地址缺少门牌号")]
    assert client.pull_statuses(cursor).items == []
    with make_client(centre, tls, signing_key, token=OTHER_STATION_TOKEN) as other:
        assert all(item.uuid not in uuids for item in other.pull_statuses().items)


def test_a_cursor_the_centre_never_issued_is_refused(client):
    with pytest.raises(SyncRejected) as caught:
        client.pull_statuses("not-a-cursor")
    assert caught.value.server_code == "bad_cursor"


# ---- what an independent centre following the contract may do (issue 11) ------------------

def test_a_leap_second_in_the_health_answer_is_read_not_a_crash(client, faults):
    faults.add(FaultRule(kind="leap_second", body="2026-12-31T23:59:60Z"))
    result = client.preflight()  # properly proven, and valid RFC 3339
    assert result.server_time == _dt.datetime(2027, 1, 1, tzinfo=_dt.UTC)
    assert faults.fired["leap_second"] == 1


@pytest.mark.parametrize("server_time", ["2026-02-30T10:00:00Z", "2026-12-31T23:58:60Z", "2026-12-31 23:59:59Z"])
def test_a_health_time_that_cannot_be_read_is_a_wrong_answer(client, faults, server_time):
    faults.add(FaultRule(kind="leap_second", body=server_time))
    with pytest.raises(SyncNotCentral) as caught:
        client.preflight()
    assert caught.value.code == "sync.garbage" and caught.value.action == sync_errors.RETRY


@pytest.mark.parametrize("path, field", [("/v1/health", "protocol"), ("/v1/applications/.*", "complete"),
                                         ("/v1/applications/.*", None)])
def test_a_mistyped_answer_is_not_the_centres(client, centre, faults, path, field):
    uuid, body = application()
    faults.add(FaultRule(kind="mistype", path=path, field=field))
    call = client.preflight if path == "/v1/health" else (lambda: client.put_application(uuid, body))
    with pytest.raises(SyncNotCentral) as caught:
        call()
    assert caught.value.code == "sync.garbage" and faults.fired["mistype"] == 1
    assert client.put_application(uuid, body).central_id  # the centre was fine: the retry goes through
    assert copies_at_centre(centre, uuid) == 1


def test_upper_case_uuids_in_an_answer_are_the_same_uuids(client, faults):
    uuid, body = application()
    faults.add(FaultRule(kind="upper_uuids", method="PUT", path="/v1/applications/.*"))
    receipt = client.put_application(uuid, body)
    assert faults.fired["upper_uuids"] == 1 and receipt.uuid == uuid


def test_a_health_answer_for_another_station_stops_sending(centre, tls, signing_key):
    # IT copied station S002's token onto kiosk S001: the centre proves it is the centre, for S002.
    with make_client(centre, tls, signing_key, token=OTHER_STATION_TOKEN, station_id="S001") as kiosk:
        with pytest.raises(SyncAuthError) as caught:
            kiosk.preflight()
    assert caught.value.code == "sync.wrong_station" and caught.value.action == sync_errors.STOP
    assert caught.value.params["centre_station"] == "S002" and "S002" in caught.value.text("en")
    with make_client(centre, tls, signing_key, station_id="S001") as kiosk:
        assert kiosk.preflight().station_id == "S001"


def test_a_whole_body_upload_replaces_a_damaged_part_the_centre_holds(client, centre):
    data = b"birth certificate scan " * 400
    sha = hashlib.sha256(data).hexdigest()
    centre.store.append_attachment("S001", sha, len(data), 0, b"Y" * 3000)  # a damaged part already held
    before = centre.store.stats()["attachment_bytes_received"]
    assert client.put_attachment(sha, data, offset=0).state == "verified"  # whole body, no Content-Range
    assert centre.store.attachment_bytes("S001", sha) == data
    assert centre.store.stats()["attachment_bytes_received"] - before == len(data)  # one upload, no mismatch


@pytest.mark.parametrize("kind", ["corrupt", "damage_partial"])
def test_an_upload_damaged_on_the_way_goes_again_from_zero(client, centre, faults, kind):
    data = kind.encode() + bytes(range(256)) * 40  # 10 KiB, sent in 4 KiB chunks within one call
    sha = hashlib.sha256(data).hexdigest()
    client.chunk_size = 4096
    if kind == "damage_partial":  # a part held from an earlier, broken upload; damaged at rest
        centre.store.append_attachment("S001", sha, len(data), 0, data[:5000])
    faults.add(FaultRule(kind=kind, method="PUT", path="/v1/attachments/.*", after_bytes=10))
    assert client.put_attachment(sha, data).state == "verified"
    assert faults.fired[kind] == 1 and centre.store.attachment_bytes("S001", sha) == data


def test_uploads_damaged_again_and_again_are_set_aside_with_a_clear_reason(client, centre, faults):
    data = b"photo " * 2000
    sha = hashlib.sha256(data).hexdigest()
    faults.add(FaultRule(kind="corrupt", method="PUT", path="/v1/attachments/.*", times=None))
    with pytest.raises(SyncRejected) as caught:
        client.put_attachment(sha, data, offset=0)
    assert caught.value.code == "sync.attachment_damaged" and faults.fired["corrupt"] == 3
    assert "3" in caught.value.text("en") and "3" in caught.value.text("zh_CN")


@pytest.mark.parametrize("status", [408, 410, 412, 423, 425, 451])
def test_status_codes_outside_the_table_never_set_a_record_aside(client, centre, faults, status):
    uuid, body = application()
    faults.add(FaultRule(kind="error", status=status, code="some_code", method="PUT", path="/v1/applications/.*"))
    with pytest.raises(sync_errors.SyncError) as caught:
        client.put_application(uuid, body)
    expected = sync_errors.STOP if status == 410 else sync_errors.RETRY
    assert caught.value.action == expected, caught.value.code
