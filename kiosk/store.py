"""The local store: one SQLite file in WAL mode with synchronous=FULL.

Opening a store checks it (PRAGMA quick_check at start-up, the key against the
database's recorded check value) and applies pending migrations.  Writes go through
`transaction()`, which takes the write lock at the start (BEGIN IMMEDIATE) so
a submit never half-commits and two writers never deadlock.  Errors from
SQLite become StoreError (DiskFullError when the disk is full).

Which library where, and why:
- sqlite3 (standard library) for every write of the kiosk and the sync worker:
  the promise "nothing lost, nothing doubled" rests on controlling each
  transaction (BEGIN IMMEDIATE, one COMMIT for an application with its
  attachments, outbox row and receipt), which sqlite-utils' convenience writes
  (`insert`, `upsert`, each its own transaction) would hide.
- sqlite-utils where it is shorter and nothing rides on transaction control:
  - schema: a migration step (kiosk/migrations.py) may be a function taking a
    `sqlite_utils.Database` on the migration's own connection (`create`,
    `add_column`); sqlite-utils 4 uses a savepoint inside an open transaction,
    so the step commits or rolls back with the version bump, under the same
    BEGIN IMMEDIATE and version re-check as SQL steps (`migrate()` refuses a step
    that ends the transaction).  `transform` refuses to run inside a transaction
    while foreign keys are on (they are here), so a table rebuild stays plain SQL.
  - introspection: `waystation doctor`'s tables and row counts (kiosk/doctor.py).
  - exports: `waystation export` (kiosk/export.py), read over a look-only
    connection (`inspect()`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Iterator

from kiosk import store_key
from kiosk.crypto import Sealer
from kiosk.errors import DiskFullError, StoreError
from kiosk.high_water import HighWaterMark
from kiosk.migrations import LATEST, MIGRATIONS

SEQUENCE_FILE = "sequence"  # beside the key: the counters' high-water mark (kiosk.high_water)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=30, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # Deleted personal data must not linger in free pages.
    conn.execute("PRAGMA secure_delete=ON")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Apply migrations up to `target`, each in its own transaction; return the version reached."""
    current = schema_version(conn)
    if current > LATEST:
        raise StoreError("store.too_new", found=current, supported=LATEST)
    for version in range(current + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= version:  # another process (the sync worker) got here first
                conn.execute("COMMIT")
                continue
            for step in MIGRATIONS[version - 1]:
                if callable(step):  # sqlite-utils on this connection: stays in this transaction
                    import sqlite_utils

                    step(sqlite_utils.Database(conn))
                    if not conn.in_transaction:
                        raise StoreError("store.failed", detail=f"migration {version} ended its transaction")
                else:
                    conn.execute(step)
            conn.execute(f"PRAGMA user_version={version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a step that ended the transaction has been refused above
                conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def inspect(path: Path) -> sqlite3.Connection:
    """A connection to an existing database for looking only: never creates the file, never migrates.

    For `waystation doctor`, which must not create a data dir, key or database as a side
    effect (nor upgrade the schema under a kiosk that is not running)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("store.failed", detail=f"{path} does not exist")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True, isolation_level=None, timeout=5,
                               check_same_thread=False)
        conn.execute("PRAGMA query_only=ON")
    except sqlite3.Error as error:
        raise translate_error(error) from None
    return conn


def translate_error(error: sqlite3.Error, path: Path | None = None) -> StoreError:
    text = str(error).lower()
    if "full" in text:
        return DiskFullError(detail=str(error))
    if path is not None and ("malformed" in text or "not a database" in text):
        return StoreError("store.corrupt", path=str(path), problem=str(error))
    return StoreError(detail=str(error))


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Stop start-up on a damaged database, before anything is written to it (not at a resident's submit)."""
    text = "; ".join(row[0] for row in conn.execute("PRAGMA quick_check").fetchall())
    if text != "ok":
        raise StoreError("store.corrupt", path=str(path), problem=text[:300])


class Store:
    """An open local store with its sealer (encryption at rest).

    `key_path` names the key file in messages and places the counters' high-water mark
    beside it (without it, as in tests and tools, counters live in the database only).
    `quick_check` runs SQLite's integrity check first (start-up does; see `open_store`)."""

    def __init__(self, path: Path, sealer: Sealer, *, migrate_to: int = LATEST, key_path: Path | None = None,
                 quick_check: bool = False) -> None:
        self.path = Path(path)
        self.sealer = sealer
        self.high_water = HighWaterMark(Path(key_path).parent / SEQUENCE_FILE) if key_path is not None else None
        try:
            self.conn = _connect(self.path)
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None
        try:
            if quick_check:
                _quick_check(self.conn, self.path)
            migrate(self.conn, migrate_to)
            store_key.verify(self.conn, sealer, key_path, self.path)
            if self.high_water is not None:
                self.high_water.check_usable()
        except sqlite3.Error as error:
            self.close()
            raise translate_error(error, self.path) from None
        except BaseException:
            self.close()
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic, durable write transaction; SQLite errors become StoreError."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise translate_error(error) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise translate_error(error) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")

    def next_counter(self, conn: sqlite3.Connection, name: str) -> int:
        """Increment and return a named counter inside the caller's transaction.

        With a high-water mark (beside the key) the value is one more than the larger of the
        database's counter and the mark, and the mark is raised durably before the value is
        returned: a lost, emptied or older database never hands out a number twice.  (A
        transaction that then rolls back leaves a gap, never a repeat.)"""
        row = conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()
        value = max(row[0] if row else 0, self.high_water.get(name) if self.high_water is not None else 0) + 1
        if self.high_water is not None:
            self.high_water.raise_to(name, value)
        conn.execute("INSERT INTO counters(name, value) VALUES (?, ?) "
                     "ON CONFLICT(name) DO UPDATE SET value = excluded.value", (name, value))
        return value

    def integrity_ok(self) -> tuple[bool, str]:
        rows = self.conn.execute("PRAGMA quick_check").fetchall()
        text = "; ".join(row[0] for row in rows)
        return text == "ok", text

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()


_checked_this_process: set[Path] = set()  # databases quick_check'ed at this process's start


def open_store(config) -> Store:
    """Open the store named by a `kiosk.config.Config`, creating key and database on a fresh install.

    Refuses (StoreError naming the key file or database, and what to restore) a missing key while
    the database holds sealed data, another key than the one that sealed it, and a damaged database.
    The integrity check runs on the first opening in a process (start-up), not on every one."""
    from kiosk.crypto import load_or_create_key
    from kiosk.private_files import make_owner_only, make_tree_owner_only

    database, key_path = Path(config.storage.database), Path(config.storage.key_path)
    if not key_path.exists():
        store_key.refuse_missing_key(database, key_path)
    key = load_or_create_key(key_path)
    first = database.absolute() not in _checked_this_process
    store = Store(database, Sealer(key), key_path=key_path, quick_check=first)
    _checked_this_process.add(database.absolute())
    data_dir = Path(config.storage.data_dir)
    # The key's folder only when it is the kiosk's own (keys/ in the data dir), never a folder it merely sits in.
    own_key_dir = [key_path.parent] if key_path.parent.absolute().is_relative_to(data_dir.absolute()) else []
    make_owner_only(data_dir, *own_key_dir,
                    *(database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm")))
    if first:  # at start: whatever an older version left in the data dir (receipts, caches, old logs) too
        make_tree_owner_only(data_dir)
    return store
