"""Personal data leaves the kiosk after the centre accepted it and retention passed; a tombstone stays."""

from __future__ import annotations

import datetime as _dt

from kiosk import applications, audit, outbox, retention, receipts
from kiosk.applications import Attachment, Draft

ID = "11010519491231002X"


def accepted(store, days_ago: float | None) -> applications.Receipt:
    receipt = applications.submit(store, Draft(
        "residence.certificate", "zh_CN", {"name": "张三"}, [Attachment("photo", "image/jpeg", b"\xff\xd8 photo")],
        identity={"method": "card"}, id_number=ID), "S001")
    if days_ago is not None:
        outbox.mark_done(store, [outbox.Accepted(receipt.application_uuid, "C1", "2026-11-24T00:00:00Z", "approved")])
        at = (_dt.datetime.now(_dt.UTC) - _dt.timedelta(days=days_ago)).isoformat(timespec="milliseconds")
        with store.transaction() as conn:
            conn.execute("UPDATE applications SET accepted_at = ? WHERE uuid = ?", (at, receipt.application_uuid))
    return receipt


def test_only_accepted_applications_past_retention_are_purged(store):
    old, recent, queued = accepted(store, 8), accepted(store, 1), accepted(store, None)
    assert retention.purge(store, 7) == [old.number]
    stone = retention.tombstone(store, old.number)
    assert stone["payload_gone"] and stone["status"] == "approved" and stone["purged_at"]
    for kept in (recent, queued):
        assert applications.load(store, kept.application_uuid).answers == {"name": "张三"}
    assert applications.load(store, old.application_uuid).attachments == ()
    # Status look-up by card and by number still works from the tombstone.
    assert old.number in [line.number for line in receipts.status_by_id_number(store, ID)]
    assert receipts.status_by_number(store, old.number).status == "approved"
    assert retention.purge(store, 7) == []  # once only
    entries = audit.verify(store.conn)
    assert store.conn.execute("SELECT count(*) FROM audit_log WHERE action = 'application.purged'").fetchone()[0] == 1
    assert entries > 0


def test_retention_zero_purges_as_soon_as_accepted(store):
    done = accepted(store, 0)
    assert retention.purge(store, 0) == [done.number]
