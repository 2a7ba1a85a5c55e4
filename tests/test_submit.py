"""Submit commits everything in one transaction; numbers stay unique."""

import datetime as _dt
import sqlite3

import pytest

from kiosk import app_number, applications, audit, receipts
from kiosk.applications import Attachment, Draft
from kiosk.errors import StoreError

from factories import TINY_JPEG

COUNT_SQL = {t: f"SELECT count(*) FROM {t}" for t in ("applications", "attachments", "outbox", "receipts", "audit_log")}


def draft(**kw):
    return Draft(service_id="residence_permit", locale="zh_CN", answers={"name": "李秀英"},
                 attachments=[Attachment("address_proof_photo", "image/jpeg", TINY_JPEG)] * 2,
                 identity={"method": "id_card", "face": "helper_to_confirm"}, id_number="11010519491231002X", **kw)


def counts(store):
    return {t: store.conn.execute(sql).fetchone()[0] for t, sql in COUNT_SQL.items()}


def test_submit_writes_application_attachments_outbox_receipt_and_audit(store):
    receipt = applications.submit(store, draft(), "DEMO01", _dt.date(2026, 11, 24))
    assert counts(store) == {"applications": 1, "attachments": 2, "outbox": 1, "receipts": 1, "audit_log": 1}
    assert app_number.is_valid(receipt.number) and receipt.number.startswith("DEMO01-261124-")
    stored = applications.load(store, receipt.application_uuid)
    assert stored.answers == {"name": "李秀英"} and stored.attachments[0].data == TINY_JPEG
    assert receipts.status_by_id_number(store, "11010519491231002X")[0].number == receipt.number
    assert receipts.status_by_number(store, receipt.number.lower()).status == "queued"
    assert audit.verify(store.conn) == 1


def test_a_failure_inside_the_transaction_leaves_nothing(store, monkeypatch):
    applications.submit(store, draft(), "DEMO01")
    before = counts(store)
    real = audit.append

    def broken(conn, *args, **kw):
        real(conn, *args, **kw)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(audit, "append", broken)
    with pytest.raises(StoreError) as caught:
        applications.submit(store, draft(), "DEMO01")
    assert caught.value.code == "store.disk_full"
    assert counts(store) == before


def test_numbers_stay_unique_when_the_clock_goes_back_and_after_restart(store, tmp_path):
    numbers = {applications.submit(store, draft(), "DEMO01", _dt.date(2026, 11, 24)).number for _ in range(3)}
    numbers |= {applications.submit(store, draft(), "DEMO01", _dt.date(1970, 1, 1)).number for _ in range(3)}
    from kiosk.store import Store

    reopened = Store(store.path, store.sealer)
    numbers.add(applications.submit(reopened, draft(), "DEMO01", _dt.date(2026, 11, 24)).number)
    assert len(numbers) == 7
    assert sorted(app_number.sequence_of(n) for n in numbers) == list(range(1, 8))


def test_help_requests_are_recorded_and_audited(store):
    applications.record_help_request(store, "home")
    assert store.conn.execute("SELECT screen, state FROM help_requests").fetchall() == [("home", "open")]
    assert store.conn.execute("SELECT action FROM audit_log").fetchone()[0] == "help.requested"
