"""`waystation doctor`: tells IT what works on this kiosk and what does not.

Each check returns a Check(name, status, detail).  Device checks (speech with
espeak-ng and the sound device, card reader) are added by the composition
root (kiosk.cli) so the core stays free of device code.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

from kiosk import BUILD_DATE, audit, catalog as catalog_mod
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.migrations import LATEST

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


def check_config(config: Config) -> Check:
    return Check("config", OK, f"station {config.station.id}, from {config.source}")


def check_data_dir(config: Config) -> Check:
    path = config.storage.data_dir
    if not path.exists():
        return Check("data dir", WARN, f"{path} does not exist yet (created on first run)")
    if not os.access(path, os.W_OK):
        return Check("data dir", FAIL, f"{path} is not writable")
    return Check("data dir", OK, str(path))


def check_store(config: Config) -> list[Check]:
    from kiosk.store import open_store

    try:
        store = open_store(config)
    except KioskError as error:
        return [Check("database", FAIL, error.text("en")), Check("audit chain", FAIL, "database not readable")]
    try:
        ok, text = store.integrity_ok()
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        checks = [Check("database", OK if ok and version == LATEST else FAIL, f"schema v{version}, integrity {text}")]
        report = audit.check(store.conn)
        checks.append(Check("audit chain", OK, f"{report.entries} entries, chain intact") if report.ok else
                      Check("audit chain", FAIL, f"altered at entry {report.first_broken}"))
        return checks
    finally:
        store.close()


def check_sync(config: Config) -> list[Check]:
    """The queue towards the centre and the kiosk's clock as the centre saw it (from the store)."""
    from kiosk import outbox
    from kiosk.store import open_store

    try:
        store = open_store(config)
    except KioskError as error:
        return [Check("sync queue", FAIL, error.text("en"))]
    try:
        counts = outbox.counts(store)
        state, code, skew, success = store.conn.execute(
            "SELECT state, state_code, clock_skew, last_success_at FROM sync_state WHERE id = 1").fetchone()
    finally:
        store.close()
    if not config.central.url:
        queue = Check("sync queue", WARN if counts.waiting else OK,
                      f"no central service configured; {counts.waiting} application(s) kept on this kiosk")
    else:
        status = FAIL if counts.quarantined else WARN if state not in ("online", "unknown") else OK
        queue = Check("sync queue", status,
                      f"{counts.waiting} waiting, {counts.quarantined} set aside for a helper; centre {state}"
                      f"{' (' + code + ')' if code else ''}; last success {success or 'never'}")
    if skew is None:
        clock = Check("clock vs centre", OK if not config.central.url else WARN, "not measured yet")
    else:
        far = abs(skew) > 300
        clock = Check("clock vs centre", FAIL if far else OK,
                      f"kiosk clock is {abs(skew):.0f} s {'behind' if skew > 0 else 'ahead of'} the centre")
    return [queue, clock]


def check_catalog(config: Config) -> Check:
    repo = catalog_mod.CatalogRepository(config.storage.data_dir)
    try:
        current = repo.load()
    except KioskError as error:
        return Check("catalog", FAIL, error.text("en"))
    detail = f"version {current.version}, {len(current.services)} services"
    if repo.last_problem:
        return Check("catalog", WARN, f"{detail}; refused newer file: {repo.last_problem}")
    return Check("catalog", OK, detail)


def check_disk(config: Config) -> Check:
    path = config.storage.data_dir if config.storage.data_dir.exists() else config.storage.data_dir.parent
    while not path.exists():
        path = path.parent
    free_mb = shutil.disk_usage(path).free // (1024 * 1024)
    status = OK if free_mb >= config.storage.min_free_mb else FAIL
    return Check("free disk", status, f"{free_mb} MB free (minimum {config.storage.min_free_mb} MB)")


def check_clock(now: _dt.datetime | None = None) -> Check:
    now = now or _dt.datetime.now(_dt.timezone.utc)
    build = _dt.date.fromisoformat(BUILD_DATE)
    if now.date() < build:
        return Check("clock", FAIL, f"clock says {now:%Y-%m-%d %H:%M} UTC, before this build ({BUILD_DATE}); set the time")
    return Check("clock", OK, f"{now:%Y-%m-%d %H:%M} UTC")


def _run(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return ""


def check_fonts() -> Check:
    if not shutil.which("fc-list"):
        return Check("fonts", WARN, "fc-list not found; cannot check for Chinese fonts")
    families = _run(["fc-list", ":lang=zh", "family"])
    if not families.strip():
        return Check("fonts", FAIL, "no Chinese font installed (install fonts-noto-cjk)")
    if "Noto Sans CJK" not in families:
        return Check("fonts", WARN, "only fallback Chinese fonts; install fonts-noto-cjk for clear text")
    return Check("fonts", OK, "Noto Sans CJK present")


def run_checks(config: Config, extra: Iterable[Callable[[Config], Check | list[Check]]] = ()) -> list[Check]:
    checks: list[Check] = [check_config(config)]
    checks += check_store(config)  # opens (and on a new kiosk creates) the data dir first
    checks.append(check_data_dir(config))
    checks += check_sync(config)
    checks += [check_catalog(config), check_disk(config), check_clock(), check_fonts()]
    for extra_check in extra:
        result = extra_check(config)
        checks += result if isinstance(result, list) else [result]
    return checks


def render(checks: list[Check], as_json: bool = False) -> str:
    if as_json:
        return json.dumps({"ok": all(c.status != FAIL for c in checks), "checks": [asdict(c) for c in checks]},
                          ensure_ascii=False, indent=2)
    width = max(len(check.name) for check in checks)
    lines = [f"{check.status.upper():4}  {check.name:<{width}}  {check.detail}" for check in checks]
    failed = sum(check.status == FAIL for check in checks)
    lines.append("all checks passed" if not failed else f"{failed} check(s) failed")
    return "\n".join(lines)
