"""The outbox table's rules, without a network: order, fail-first marking, backoff, quarantine."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from kiosk import applications, outbox, receipts
from kiosk.applications import Draft


def queue(store, n: int) -> list[str]:
    return [applications.submit(store, Draft("residence.certificate", "zh_CN", {"name": "张三"}), "S001")
            .application_uuid for _ in range(n)]


def test_rows_come_in_submit_order_and_an_attempt_is_on_record_before_sending(store):
    uuids = queue(store, 3)
    rows = outbox.due(store, now=1000.0)
    assert [r.application_uuid for r in rows] == uuids
    claimed = outbox.claim(store, rows[:1], outbox.Backoff(base=10, rng=random.Random(1)), now=1000.0)
    # Before any byte is sent, the database already says: one attempt, next try later.
    attempts, state, next_at = store.conn.execute(
        "SELECT attempts, state, next_attempt_at FROM outbox WHERE id = ?", (claimed[0].id,)).fetchone()
    assert (attempts, state) == (1, "sending") and 1005.0 <= next_at <= 1010.0


def test_a_row_waiting_out_its_backoff_is_not_overtaken(store):
    queue(store, 2)
    first = outbox.due(store, now=0.0)[0]
    outbox.claim(store, [first], outbox.Backoff(base=60), now=0.0)
    outbox.failed(store, first, "sync.timeout", now=0.0)
    assert outbox.due(store, now=1.0) == []  # the head is not due: nothing behind it goes first
    assert outbox.counts(store, now=1.0).waiting == 2


def test_retry_after_sets_the_next_try_exactly(store):
    queue(store, 1)
    row = outbox.claim(store, outbox.due(store, now=0.0), outbox.Backoff(base=1), now=0.0)[0]
    outbox.failed(store, row, "sync.busy", retry_after=120, now=0.0)
    assert store.conn.execute("SELECT next_attempt_at FROM outbox").fetchone()[0] == 120.0


def test_a_quarantined_row_is_kept_and_no_longer_blocks(store):
    first, second = queue(store, 2)
    row = outbox.due(store, now=0.0)[0]
    outbox.quarantine(store, row, "sync.rejected", server_code="invalid_application", field="answers.name",
                      message="张三 is not a valid name")  # a centre echoing what was typed
    assert [r.application_uuid for r in outbox.due(store, now=0.0)] == [second]
    assert outbox.counts(store).quarantined == 1
    assert outbox.quarantined(store)[0][1] == "sync.rejected invalid_application: 张三 is not a valid name"
    (detail,) = store.conn.execute("SELECT detail FROM audit_log WHERE action = 'application.quarantined'").fetchone()
    assert detail == "code=sync.rejected server_code=invalid_application field=answers.name"  # codes only
    raw = b"".join(path.read_bytes() for path in store.path.parent.glob(store.path.name + "*"))
    assert "张三".encode() not in raw  # the centre's words are sealed on the row
    outbox.requeue(store, first)
    assert [r.application_uuid for r in outbox.due(store, now=0.0)] == [first, second]


def test_done_only_after_the_centres_answer_and_rows_left_in_flight_recover(store):
    uuid, _ = queue(store, 2)
    rows = outbox.claim(store, outbox.due(store, now=0.0), outbox.Backoff(base=100), now=0.0)
    outbox.release(store, rows[1:])  # never tried (the queue paused first): the attempt is taken back
    assert store.conn.execute("SELECT attempts FROM outbox WHERE id = ?", (rows[1].id,)).fetchone()[0] == 0
    outbox.claim(store, rows[1:], outbox.Backoff(base=100), now=0.0)
    assert outbox.recover(store, now=5.0) == 2  # a killed worker's rows are pending again ...
    assert outbox.due(store, now=5.0) == []  # ... but wait out the backoff claim() persisted
    assert len(outbox.due(store, now=1000.0)) == 2
    outbox.mark_done(store, [outbox.Accepted(uuid, "C000000001", "2026-11-24T01:00:00Z", "received")])
    assert outbox.counts(store).waiting == 1
    assert receipts.status_by_number(store, store.conn.execute(
        "SELECT number FROM applications WHERE uuid = ?", (uuid,)).fetchone()[0]).status == "received"


@given(st.integers(min_value=1, max_value=200), st.floats(min_value=0.001, max_value=100),
       st.floats(min_value=1, max_value=10_000))
def test_backoff_grows_is_capped_and_jittered(attempts, base, cap):
    delay = outbox.Backoff(base=base, cap=cap).delay(attempts)
    full = min(cap, base * 2 ** (attempts - 1))
    assert 0.5 * full <= delay <= full
