"""The 好差评 rating a resident gives after the receipt, kept and sent to the centre.

Five levels (the national 好差评 system's words: 非常满意, 满意, 基本满意, 不满意,
非常不满意); for the two low ones a few reasons to tick (the catalog lists them) and
whether a helper was called.  A rating carries the application number and the
service, nothing of the resident.  It is stored in one durable insert before the
screen thanks the resident, then sent by the sync worker after the applications
(`PUT /v1/ratings/{uuid}`, idempotent on the client UUID like applications): a
rating is marked sent only after the centre's positive answer, and retried with
backoff until then.  One the centre refuses (invalid, or another rating already
under its UUID) is set aside with the codes of why, like a refused application:
kept, counted by `waystation doctor`, listed by `waystation export --what ratings`,
and never sent again (the same rating would be refused the same way).
"""

from __future__ import annotations

import time
import uuid as uuid_mod
from dataclasses import dataclass

from kiosk import audit
from kiosk.applications import utc_now
from kiosk.store import Store

LEVELS = ("very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied")
LOW = ("dissatisfied", "very_dissatisfied")  # these ask for reasons and offer a helper


@dataclass(frozen=True)
class Rating:
    uuid: str
    application_number: str
    service_id: str
    level: str
    reasons: tuple[str, ...] = ()
    helper_called: bool = False
    rated_at: str = ""

    def body(self) -> dict:
        """What goes to the centre (sync/openapi.yaml RatingIn)."""
        return {"application_number": self.application_number, "service_id": self.service_id,
                "level": self.level, "reasons": list(self.reasons), "helper_called": self.helper_called,
                "rated_at": self.rated_at}


def new(application_number: str, service_id: str, level: str, reasons: tuple[str, ...] = (),
        helper_called: bool = False) -> Rating:
    """A rating with its client UUID (the idempotency key) and the kiosk's time."""
    if level not in LEVELS:
        raise ValueError(f"unknown rating level {level!r}")
    return Rating(str(uuid_mod.uuid4()), application_number, service_id, level,
                  tuple(reasons) if level in LOW else (), helper_called and level in LOW, utc_now())


def record(store: Store, rating: Rating) -> None:
    """Keep the rating (durably, audited by its level only) for the worker to send."""
    with store.transaction() as conn:
        conn.execute("INSERT OR IGNORE INTO ratings(uuid, application_number, service_id, level, reasons,"
                     " helper_called, rated_at) VALUES (?,?,?,?,?,?,?)",
                     (rating.uuid, rating.application_number, rating.service_id, rating.level,
                      ",".join(rating.reasons), int(rating.helper_called), rating.rated_at))
        audit.append(conn, "resident", "rating.given", rating.application_number, rating.level)


def _row(row) -> Rating:
    return Rating(row[0], row[1], row[2], row[3], tuple(r for r in row[4].split(",") if r), bool(row[5]), row[6])


def due(store: Store, now: float | None = None, limit: int = 50) -> list[Rating]:
    """Ratings not yet accepted by the centre whose next try is due, oldest first."""
    now = time.time() if now is None else now
    with store.transaction() as conn:
        rows = conn.execute("SELECT uuid, application_number, service_id, level, reasons, helper_called, rated_at"
                            " FROM ratings WHERE sent_at IS NULL AND set_aside_at IS NULL AND next_attempt_at <= ?"
                            " ORDER BY rowid LIMIT ?", (now, limit)).fetchall()
    return [_row(row) for row in rows]


def claim(store: Store, rating_uuid: str, wait: float, now: float | None = None) -> None:
    """Count an attempt and schedule the next one before the request goes (fail first, as the outbox)."""
    now = time.time() if now is None else now
    with store.transaction() as conn:
        conn.execute("UPDATE ratings SET attempts = attempts + 1, next_attempt_at = ? WHERE uuid = ?",
                     (now + wait, rating_uuid))


def attempts(store: Store, rating_uuid: str) -> int:
    with store.transaction() as conn:
        row = conn.execute("SELECT attempts FROM ratings WHERE uuid = ?", (rating_uuid,)).fetchone()
    return row[0] if row else 0


def mark_sent(store: Store, rating_uuid: str) -> None:
    """The centre has it (its positive answer): never sent again."""
    with store.transaction() as conn:
        conn.execute("UPDATE ratings SET sent_at = ? WHERE uuid = ?", (utc_now(), rating_uuid))


def set_aside(store: Store, rating_uuid: str, code: str, server_code: str = "") -> None:
    """The centre refused this rating: keep it with the codes of why (ours, the centre's), audited,
    and stop sending it.  Codes only: a centre's free text is not kept (it might echo anything)."""
    reason = " ".join(part for part in (code, server_code) if part)[:200]
    with store.transaction() as conn:
        number = conn.execute("UPDATE ratings SET set_aside_at = ?, set_aside_reason = ? WHERE uuid = ?"
                              " RETURNING application_number", (utc_now(), reason, rating_uuid)).fetchone()
        audit.append(conn, "sync", "rating.set_aside", number[0] if number else rating_uuid, reason)


def set_aside_list(store: Store) -> list[tuple[str, str, str]]:
    """(application number, reason codes, set aside at) of every rating set aside, oldest first."""
    with store.transaction() as conn:
        return [tuple(row) for row in conn.execute(
            "SELECT application_number, set_aside_reason, set_aside_at FROM ratings WHERE set_aside_at IS NOT NULL"
            " ORDER BY rowid").fetchall()]


def counts(conn) -> tuple[int, int]:
    """(waiting to be sent, set aside) on a bare connection (doctor looks without opening a Store)."""
    waiting, aside = conn.execute("SELECT sum(sent_at IS NULL AND set_aside_at IS NULL),"
                                  " sum(set_aside_at IS NOT NULL) FROM ratings").fetchone()
    return waiting or 0, aside or 0


def counts_today(store: Store, day: str | None = None, *, between: tuple[str, str] | None = None) -> dict[str, int]:
    """Today's ratings by level (UTC date prefix), for the helpers' console.  `between`: a [start, end)
    range of UTC ISO times instead (the station's local day: kiosk.console_queue.day_bounds)."""
    with store.transaction() as conn:
        if between is not None:
            rows = conn.execute("SELECT level, COUNT(*) FROM ratings WHERE rated_at >= ? AND rated_at < ?"
                                " GROUP BY level", between).fetchall()
        else:
            rows = conn.execute("SELECT level, COUNT(*) FROM ratings WHERE rated_at LIKE ? GROUP BY level",
                                ((day or utc_now()[:10]) + "%",)).fetchall()
    return {level: 0 for level in LEVELS} | dict(rows)
