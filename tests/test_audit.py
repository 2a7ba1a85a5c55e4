import sqlite3

import pytest

from kiosk import audit, doctor
from kiosk.errors import AuditError


def fill(store, n=5):
    for i in range(n):
        with store.transaction() as conn:
            audit.append(conn, "kiosk", "application.submitted", f"DEMO01-261124-{i:06d}")


def test_chain_of_untouched_entries_verifies(store):
    fill(store)
    assert audit.verify(store.conn) == 5


def test_database_refuses_edits_and_deletes(store):
    fill(store, 2)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            store.conn.execute(statement)


@pytest.mark.parametrize("change", ["UPDATE audit_log SET subject = 'forged' WHERE id = 3",
                                    "DELETE FROM audit_log WHERE id = 3"])
def test_an_altered_or_removed_row_is_named(store, change):
    fill(store)
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("DROP TRIGGER audit_log_no_delete")
    store.conn.execute(change)
    with pytest.raises(AuditError) as caught:
        audit.verify(store.conn)
    assert caught.value.params["row"] in (3, 4)
    assert "entry 3" in caught.value.text("en") or "entry 4" in caught.value.text("en")
    assert audit.check(store.conn).first_broken == (3 if "UPDATE" in change else 4)
