"""Help requests in the core: kept, moved only forward by helpers (audited with their number), and
queued to the centre one state at a time; requests from before this version are closed, never sent."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import audit, crypto, help_requests, migrations, store as store_mod
from kiosk.errors import KioskError


def audit_rows(store) -> list[tuple[str, str, str, str]]:
    return store.conn.execute("SELECT actor, action, subject, detail FROM audit_log ORDER BY id").fetchall()


def test_a_call_is_kept_open_and_shown_oldest_first(store):
    first = help_requests.record(store, "identity", "residence_permit", at="2026-11-24T09:00:00.000+00:00")
    second = help_requests.record(store, "home")
    assert [r.uuid for r in help_requests.active(store)] == [first.uuid, second.uuid]
    assert (first.state, first.service_id, second.service_id) == ("open", "residence_permit", "")
    assert audit_rows(store)[0][:3] == ("resident", "help.requested", "identity")


def test_acknowledge_then_resolve_each_once_with_the_helpers_number(store):
    request = help_requests.record(store, "form", "senior_card")
    acknowledged, changed = help_requests.acknowledge(store, request.uuid, "0007")
    assert changed and acknowledged.state == "acknowledged" and acknowledged.acknowledged_by == "0007"
    again, changed = help_requests.acknowledge(store, request.uuid, "0008")
    assert not changed and again.acknowledged_by == "0007"  # the first helper's, unchanged
    resolved, changed = help_requests.resolve(store, request.uuid, "0008")
    assert changed and resolved.state == "resolved" and resolved.resolved_by == "0008"
    assert help_requests.active(store) == []
    actions = [(actor, action, subject) for actor, action, subject, _ in audit_rows(store)]
    assert actions == [("resident", "help.requested", "form"), ("helper:0007", "help.acknowledged", request.uuid),
                       ("helper:0008", "help.resolved", request.uuid)]
    assert audit.verify(store.conn) == 3


def test_a_resolved_request_is_never_acknowledged_again(store):
    request = help_requests.record(store, "home")
    help_requests.resolve(store, request.uuid, "0007")  # straight from open: the helper was already there
    after, changed = help_requests.acknowledge(store, request.uuid, "0007")
    assert not changed and after.state == "resolved" and after.acknowledged_at is None


def test_an_unknown_request_says_so_and_a_helper_number_is_required(store):
    with pytest.raises(KioskError) as unknown:
        help_requests.acknowledge(store, "00000000-0000-4000-8000-000000000000", "0007")
    assert unknown.value.code == "help.unknown" and unknown.value.text("zh_CN")
    request = help_requests.record(store, "home")
    with pytest.raises(ValueError):
        help_requests.acknowledge(store, request.uuid, "")


def test_each_state_is_due_to_the_centre_until_it_has_it(store):
    request = help_requests.record(store, "review", "senior_card")
    assert [r.state for r in help_requests.due(store)] == ["open"]
    help_requests.claim(store, request.uuid, wait=60)
    assert help_requests.due(store) == []  # waiting out its backoff
    help_requests.mark_sent(store, request.uuid, "open")
    assert help_requests.due(store, now=10**12) == []
    help_requests.acknowledge(store, request.uuid, "0007")
    assert [r.state for r in help_requests.due(store)] == ["acknowledged"]  # a new state goes at once
    help_requests.resolve(store, request.uuid, "0007")
    help_requests.mark_sent(store, request.uuid, "acknowledged")  # the answer for the state sent before
    assert [r.state for r in help_requests.due(store)] == ["resolved"]
    help_requests.mark_sent(store, request.uuid, "resolved")
    help_requests.mark_sent(store, request.uuid, "open")  # a late answer never moves it back
    assert help_requests.due(store, now=10**12) == []
    assert help_requests.get(store, request.uuid).sent_state == "resolved"


def test_what_goes_to_the_centre_holds_nothing_of_the_resident_nor_the_helper(store):
    request = help_requests.record(store, "form", "senior_card")
    help_requests.acknowledge(store, request.uuid, "0007")
    body = help_requests.get(store, request.uuid).body("S001")
    assert set(body) == {"station_id", "opened_at", "screen", "service_id", "state", "acknowledged_at",
                         "resolved_at"}
    assert "0007" not in json.dumps(body)
    assert help_requests.record(store, "home").body("S001")["service_id"] is None


OPERATIONS = st.lists(st.tuples(st.sampled_from(["acknowledge", "resolve", "send"]),
                                st.sampled_from(["0007", "0008"])), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_states_only_move_forward_and_due_means_the_centre_is_behind(store, operations):
    request = help_requests.record(store, "home")
    seen_ranks, sent_ranks = [0], [-1]
    for operation, helper in operations:
        if operation == "send":
            due = {r.uuid: r for r in help_requests.due(store, now=10**12)}
            if request.uuid in due:  # the worker sends what was due, and the centre accepts it
                help_requests.mark_sent(store, request.uuid, due[request.uuid].state)
        else:
            getattr(help_requests, operation)(store, request.uuid, helper)
        now = help_requests.get(store, request.uuid)
        rank = help_requests.RANK[now.state]
        sent = help_requests.RANK[now.sent_state] if now.sent_state else -1
        assert rank >= seen_ranks[-1] and sent >= sent_ranks[-1] and sent <= rank
        seen_ranks.append(rank)
        sent_ranks.append(sent)
        due_now = any(r.uuid == request.uuid for r in help_requests.due(store, now=10**12))
        assert due_now == (sent < rank)


def test_the_board_tells_whether_the_resident_was_told(store):
    board = help_requests.HelpRequestBoard()
    heard = []
    board.add_listener(lambda event, uuid: heard.append((event, uuid)))
    assert board.publish("acknowledged", "u1") is False  # nobody acted on it
    board.add_listener(lambda event, uuid: event == "acknowledged")
    assert board.publish("acknowledged", "u2") is True
    assert heard == [("acknowledged", "u1"), ("acknowledged", "u2")]


def test_requests_from_before_this_version_are_closed_and_never_sent(tmp_path):
    sealer = crypto.Sealer(crypto.load_or_create_key(tmp_path / "k"))
    old = store_mod.Store(tmp_path / "w.db", sealer, migrate_to=migrations.HELP_DESK - 1)
    with old.transaction() as conn:
        for screen in ("home", "form"):
            conn.execute("INSERT INTO help_requests(at, screen, service_id) VALUES (?,?,?)",
                         ("2026-01-01T08:00:00+00:00", screen, ""))
    old.close()
    upgraded = store_mod.Store(tmp_path / "w.db", sealer)
    rows = upgraded.conn.execute("SELECT uuid, state, sent_state, resolved_at FROM help_requests").fetchall()
    assert len({uuid for uuid, *_ in rows}) == 2 and all(len(uuid) == 36 for uuid, *_ in rows)
    assert all(row[1:] == ("resolved", "resolved", "2026-01-01T08:00:00+00:00") for row in rows)
    assert help_requests.active(upgraded) == [] and help_requests.due(upgraded, now=10**12) == []
    fresh = help_requests.record(upgraded, "home")
    assert [r.uuid for r in help_requests.due(upgraded)] == [fresh.uuid]
    upgraded.close()
