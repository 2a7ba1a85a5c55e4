"""好差评 ratings reach the reference centre exactly once, through faults (PUT /v1/ratings/{uuid}).

A rating is kept on the kiosk first (the receipt screen never waits for the network), then sent by
the sync worker after the applications, idempotent on its client UUID: a lost acknowledgement, a
reset connection and a 503 each cost a retry, never a second copy; nothing personal is sent.
"""

from __future__ import annotations

import time

import pytest

from kiosk import ratings
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
