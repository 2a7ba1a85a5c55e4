"""Which key sealed this database: a check value recorded beside the data it protects.

The master key is a file apart from the database.  Lost, or replaced by another key,
it would leave every sealed row unreadable: the queue orphaned without a word.  So the
database records the key's check value (HKDF-derived from the key; it reveals nothing
of it) at first start, and a store opened with no key, or another key, while sealed rows
exist refuses to start, naming the key file to restore.  A database from before this
check gets it recorded once a sealed row is seen to open with the key given.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk import audit
from kiosk.crypto import Sealer
from kiosk.errors import CryptoError, StoreError

# Sealed columns: (table, column, how the blob's context is made from the row, the columns that make it).
_SEALED = (
    ("applications", "payload", "application:{}", ("uuid",)),
    ("outbox", "quarantine_message", "outbox-message:{}", ("application_uuid",)),
    ("attachments", "data", "attachment:{}:{}", ("application_uuid", "sha256")),
    ("applications", "status_reason_sealed", "status-reason:{}", ("uuid",)),  # kiosk.receipts._reason_context
)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def has_check_table(conn: sqlite3.Connection) -> bool:
    return bool(_columns(conn, "store_key"))


def sealed_rows(conn: sqlite3.Connection) -> int:
    """How many rows hold data sealed with the key (purged rows do not count)."""
    total = 0
    for table, column, _, _ in _SEALED:
        if column in _columns(conn, table):
            total += conn.execute(f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL").fetchone()[0]
    return total


def recorded_key_id(conn: sqlite3.Connection) -> str | None:
    if not has_check_table(conn):
        return None
    row = conn.execute("SELECT key_id FROM store_key WHERE id = 1").fetchone()
    return row[0] if row else None


def _a_sealed_row_opens(conn: sqlite3.Connection, sealer: Sealer) -> bool:
    """Whether the first sealed blob found opens with `sealer` (for a database without a check value)."""
    for table, column, context, parts in _SEALED:
        if column not in _columns(conn, table):
            continue
        row = conn.execute(f"SELECT {column}, {', '.join(parts)} FROM {table} WHERE {column} IS NOT NULL "
                           "LIMIT 1").fetchone()
        if row is None:
            continue
        try:
            sealer.open(row[0], context.format(*row[1:]))
        except CryptoError:
            return False
        return True
    return True


def key_fits(conn: sqlite3.Connection, sealer: Sealer) -> bool:
    """True when `sealer`'s key can open what the database holds (looks only; for doctor)."""
    recorded = recorded_key_id(conn)
    if recorded == sealer.key_id:
        return True
    if recorded is not None:
        return sealed_rows(conn) == 0
    return _a_sealed_row_opens(conn, sealer)


def wrong_key(key_path: Path | None, database: Path) -> StoreError:
    return StoreError("store.wrong_key", path=str(key_path or "(store key)"), database=str(database))


def verify(conn: sqlite3.Connection, sealer: Sealer, key_path: Path | None, database: Path) -> None:
    """Check `sealer`'s key against the database, recording its check value when none is there yet.

    Raises StoreError (store.wrong_key) when sealed rows exist that another key sealed.  A different
    key over a database with nothing sealed (all purged) is taken, and the change is audited."""
    if not has_check_table(conn) or recorded_key_id(conn) == sealer.key_id:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        recorded = recorded_key_id(conn)  # again, under the write lock: the sync worker may start too
        if recorded != sealer.key_id:
            if recorded is None and not _a_sealed_row_opens(conn, sealer):
                raise wrong_key(key_path, database)
            if recorded is not None:
                if sealed_rows(conn):
                    raise wrong_key(key_path, database)
                audit.append(conn, "kiosk", "store.key_replaced", "", f"check value was {recorded[:8]}")
            conn.execute("INSERT INTO store_key(id, key_id, recorded_at) VALUES (1, ?, ?) "
                         "ON CONFLICT(id) DO UPDATE SET key_id = excluded.key_id, recorded_at = excluded.recorded_at",
                         (sealer.key_id, audit.now_iso()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def refuse_missing_key(database: Path, key_path: Path) -> None:
    """Before a new key is made: refuse when an existing database holds data only the lost key opens.

    A database that exists but cannot be read (damaged, another owner's) is refused too: a new
    key made over it would turn a later "key lost" into "wrong key" once IT restores the database."""
    from kiosk.store import inspect  # the store imports this module

    if not Path(database).is_file():
        return
    try:
        conn = inspect(database)
    except StoreError as error:
        raise StoreError("store.key_lost_unreadable", path=str(key_path), database=str(database),
                         problem=error.detail or error.code) from None
    try:
        if sealed_rows(conn):
            raise StoreError("store.key_lost", path=str(key_path), database=str(database))
    except sqlite3.Error as error:
        raise StoreError("store.key_lost_unreadable", path=str(key_path), database=str(database),
                         problem=str(error)) from None
    finally:
        conn.close()
