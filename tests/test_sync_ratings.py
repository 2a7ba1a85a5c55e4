"""好差评 ratings reach the reference centre exactly once, through faults (PUT /v1/ratings/{uuid}).

A rating is kept on the kiosk first (the receipt screen never waits for the network), then sent by
the sync worker after the applications, idempotent on its client UUID: a lost acknowledgement, a
reset connection and a 503 each cost a retry, never a second copy; nothing personal is sent.
"""

from __future__ import annotations

import json
import time

import pytest

from kiosk import cli, doctor, ratings
from kiosk import config as config_mod
from sync.client import CentralClient
from test_sync_worker import FAST, TOKEN, centre, submit, worker  # noqa: F401 (fixtures)


def drain(worker, store, passes: int = 20):
    for _ in range(passes):
        worker.run_once()
        if not ratings.due(store, time.time() + 3600):
            return
        time.sleep(0.02)
    raise AssertionError("ratings still waiting after the passes")


@pytest.mark.parametrize("fault", [
    {"kind": "lost_ack"}, {"kind": "reset"}, {"kind": "reset", "phase": "response"},
    {"kind": "error", "status": 503, "retry_after": 0}, {"kind": "error", "status": 500},
], ids=["lost_ack", "reset", "reset_response", "503", "500"])
def test_a_rating_reaches_the_centre_exactly_once_through_a_fault(store, centre, worker, fault):
    (receipt,) = submit(store)
    rating = ratings.new(receipt.number, "residence.certificate", "very_dissatisfied", ("too_slow", "unclear"), True)
    ratings.record(store, rating)
    centre.faults.add({**fault, "method": "PUT", "path": "/v1/ratings/.*", "times": 2})
    drain(worker, store)
    held = centre.store.ratings("S001")
    assert len(held) == 1, held
    (one,) = held
    assert (one["uuid"], one["application_number"], one["level"], one["reasons"], one["helper_called"]) == (
        rating.uuid, receipt.number, "very_dissatisfied", ["too_slow", "unclear"], True)
    assert set(one) == {"uuid", "station_id", "application_number", "service_id", "level", "reasons",
                        "helper_called", "rated_at", "received_at"}  # nothing of the resident
    assert store.conn.execute("SELECT sent_at IS NOT NULL FROM ratings").fetchone()[0] == 1
    assert ratings.attempts(store, rating.uuid) >= 2  # the fault cost a retry


def test_ratings_go_after_the_applications_and_a_replay_is_not_a_copy(store, centre, worker, tls):
    (receipt,) = submit(store)
    rating = ratings.new(receipt.number, "residence.certificate", "satisfied")
    ratings.record(store, rating)
    result = worker.run_once()
    assert (result.sent, result.ratings_sent) == (1, 1)
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    again = client.put_rating(rating.uuid, rating.body())
    assert again.replayed and len(centre.store.ratings()) == 1
    other = ratings.Rating(rating.uuid, rating.application_number, rating.service_id, "basic", (), False,
                           rating.rated_at)
    with pytest.raises(Exception) as refused:
        client.put_rating(rating.uuid, other.body())
    assert "conflict" in getattr(refused.value, "server_code", "") + str(refused.value)
    assert worker.run_once().ratings_sent == 0  # sent once, never again


def test_a_low_rating_keeps_only_its_reasons_and_a_high_one_none(store):
    high = ratings.new("S001-261124-000001-00", "x", "satisfied", ("too_slow",), True)
    assert (high.reasons, high.helper_called) == ((), False)
    ratings.record(store, ratings.new("S001-261124-000001-00", "x", "dissatisfied", ("staff",), False))
    ratings.record(store, high)
    assert ratings.counts_today(store)["satisfied"] == 1 and ratings.counts_today(store)["dissatisfied"] == 1


