"""The local store: one SQLite file in WAL mode with synchronous=FULL.

Opening a store applies pending migrations.  Writes go through
`transaction()`, which takes the write lock at the start (BEGIN IMMEDIATE) so
a submit never half-commits and two writers never deadlock.  Errors from
SQLite become StoreError (DiskFullError when the disk is full).

Writes use the standard library's sqlite3 directly: the promise "nothing lost,
nothing doubled" rests on controlling each transaction (BEGIN IMMEDIATE, one
COMMIT for an application with its attachments, outbox row and receipt), which
sqlite-utils' convenience writes would hide.  sqlite-utils serves where it
helps without that: doctor's look at what the database holds.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Iterator

from kiosk.crypto import Sealer
from kiosk.errors import DiskFullError, StoreError
from kiosk.migrations import LATEST, MIGRATIONS


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
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={version}")
            conn.execute("COMMIT")
        except BaseException:
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


def translate_error(error: sqlite3.Error) -> StoreError:
    text = str(error).lower()
    if "full" in text:
        return DiskFullError(detail=str(error))
    return StoreError(detail=str(error))


class Store:
    """An open local store with its sealer (encryption at rest)."""

    def __init__(self, path: Path, sealer: Sealer, *, migrate_to: int = LATEST) -> None:
        self.path = Path(path)
        self.sealer = sealer
        try:
            self.conn = _connect(self.path)
            migrate(self.conn, migrate_to)
        except sqlite3.Error as error:
            raise translate_error(error) from None

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
        """Increment and return a named counter inside the caller's transaction."""
        conn.execute(
            "INSERT INTO counters(name, value) VALUES (?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )
        return conn.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()[0]

    def integrity_ok(self) -> tuple[bool, str]:
        rows = self.conn.execute("PRAGMA quick_check").fetchall()
        text = "; ".join(row[0] for row in rows)
        return text == "ok", text

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()


def open_store(config) -> Store:
    """Open the store named by a `kiosk.config.Config`, creating key and database if needed."""
    from kiosk.crypto import load_or_create_key

    key = load_or_create_key(config.storage.key_path)
    return Store(config.storage.database, Sealer(key))
