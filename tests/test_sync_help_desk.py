"""Help requests and helpers' face decisions reach the reference centre over TLS on loopback, through faults.

A help request is sent once for each state it reaches (open, acknowledged, resolved), idempotent on its
UUID and only ever forward at the centre: a lost acknowledgement, a reset and a 5xx each cost a retry,
never a second state change; a late "open" never undoes "resolved".  A remote helper desk lists the
stations needing someone with its own token.  A face decision follows its application, once.  What
travels is captured on the centre's side of the wire: nothing of the resident.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import time
from typing import Any

import pytest
import requests
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import applications, face_reviews, help_requests, outbox
from kiosk.applications import Attachment, Draft
from sync.answers import RawAnswer, parse_answer
from sync.central import create_app, run_server
from sync.client import CentralClient
from sync.errors import SyncError
from sync.protocol import FaceReviewAnswer, HelpRequestAnswer
from sync.worker import SyncWorker

TOKEN = "station-S001-token-0123456789abcdef"
DESK = "helper-desk-token-0123456789abcdef"
FAST = outbox.Backoff(base=0.001, cap=0.01)
ID_NUMBER = "11010519491231002X"
NAME = "张三丰"
FAULTS = [{"kind": "lost_ack"}, {"kind": "reset"}, {"kind": "reset", "phase": "response"},
          {"kind": "error", "status": 503, "retry_after": 0}, {"kind": "error", "status": 500}]
FAULT_IDS = ["lost_ack", "reset", "reset_response", "503", "500"]


class WireRecorder:
    """Inside the fault middleware: keeps each request's method, path and body as the centre got them."""

    def __init__(self, app) -> None:
        self.app, self.seen = app, []

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        chunks: list[bytes] = []

        async def recording():
            message = await receive()
            chunks.append(message.get("body", b""))
            return message

        try:
            await self.app(scope, recording, send)
        finally:
            self.seen.append((scope["method"], scope["path"], b"".join(chunks)))


@pytest.fixture
def centre(tls, signing_key, tmp_path):
    app = create_app(tmp_path / "central.db", {"S001": TOKEN, "S002": "station-S002-token-fedcba9876543210"},
                     signing_key, admin_token=DESK)
    app.wire = WireRecorder(app.app)
    app.app = app.wire
    server = run_server("127.0.0.1", 0, tls.cert_file, tls.key_file, app=app)
    yield server
    server.stop()


@pytest.fixture
def worker(store, centre, tls):
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)  # learns S001 from health
    made = SyncWorker(store, client, backoff=FAST, preflight_backoff=FAST).open()
    yield made
    made.close()


def drain(worker, due, passes: int = 20) -> None:
    for _ in range(passes):
        worker.run_once()
        if not due():
            return
        time.sleep(0.02)
    raise AssertionError("still waiting after the passes")


def submit_face(store, face: str = "helper_to_confirm") -> Draft:
    draft = Draft("senior_card", "zh_CN", {"name": NAME, "id_number": ID_NUMBER},
                  [Attachment("face_photo", "image/jpeg", b"\xff\xd8" + time.time_ns().to_bytes(8, "big") * 50)],
                  identity={"method": "id_card", "face": face, "liveness": "passed"}, id_number=ID_NUMBER,
                  verified={"method": "id_card", "id_number": ID_NUMBER, "card_kind": "resident", "face_check": face,
                            "face_score": None, "liveness": "passed", "bound_answers": {"id_number": "card.id_number"}},
                  card_photo=b"\x89PNG card photo")
    applications.submit(store, draft, "S001")
    return draft


def desk_list(centre, tls, token: str = DESK, **params: Any) -> requests.Response:
    return requests.get(f"{centre.url}/v1/help-requests", params=params, verify=tls.ca_file, timeout=10,
                        headers={"Authorization": f"Bearer {token}"})


