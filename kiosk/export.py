"""`waystation export`: the queue's, the ratings' and the audit log's metadata for IT, as CSV or JSON.

Read with sqlite-utils over a look-only connection (`store.inspect`: never creates,
migrates or writes).  Only metadata leaves: numbers, states, times, counts and
codes.  Columns are named one by one (never `SELECT *`), so a column added later
is not exported until someone decides it may be: payloads, sealed blobs, blind
indexes, free-text errors and the centre's messages stay out, and with them
every name, ID number, address and photo.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from typing import Iterable

# Each export: the query's columns, all metadata.  `last_error` (free text from a
# network library or a centre) and the audit's `detail` are left out on purpose.
QUERIES: dict[str, str] = {
    "queue": """
        SELECT a.number, a.service_id, a.locale, a.status, a.created_at, a.identity_method,
               o.state AS outbox_state, o.attempts, o.next_attempt_at, o.last_attempt_at,
               o.quarantined_at, o.quarantine_reason,
               a.received_at, a.accepted_at, a.status_changed_at, a.purged_at,
               (SELECT count(*) FROM attachments t WHERE t.application_uuid = a.uuid) AS attachments
        FROM applications a LEFT JOIN outbox o ON o.application_uuid = a.uuid
        ORDER BY a.seq""",
    "audit": "SELECT id, at, actor, action, subject, hash FROM audit_log ORDER BY id",
    # The 好差评 ratings (nothing of the resident in them) and how far each got: sent, waiting, set aside.
    "ratings": """
        SELECT application_number, service_id, level, reasons, helper_called, rated_at, attempts,
               next_attempt_at, sent_at, set_aside_at, set_aside_reason
        FROM ratings ORDER BY rowid""",
}
FORMATS = ("csv", "json")


def rows(conn: sqlite3.Connection, what: str) -> list[dict]:
    """The rows of one export (`queue`, `ratings` or `audit`), as dicts, through sqlite-utils."""
    import sqlite_utils  # here: `waystation run` need not load it

    if what not in QUERIES:
        raise ValueError(f"unknown export {what!r}; choose from {', '.join(QUERIES)}")
    return list(sqlite_utils.Database(conn).query(QUERIES[what]))


def render(records: Iterable[dict], fmt: str, what: str) -> str:
    """CSV (a header even when empty) or a JSON array."""
    records = list(records)
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(what), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def columns(what: str) -> list[str]:
    """The column names of an export, read from its query on an empty schema (a CSV header with no rows)."""
    from kiosk.store import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        return [description[0] for description in conn.execute(QUERIES[what]).description]
    finally:
        conn.close()
