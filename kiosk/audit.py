"""Append-only, hash-chained audit log.

Each row's hash covers its own fields and the previous row's hash, so changing,
removing or reordering any row breaks the chain from that row on; `verify()`
names the first broken row.  Rows hold actions and application numbers, never
personal data.  Triggers in the schema refuse UPDATE and DELETE as well.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass

from kiosk.errors import AuditError

GENESIS = "0" * 64


def _digest(prev_hash: str, at: str, actor: str, action: str, subject: str, detail: str) -> str:
    body = json.dumps([prev_hash, at, actor, action, subject, detail], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="milliseconds")


def append(conn: sqlite3.Connection, actor: str, action: str, subject: str = "", detail: str = "") -> str:
    """Append one entry inside the caller's transaction; returns its hash."""
    row = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = row[0] if row else GENESIS
    at = now_iso()
    digest = _digest(prev_hash, at, actor, action, subject, detail)
    conn.execute(
        "INSERT INTO audit_log(at, actor, action, subject, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
        (at, actor, action, subject, detail, prev_hash, digest),
    )
    return digest


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken: int | None  # row id, None when the chain is whole

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def check(conn: sqlite3.Connection) -> ChainReport:
    """Walk the chain; report the first row whose hash or link does not hold."""
    expected_prev = GENESIS
    count = 0
    for row_id, at, actor, action, subject, detail, prev_hash, digest in conn.execute(
        "SELECT id, at, actor, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY id"
    ):
        count += 1
        if prev_hash != expected_prev or _digest(prev_hash, at, actor, action, subject, detail) != digest:
            return ChainReport(count, row_id)
        expected_prev = digest
    return ChainReport(count, None)


def verify(conn: sqlite3.Connection) -> int:
    """Raise AuditError naming the first altered row; return the number of entries."""
    report = check(conn)
    if not report.ok:
        raise AuditError(row=report.first_broken)
    return report.entries