@pytest.mark.parametrize("fault", FAULTS, ids=FAULT_IDS)
def test_each_state_of_a_help_request_reaches_the_centre_exactly_once_through_a_fault(store, centre, worker, fault):
    request = help_requests.record(store, "identity", "senior_card")
    due = lambda: help_requests.due(store, time.time() + 3600)  # noqa: E731
    for change in (None, help_requests.acknowledge, help_requests.resolve):
        if change is not None:
            change(store, request.uuid, "0007")
        centre.faults.add({**fault, "method": "PUT", "path": "/v1/help-requests/.*", "times": 2})
        drain(worker, due)
        centre.faults.clear()
    assert centre.faults.fired[fault["kind"]] >= 3  # each state met the fault at least once
    states = centre.app.store.help_request_states(request.uuid)
    assert [state for state, _ in states] == ["open", "acknowledged", "resolved"]  # once each
    kept = help_requests.get(store, request.uuid)
    assert [at for _, at in states] == [kept.at, kept.acknowledged_at, kept.resolved_at]
    (held,), _ = centre.app.store.help_requests("resolved")
    assert (held["uuid"], held["station_id"], held["screen"], held["service_id"]) == (
        request.uuid, "S001", "identity", "senior_card")
    assert kept.sent_state == "resolved" and help_requests.attempts(store, request.uuid) == 0


def test_a_late_open_never_undoes_resolved_and_a_changed_request_is_a_conflict(store, centre, worker, tls):
    request = help_requests.record(store, "form", "senior_card")
    help_requests.resolve(store, request.uuid, "0007")
    drain(worker, lambda: help_requests.due(store, time.time() + 3600))
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    late = client.put_help_request(request.uuid, {**request.body("S001"), "state": "open"})
    assert late.state == "resolved" and late.replayed
    assert [s for s, _ in centre.app.store.help_request_states(request.uuid)] == ["open", "resolved"]
    with pytest.raises(SyncError) as refused:
        client.put_help_request(request.uuid, {**request.body("S001"), "screen": "home"})
    assert refused.value.server_code == "idempotency_conflict"
    with pytest.raises(SyncError) as other_station:
        client.put_help_request(help_requests.record(store, "home").uuid, {**request.body("S002")})
    assert other_station.value.server_code == "station_mismatch"


def test_a_refused_request_waits_and_never_holds_up_the_applications(store, centre, worker):
    request = help_requests.record(store, "home")
    centre.faults.add({"kind": "error", "status": 422, "method": "PUT", "path": "/v1/help-requests/.*",
                       "code": "invalid_help_request", "times": None})
    draft = submit_face(store, face="matched")
    result = worker.run_once()
    assert result.sent == 1 and result.state == "online"
    assert centre.app.store.application("S001", draft.uuid) is not None
    assert help_requests.get(store, request.uuid).sent_state is None  # kept, tried again later


def test_a_remote_desk_lists_the_stations_needing_someone_with_its_own_token(store, centre, worker, tls):
    waiting = help_requests.record(store, "identity", "senior_card")
    answered = help_requests.record(store, "form")
    help_requests.acknowledge(store, answered.uuid, "0007")
    drain(worker, lambda: help_requests.due(store, time.time() + 3600))
    listed = desk_list(centre, tls)
    assert listed.status_code == 200
    assert [item["uuid"] for item in listed.json()["items"]] == [waiting.uuid] and not listed.json()["more"]
    assert [i["uuid"] for i in desk_list(centre, tls, state="acknowledged", station="S001").json()["items"]] == [
        answered.uuid]
    assert desk_list(centre, tls, station="S002").json()["items"] == []
    refused = desk_list(centre, tls, token=TOKEN)  # a station sees no other station's requests
    assert refused.status_code == 401 and refused.json()["code"] == "unauthorized"
    assert desk_list(centre, tls, state="closed").status_code == 422


def test_a_face_decision_follows_its_application_once_through_faults(store, centre, worker):
    draft = submit_face(store)
    face_reviews.decide(store, draft.uuid, "0007", same_person=False)
    for fault in FAULTS:
        centre.faults.add({**fault, "method": "PUT", "path": "/v1/applications/.*/face-review", "times": 1})
    drain(worker, lambda: face_reviews.due(store, time.time() + 3600) or outbox.counts(store).waiting)
    assert sum(centre.faults.fired.values()) == len(FAULTS)
    review = centre.app.store.face_review("S001", draft.uuid)
    assert (review["outcome"], review["helper_number"]) == ("not_same_person", "0007")
    with centre.app.store._tx() as db:
        assert db.execute("SELECT count(*) FROM face_reviews").fetchone() == (1,)
    body = centre.app.store.application_body("S001", draft.uuid)
    assert body["verified"]["face_check"] == "helper_to_confirm"  # the application as it went, unchanged
    assert worker.run_once().face_reviews_sent == 0  # never again


