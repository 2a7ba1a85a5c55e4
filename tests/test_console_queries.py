"""What the helper console reads and does in the store (Qt-free): the Queue, Set aside, Today.

Real applications are submitted through the kiosk's own submit (sealed, with attachments and an
outbox row) and moved through the outbox as the sync worker would (claimed, failed, set aside,
accepted); the console's answers are then what a helper would see on screen.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import stat

import pytest

from factories import TINY_JPEG, fill_to_review, make_card
from kiosk import applications, audit, console_queue, outbox, ratings, set_aside, today as today_mod
from kiosk.errors import KioskError
from kiosk.session import Session
from kiosk.staff import Helper, Role

HELPER = Helper("0007", "王芳", Role.HELPER)


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def submit(store, catalog, service_id: str = "residence_permit", minutes: float = 6.0, card=None):
    clock = Clock()
    session = Session(catalog, clock=clock)
    fill_to_review(session, service_id, card or make_card(), TINY_JPEG)
    clock.now += minutes * 60
    return applications.submit(store, session.prepare_submit(), "DEMO01")


def quarantine(store, receipt, code="sync.rejected", server_code="invalid_answer", message="地址不完整"):
    row = next(r for r in outbox.due(store, limit=100, now=10 ** 12) if r.application_uuid == receipt.application_uuid)
    outbox.quarantine(store, row, code, server_code=server_code, message=message)


def accept(store, receipt):
    outbox.mark_done(store, [outbox.Accepted(receipt.application_uuid, "C-1", applications.utc_now(), "received")])


def fail_once(store, receipt):
    row = next(r for r in outbox.due(store, limit=100, now=10 ** 12) if r.application_uuid == receipt.application_uuid)
    claimed = outbox.claim(store, [row], outbox.Backoff())[0]
    outbox.failed(store, claimed, "sync.offline")


def audit_rows(store):
    return store.conn.execute("SELECT actor, action, subject, detail FROM audit_log ORDER BY id").fetchall()


def test_the_queue_counts_and_lists_every_state_a_helper_needs(store, catalog):
    waiting, failing, refused, sent = (submit(store, catalog) for _ in range(4))
    fail_once(store, failing)
    quarantine(store, refused)
    accept(store, sent)
    sending = submit(store, catalog)
    outbox.claim(store, [r for r in outbox.due(store, limit=100, now=10 ** 12)
                         if r.application_uuid == sending.application_uuid], outbox.Backoff())
    assert console_queue.counts(store) == console_queue.QueueCounts(waiting=1, sending=1, sent=1, set_aside=1,
                                                                    failed=1)
    lines = console_queue.today(store)
    assert [(line.number, line.state) for line in lines] == [
        (sending.number, "sending"), (sent.number, "sent"), (refused.number, "set_aside"),
        (failing.number, "failed"), (waiting.number, "waiting")]
    assert all(not line.guided for line in lines)  # none made with a helper: self-service
    submitted = _dt.datetime.fromisoformat(lines[0].created_at).astimezone()  # shown on the station's clock
    assert lines[0].local_time() == f"{submitted:%H:%M}"
    assert console_queue.today(store, _dt.date.today() - _dt.timedelta(days=1)) == []


def test_the_guided_flag_comes_from_assisted_by(store, catalog):
    plain, guided = submit(store, catalog), submit(store, catalog)
    with store.transaction() as conn:  # as applications.submit writes a helper's application
        conn.execute("UPDATE applications SET assistance = 'guided', assisted_by = '0007' WHERE uuid = ?",
                     (guided.application_uuid,))
    flags = {line.number: line.guided for line in console_queue.today(store)}
    assert flags == {plain.number: False, guided.number: True}
    figures = today_mod.figures(store)
    assert (figures.guided, figures.self_service) == (1, 1)


def test_opening_a_record_is_audited_with_the_reason_before_anything_is_decrypted(store, catalog, monkeypatch):
    receipt = submit(store, catalog)
    opened_when = []
    real_load = applications.load
    monkeypatch.setattr(applications, "load", lambda *args: opened_when.append(len(audit_rows(store))) or
                        real_load(*args))
    record = console_queue.open_application(store, receipt.application_uuid, "correction", HELPER)
    assert record.answers and record.number == receipt.number
    last = audit_rows(store)[-1]
    assert last == ("helper:0007", "application.opened", receipt.number, "reason=correction")
    assert opened_when == [len(audit_rows(store))]  # the entry was there before the payload was opened
    with pytest.raises(ValueError):
        console_queue.open_application(store, receipt.application_uuid, "curious", HELPER)
    assert len(audit_rows(store)) == opened_when[0]  # no reason, no opening, nothing logged


def test_set_aside_says_why_in_words_and_retry_puts_it_back_in_the_queue(store, catalog):
    receipt = submit(store, catalog)
    quarantine(store, receipt)
    [entry] = set_aside.entries(store)
    assert entry.number == receipt.number and entry.centre_message == "地址不完整"
    assert entry.reason("en") == "The centre found this application invalid and did not accept it. 地址不完整"
    assert entry.reason("zh_CN").startswith("中心认为这份申请有误")
    set_aside.retry(store, receipt.application_uuid, HELPER)
    assert set_aside.entries(store) == []
    assert [r.application_uuid for r in outbox.due(store, now=10 ** 12)] == [receipt.application_uuid]
    assert ("helper:0007", "application.requeued") in [row[:2] for row in audit_rows(store)]
    with pytest.raises(KioskError) as gone:
        set_aside.retry(store, receipt.application_uuid, HELPER)
    assert gone.value.code == "setaside.not_set_aside"


@pytest.mark.parametrize("codes,server,words", [
    ("sync.conflict", "", "already holds a different application"),
    ("sync.attachment_damaged", "", "did not reach the centre intact"),
    ("sync.rejected", "local_unreadable", "cannot be read on this kiosk"),
    ("sync.something_new", "", "did not accept this application (sync.something_new)"),
])
def test_every_reason_reads_as_words(store, catalog, codes, server, words):
    quarantine(store, submit(store, catalog), codes, server, message="")
    assert words in set_aside.entries(store)[0].reason("en")


def test_discard_takes_it_out_for_good_deletes_its_personal_data_and_keeps_a_tombstone(store, catalog):
    receipt = submit(store, catalog)
    quarantine(store, receipt)
    assert set_aside.discard(store, receipt.application_uuid, "duplicate", HELPER) == receipt.number
    assert set_aside.entries(store) == [] and outbox.counts(store).waiting == 0
    row = store.conn.execute("SELECT status, payload, purged_at FROM applications WHERE uuid = ?",
                             (receipt.application_uuid,)).fetchone()
    assert row[0] == "discarded" and row[1] is None and row[2]
    assert store.conn.execute("SELECT count(*) FROM attachments WHERE application_uuid = ? AND data IS NOT NULL",
                              (receipt.application_uuid,)).fetchone()[0] == 0
    assert audit_rows(store)[-1] == ("helper:0007", "application.discarded", receipt.number, "reason=duplicate")
    assert [line.state for line in console_queue.today(store)] == ["discarded"]
    assert audit.verify(store.conn)
    with pytest.raises(ValueError):
        set_aside.discard(store, receipt.application_uuid, "because I said so", HELPER)


def test_a_waiting_application_cannot_be_discarded(store, catalog):
    receipt = submit(store, catalog)
    with pytest.raises(KioskError):
        set_aside.discard(store, receipt.application_uuid, "duplicate", HELPER)
    assert outbox.counts(store).waiting == 1


def test_today_counts_residents_services_guided_set_aside_and_median_times(store, catalog):
    one, two = make_card("李秀英", sequence=24), make_card("张建国", sequence=37)
    first = submit(store, catalog, "residence_permit", 4, one)
    submit(store, catalog, "residence_permit", 8, one)   # the same resident again
    submit(store, catalog, "residence_permit", 30, two)
    other = next(s.id for s in catalog.services if s.id != "residence_permit")
    submit(store, catalog, other, 3, two)
    quarantine(store, first)
    ratings.record(store, ratings.new("X", "residence_permit", "very_satisfied"))
    figures = today_mod.figures(store)
    assert (figures.residents, figures.applications, figures.guided, figures.set_aside) == (2, 4, 0, 1)
    permit = next(s for s in figures.services if s.service_id == "residence_permit")
    assert (permit.applications, permit.set_aside, permit.median_minutes) == (3, 1, 8.0)
    assert figures.ratings["very_satisfied"] == 1 and figures.ratings["satisfied"] == 0


def test_today_leaves_out_visits_without_a_time_from_older_versions(store, catalog):
    receipt = submit(store, catalog)
    with store.transaction() as conn:
        conn.execute("UPDATE applications SET visit_seconds = NULL WHERE uuid = ?", (receipt.application_uuid,))
    assert today_mod.figures(store).services[0].median_minutes is None


def test_the_csv_export_holds_figures_only_and_is_owner_only(store, catalog, tmp_path):
    card = make_card("欧阳娜娜", sequence=58)
    receipt = submit(store, catalog, card=card)
    figures = today_mod.figures(store)
    path = today_mod.export_csv(figures, tmp_path / "usb", {"residence_permit": "居住证"})
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["service"] == "居住证" and rows[0]["applications"] == "1" and rows[0]["median_minutes"] == "6.0"
    assert rows[1]["service_id"] == "total" and rows[1]["service"] == "residents=1"
    for secret in (card.name, card.id_number, card.address, receipt.number, receipt.application_uuid):
        assert secret not in text