def test_a_rating_the_centre_refuses_is_set_aside_with_why_and_never_sent_again(store, centre, worker, tls,
                                                                                tmp_path, capsys):
    """422 (the centre's schema refuses a reason; and an injected 422) and 409 (another rating already under
    the UUID) set the rating aside with the codes of why: doctor counts it, export lists it, the worker never
    sends it again, and the ratings after it still go, each exactly once."""
    (receipt,) = submit(store)
    bad_reason = ratings.new(receipt.number, "residence.certificate", "dissatisfied", ("Too-Slow!",))
    injected = ratings.new(receipt.number, "residence.certificate", "basic")
    taken = ratings.new(receipt.number, "residence.certificate", "satisfied")
    fine = ratings.new(receipt.number, "residence.certificate", "very_satisfied")
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    other = ratings.Rating(taken.uuid, receipt.number, "residence.certificate", "very_dissatisfied", ("staff",),
                           True, taken.rated_at)
    client.put_rating(taken.uuid, other.body())  # the centre already holds another rating under this UUID
    for rating in (bad_reason, injected, taken, fine):
        ratings.record(store, rating)
    centre.faults.add({"kind": "error", "status": 422, "code": "rating_refused", "method": "PUT",
                       "path": f"/v1/ratings/{injected.uuid}"})
    result = worker.run_once()
    assert (result.ratings_sent, result.ratings_set_aside) == (1, 3)
    why = dict(store.conn.execute("SELECT uuid, set_aside_reason FROM ratings WHERE set_aside_at IS NOT NULL"))
    assert why == {bad_reason.uuid: "sync.rejected invalid_rating", injected.uuid: "sync.rejected rating_refused",
                   taken.uuid: "sync.conflict idempotency_conflict"}
    assert len(ratings.set_aside_list(store)) == 3
    held = {one["uuid"]: one for one in centre.store.ratings("S001")}
    assert held[fine.uuid]["level"] == "very_satisfied" and held[taken.uuid]["level"] == "very_dissatisfied"
    assert bad_reason.uuid not in held and injected.uuid not in held
    centre.faults.clear()
    for _ in range(3):  # later passes, each after the (test's short) backoff: nothing refused is tried again
        time.sleep(0.02)
        worker.run_once()
    assert ratings.due(store, time.time() + 10 * 365 * 86400) == []
    assert [ratings.attempts(store, r.uuid) for r in (bad_reason, injected, taken)] == [1, 1, 1]
    assert len(centre.store.ratings("S001")) == 2
    # What IT sees: doctor counts them (a warning, with the codes), export lists them, each with why.
    (tmp_path / "token").touch(mode=0o600)
    (tmp_path / "token").write_text(TOKEN)
    config_file = tmp_path / "station.toml"
    config_file.write_text(f'[station]\nid = "S001"\n[storage]\ndata_dir = "{tmp_path}"\n'
                           f'[central]\nurl = "{centre.url}"\ntoken_file = "{tmp_path / "token"}"\n'
                           f'ca_bundle = "{tls.ca_file}"\n', encoding="utf-8")
    (check,) = [c for c in doctor.run_checks(config_mod.load(config_file)) if c.name == "ratings"]
    assert check.status == doctor.WARN and "0 waiting, 3 refused by the centre and set aside" in check.detail
    assert "sync.conflict idempotency_conflict" in check.detail and "invalid_rating" in check.detail
    assert cli.main(["export", "--config", str(config_file), "--what", "ratings", "--format", "json"]) == 0
    exported = {row["level"]: row for row in json.loads(capsys.readouterr().out)}
    assert exported["very_satisfied"]["sent_at"] and not exported["very_satisfied"]["set_aside_at"]
    for level in ("dissatisfied", "basic", "satisfied"):
        assert exported[level]["set_aside_at"] and exported[level]["set_aside_reason"].startswith("sync."), level
        assert not exported[level]["sent_at"]
    assert "rating.set_aside" in {row[0] for row in store.conn.execute("SELECT action FROM audit_log")}