def test_no_helper_deciding_in_time_tells_the_centre_not_decided(store, centre, tls):
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    draft = submit_face(store)
    with SyncWorker(store, client, backoff=FAST, preflight_backoff=FAST, face_review_hours=0.0) as worker:
        result = worker.run_once()
    assert result.sent == 1 and result.face_reviews_sent == 1
    review = centre.app.store.face_review("S001", draft.uuid)
    assert (review["outcome"], review["helper_number"]) == ("not_decided", None)


def test_a_face_review_for_an_application_the_centre_lacks_or_did_not_leave_to_a_helper_waits(store, centre, tls):
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    body = {"outcome": "same_person", "helper_number": "0007", "decided_at": "2026-11-24T10:00:00Z"}
    with pytest.raises(SyncError) as missing:
        client.put_face_review("00000000-0000-4000-8000-000000000001", body)
    assert missing.value.server_code == "not_found" and missing.value.action == "quarantine"
    matched = submit_face(store, face="matched")
    with SyncWorker(store, client, backoff=FAST, preflight_backoff=FAST) as worker:
        worker.run_once()
    with pytest.raises(SyncError) as not_needed:
        client.put_face_review(matched.uuid, body)
    assert not_needed.value.server_code == "no_face_review"


def test_nothing_of_the_resident_travels_or_is_logged(store, centre, worker, caplog):
    caplog.set_level(logging.DEBUG)
    request = help_requests.record(store, "identity", "senior_card")
    help_requests.acknowledge(store, request.uuid, "0007")
    draft = submit_face(store)
    face_reviews.open_photos(store, draft.uuid, "0007")
    face_reviews.decide(store, draft.uuid, "0007", same_person=True)
    drain(worker, lambda: help_requests.due(store, time.time() + 3600) or face_reviews.due(store, time.time() + 3600)
          or outbox.counts(store).waiting)
    side = [(path, body) for method, path, body in centre.app.wire.seen
            if method == "PUT" and ("/help-requests/" in path or path.endswith("/face-review"))]
    assert {path.split("/")[2] for path, _ in side} == {"help-requests", "applications"}
    for path, body in side:
        text = body.decode()
        assert ID_NUMBER not in text and NAME not in text and "card photo" not in text, path
        keys = set(json.loads(body))
        assert keys in ({"station_id", "opened_at", "screen", "service_id", "state", "acknowledged_at",
                         "resolved_at"}, {"outcome", "helper_number", "decided_at"}), keys
    assert ID_NUMBER not in caplog.text and NAME not in caplog.text and ID_NUMBER[-4:] not in caplog.text


# ---- what a centre answers, read as outside input ---------------------------------------------

ANSWER_FIELDS = {
    "uuid": st.one_of(st.uuids().map(str), st.uuids().map(lambda u: str(u).upper()), st.text(max_size=40),
                      st.integers()),
    "state": st.one_of(st.sampled_from(["open", "acknowledged", "resolved"]), st.text(max_size=12), st.none()),
    "outcome": st.one_of(st.sampled_from(["same_person", "not_same_person", "not_decided"]), st.text(max_size=12)),
    "received_at": st.one_of(st.just("2026-11-24T23:59:60Z"), st.just("2026-02-30T00:00:00Z"),
                             st.datetimes(timezones=st.just(_dt.UTC)).map(lambda d: d.isoformat()),
                             st.text(max_size=30), st.integers()),
    "updated_at": st.one_of(st.just("2026-11-24T10:00:00+08:00"), st.text(max_size=30)),
    "replayed": st.one_of(st.booleans(), st.sampled_from(["yes", 1, None])),
    "extra": st.text(max_size=10),
}


@settings(max_examples=300, deadline=None)
@given(fields=st.dictionaries(st.sampled_from(sorted(ANSWER_FIELDS)), st.just(None), max_size=7).flatmap(
           lambda keys: st.fixed_dictionaries({key: ANSWER_FIELDS[key] for key in keys})),
       status=st.sampled_from([200, 201, 409, 422, 500]),
       model=st.sampled_from([HelpRequestAnswer, FaceReviewAnswer]),
       raw=st.one_of(st.none(), st.binary(max_size=60)))
def test_any_answer_to_a_help_request_or_face_review_is_read_or_refused_never_a_crash(fields, status, model, raw):
    body = raw if raw is not None else json.dumps(fields).encode()
    answer = RawAnswer(status, {"Content-Type": "application/json"}, body)
    try:
        parsed = parse_answer(answer, model)
    except SyncError:
        return
    assert 200 <= status < 300 and parsed.uuid == parsed.uuid.lower()
    assert isinstance(parsed.replayed, bool)
