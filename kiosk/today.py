"""The helper console's Today: the day's figures, and the same as a CSV file with no personal data.

- residents served: different people who submitted today (the blind ID index tells two applications
  of one person apart from two people without revealing anyone; an application without an ID
  number counts as one resident);
- applications by service, guided against self-service (`assisted_by`, see kiosk/console_queue.py);
- set aside by the centre today;
- median time per service: from choosing the service to submitting (`visit_seconds`, recorded since
  the helper-console migration; older applications have none and are left out of the median);
- today's 好差评 ratings by level (kiosk/ratings.py).
"Today" is the station's local day.  The CSV holds counts, service ids and names, and minutes: no
number, name, ID or anything else of a resident.  It is written owner-only.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from kiosk import ratings
from kiosk.console_queue import GUIDED_SQL, day_bounds
from kiosk.store import Store


@dataclass(frozen=True)
class ServiceFigures:
    service_id: str
    applications: int
    guided: int
    set_aside: int
    median_minutes: float | None  # None: no timed visit today

    @property
    def self_service(self) -> int:
        return self.applications - self.guided


@dataclass(frozen=True)
class TodayFigures:
    day: _dt.date
    residents: int
    applications: int
    guided: int
    set_aside: int
    services: tuple[ServiceFigures, ...] = ()
    ratings: dict[str, int] = field(default_factory=dict)

    @property
    def self_service(self) -> int:
        return self.applications - self.guided


def figures(store: Store, day: _dt.date | None = None) -> TodayFigures:
    """The figures of the station's local `day` (today)."""
    day = day or _dt.date.today()
    start, end = day_bounds(day)
    rows = store.conn.execute(
        f"SELECT a.service_id, coalesce(a.id_lookup, a.uuid), {GUIDED_SQL}, a.visit_seconds"
        " FROM applications a WHERE a.created_at >= ? AND a.created_at < ?", (start, end)).fetchall()
    set_aside_rows = store.conn.execute(
        "SELECT a.service_id FROM outbox o JOIN applications a ON a.uuid = o.application_uuid"
        " WHERE o.quarantined_at >= ? AND o.quarantined_at < ?", (start, end)).fetchall()
    set_aside: dict[str, int] = {}
    for (service_id,) in set_aside_rows:
        set_aside[service_id] = set_aside.get(service_id, 0) + 1
    by_service: dict[str, list] = {}
    for service_id, _who, guided, seconds in rows:
        by_service.setdefault(service_id, []).append((bool(guided), seconds))
    services = []
    for service_id in sorted(set(by_service) | set(set_aside)):
        visits = by_service.get(service_id, [])
        timed = [seconds for _, seconds in visits if seconds is not None]
        services.append(ServiceFigures(service_id, len(visits), sum(guided for guided, _ in visits),
                                       set_aside.get(service_id, 0),
                                       round(statistics.median(timed) / 60, 1) if timed else None))
    return TodayFigures(day, residents=len({who for _, who, _, _ in rows}), applications=len(rows),
                        guided=sum(bool(row[2]) for row in rows), set_aside=sum(set_aside.values()),
                        services=tuple(services), ratings=ratings.counts_today(store, between=(start, end)))


CSV_COLUMNS = ("date", "service_id", "service", "applications", "guided", "self_service", "set_aside",
               "median_minutes")


def csv_text(today: TodayFigures, titles: dict[str, str] | None = None) -> str:
    """One row a service, a total row, then one row a rating level (service column: rating:<level>)."""
    titles = titles or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    day = today.day.isoformat()
    for item in today.services:
        writer.writerow([day, item.service_id, titles.get(item.service_id, item.service_id), item.applications,
                         item.guided, item.self_service, item.set_aside,
                         "" if item.median_minutes is None else item.median_minutes])
    writer.writerow([day, "total", f"residents={today.residents}", today.applications, today.guided,
                     today.self_service, today.set_aside, ""])
    for level, count in today.ratings.items():
        writer.writerow([day, f"rating:{level}", "", count, "", "", "", ""])
    return out.getvalue()


def export_csv(today: TodayFigures, folder: Path, titles: dict[str, str] | None = None) -> Path:
    """Write the CSV into `folder` (created owner-only) as waystation-today-<date>.csv, owner-only (0600)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"waystation-today-{today.day.isoformat()}.csv"
    data = csv_text(today, titles).encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an older export left looser
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    return path
