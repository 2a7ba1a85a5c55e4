"""`waystation doctor`: tells IT what works on this kiosk and what does not.

Each check returns a Check(name, status, detail).  Doctor only looks: it never
creates the data dir, the store key or the database (a missing one is reported
as not created yet), and never upgrades the schema.  Device checks (speech with
espeak-ng and the sound device, card reader) are added by the composition
root (kiosk.cli) so the core stays free of device code.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass
from typing import Callable, Iterable, Iterator

from kiosk import BUILD_DATE, audit, catalog as catalog_mod, outbox, ratings, store_key, system_programs
from kiosk.config import Config
from kiosk.crypto import Sealer, load_key
from kiosk.errors import ConfigError, KioskError, StoreError
from kiosk.high_water import HighWaterMark
from kiosk.migrations import LATEST
from kiosk.private_files import others_access, require_private
from kiosk.store import SEQUENCE_FILE, inspect, schema_version

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


def check_config(config: Config) -> Check:
    return Check("config", OK, f"station {config.station.id}, from {config.source}")


def check_paths(config: Config) -> Check:
    """Every file and folder the config names, as the kiosk resolves them (relative ones from the
    config file's folder), so IT sees which files are meant."""
    storage, central, devices = config.storage, config.central, config.devices
    paths = {"data_dir": storage.data_dir, "database": storage.database, "key_file": storage.key_path,
             "token_file": central.token_file, "ca_bundle": central.ca_bundle, "wlt_decoder": devices.wlt_decoder,
             "face_detector_model": devices.face_detector_model,
             "face_recognizer_model": devices.face_recognizer_model}
    return Check("paths", OK, "; ".join(f"{name} {path.absolute()}" for name, path in paths.items()
                                        if path is not None))


NOT_YET = "not created yet (the kiosk creates it on first start)"


def check_data_dir(config: Config) -> Check:
    path = config.storage.data_dir
    if not path.exists():
        return Check("data dir", WARN, f"{path}: {NOT_YET}")
    if not os.access(path, os.W_OK):
        return Check("data dir", FAIL, f"{path} is not writable")
    return Check("data dir", OK, str(path))


def check_key(config: Config) -> Check:
    """The store key: read, never created (a root-owned key made by `sudo doctor` would lock the kiosk out),
    and checked against the check value the database recorded (a replaced key orphans the queue)."""
    path = config.storage.key_path
    if not path.exists():
        if not config.storage.database.exists():
            return Check("store key", WARN, f"{path}: {NOT_YET}")
        # As the kiosk decides at start (kiosk.store_key.refuse_missing_key): sealed rows, or a database
        # that cannot be read, stop it; with everything purged it makes a new key and goes on.
        try:
            store_key.refuse_missing_key(config.storage.database, path)
        except StoreError as error:
            return Check("store key", FAIL, error.text("en"))
        return Check("store key", WARN, f"{path}: missing; the database holds nothing sealed, so the kiosk "
                                        "makes a new key on start")
    try:
        key = load_key(path)
    except KioskError as error:
        return Check("store key", FAIL, error.text("en"))
    with _inspected(config) as conn:
        if isinstance(conn, Check):
            return Check("store key", OK, str(path))
        try:
            fits = store_key.key_fits(conn, Sealer(key))
        except sqlite3.Error:
            return Check("store key", WARN, f"{path}: not compared with the database (not readable)")
    if not fits:
        return Check("store key", FAIL, store_key.wrong_key(path, config.storage.database).text("en"))
    return Check("store key", OK, f"{path}, the key the database was sealed with")


def check_sequence(config: Config) -> Check:
    """The application numbers' high-water mark beside the key (numbers never repeat, even after the
    database is lost): readable, in a writable folder, and not behind the database's counter."""
    mark = HighWaterMark(config.storage.key_path.parent / SEQUENCE_FILE)
    try:
        mark.check_usable()
        high = mark.get("application_seq")
    except KioskError as error:
        return Check("number sequence", FAIL, error.text("en"))
    counter = None
    with _inspected(config) as conn:
        if not isinstance(conn, Check):
            with contextlib.suppress(sqlite3.Error):
                row = conn.execute("SELECT value FROM counters WHERE name = 'application_seq'").fetchone()
                counter = row[0] if row else 0
    if not mark.path.exists():
        return Check("number sequence", WARN if counter else OK,
                     f"{mark.path}: {'written at the next submit' if counter else NOT_YET}")
    detail = f"{mark.path}: highest number handed out {high}" + ("" if counter is None else f", database at {counter}")
    if counter is not None and counter > high:
        return Check("number sequence", WARN, detail + "; raised at the next submit")
    return Check("number sequence", OK, detail)


def check_file_modes(config: Config) -> Check:
    """Owner-only: a data dir or key dir others can write (a key could be swapped, data removed), and a
    database others can read, fail; what is only group-readable is a warning (the kiosk tightens it on start)."""
    database = config.storage.database
    watched = [("data dir", config.storage.data_dir, True), ("key dir", config.storage.key_path.parent, True)]
    watched += [(name, database.with_name(database.name + suffix), False)
                for name, suffix in (("database", ""), ("database WAL", "-wal"), ("database index", "-shm"))]
    failures, warnings = [], []
    for name, path, is_dir in watched:
        try:
            exposed = others_access(path)
        except OSError:
            continue  # not there (yet): other checks say so
        if "writable" in exposed or (not is_dir and "world-readable" in exposed):
            failures.append(f"{name} {path} is {exposed}; chmod {'700' if is_dir else '600'} it")
        elif exposed:
            warnings.append(f"{name} {path} is {exposed}; the kiosk makes it owner-only when it starts")
    if failures:
        return Check("file modes", FAIL, "; ".join(failures + warnings))
    if warnings:
        return Check("file modes", WARN, "; ".join(warnings))
    return Check("file modes", OK, "data dir, key dir and database are owner-only")


@contextlib.contextmanager
def _inspected(config: Config) -> Iterator[sqlite3.Connection | Check]:
    """The existing database, opened to look only; or the Check that says why not."""
    path = config.storage.database
    if not path.exists():
        yield Check("database", WARN, f"{path}: {NOT_YET}")
        return
    owner = path.stat().st_uid
    if owner != os.geteuid():
        # Even a look writes the WAL index files; as another user they would block the kiosk.
        yield Check("database", WARN, f"{path} belongs to uid {owner}: run doctor as that user to check it")
        return
    try:
        conn = inspect(path)
    except KioskError as error:
        yield Check("database", FAIL, error.text("en"))
        return
    try:
        yield conn
    finally:
        conn.close()


def check_store(config: Config) -> list[Check]:
    """Schema version, integrity and the audit chain of the existing database (nothing is created)."""
    with _inspected(config) as conn:
        if isinstance(conn, Check):
            return [conn, Check("audit chain", conn.status, "not checked: " + conn.detail)]
        try:
            ok, text = _quick_check(conn)
            version = schema_version(conn)
            report = audit.check(conn)
            rows = _row_counts(conn)
        except sqlite3.Error as error:
            return [Check("database", FAIL, f"not readable: {error}"),
                    Check("audit chain", FAIL, "database not readable")]
    detail = f"schema v{version}, integrity {text}; rows: {rows}"
    if not ok or version > LATEST:
        database = Check("database", FAIL, detail + ("" if version <= LATEST else f"; this program knows v{LATEST}"))
    elif version < LATEST:
        database = Check("database", WARN, f"{detail}; the kiosk upgrades it to v{LATEST} on start")
    else:
        database = Check("database", OK, detail)
    chain = (Check("audit chain", OK, f"{report.entries} entries, chain intact") if report.ok else
             Check("audit chain", FAIL, f"altered at entry {report.first_broken}"))
    return [database, chain]


COUNTED_TABLES = ("applications", "attachments", "outbox", "receipts", "audit_log", "help_requests")


def _row_counts(conn: sqlite3.Connection) -> str:
    """How many rows the main tables hold (sqlite-utils' introspection), for IT at a glance."""
    import sqlite_utils  # here, not at the top: `waystation run` imports this module and need not load it

    db = sqlite_utils.Database(conn)
    present = set(db.table_names())
    return ", ".join(f"{name} {db[name].count}" for name in COUNTED_TABLES if name in present)


def _quick_check(conn: sqlite3.Connection) -> tuple[bool, str]:
    text = "; ".join(row[0] for row in conn.execute("PRAGMA quick_check").fetchall())
    return text == "ok", text


def check_central(config: Config) -> Check:
    """With a centre configured: is the token file there, readable and owner-only, the CA bundle too?"""
    central = config.central
    if not central.url:
        return Check("central settings", OK, "no central service configured (offline station)")
    problems = []
    if central.token_file is None:
        problems.append("central.token_file is not set")
    else:
        try:
            require_private(central.token_file, "central.token_file")
            if not central.token_file.read_text(encoding="utf-8").strip():
                problems.append(f"central.token_file {central.token_file} is empty")
        except ConfigError as error:
            problems.append(f"{error.params['key']} {error.params['problem']}")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"central.token_file {central.token_file}: "
                            f"{getattr(error, 'strerror', None) or 'not readable text'}")
    if central.ca_bundle is not None:
        if not central.ca_bundle.is_file():
            problems.append(f"central.ca_bundle {central.ca_bundle}: no such file")
        else:
            try:
                require_private(central.ca_bundle, "central.ca_bundle")
            except ConfigError as error:
                problems.append(f"{error.params['key']} {error.params['problem']}")
    if problems:
        return Check("central settings", FAIL, "; ".join(problems))
    if not central.catalog_public_key:
        return Check("central settings", WARN, f"{central.url}; no central.catalog_public_key, so catalog "
                                               "updates are not taken")
    return Check("central settings", OK, central.url)


def check_sync(config: Config) -> list[Check]:
    """The queue towards the centre, the last catalog refused and the clock as the centre saw it."""
    with _inspected(config) as conn:
        if isinstance(conn, Check):
            if not config.storage.database.exists():
                where = "no central service configured; " if not config.central.url else ""
                return [Check("sync queue", OK, f"{where}nothing queued yet (no database yet)")]
            return [Check("sync queue", conn.status, "not checked: " + conn.detail)]
        try:
            counts = outbox.counts(conn)
            import sqlite_utils

            sync = next(sqlite_utils.Database(conn)["sync_state"].rows_where("id = 1"), None)
            if sync is None:  # a database from before sync (v1, v2): the kiosk adds it when it starts
                return [Check("sync queue", WARN if config.central.url else OK,
                              f"{counts.waiting} application(s) queued; sync state not created yet "
                              f"(schema v{schema_version(conn)}: the kiosk upgrades it on start)")]
        except sqlite3.Error as error:
            return [Check("sync queue", FAIL, f"not readable: {error}")]
    state, code, skew, success = sync["state"], sync["state_code"], sync["clock_skew"], sync["last_success_at"]
    if not config.central.url:
        queue = Check("sync queue", WARN if counts.waiting else OK,
                      f"no central service configured; {counts.waiting} application(s) kept on this kiosk")
    else:
        status = (FAIL if counts.quarantined or state == "stopped"
                  else WARN if state not in ("online", "unknown") else OK)
        not_before = sync.get("not_before") or 0.0
        wait = (f"; the centre asked for nothing before "
                f"{_dt.datetime.fromtimestamp(not_before, _dt.UTC).isoformat(timespec='seconds')}"
                if not_before > _dt.datetime.now(_dt.UTC).timestamp() else "")
        queue = Check("sync queue", status,
                      f"{counts.waiting} waiting, {counts.quarantined} set aside for a helper; centre {state}"
                      f"{' (' + code + ')' if code else ''}; last success {success or 'never'}{wait}")
    checks = [queue, _ratings_check(config)]
    if sync.get("statuses_ignored"):
        checks.append(Check("status updates", WARN, f"{sync['statuses_ignored']} status change(s) from the centre "
                                                    "ignored: for records it never acknowledged to this kiosk"))
    if sync.get("catalog_problem"):
        checks.append(Check("catalog update", WARN, f"refused at {sync.get('catalog_problem_at')}, the last good "
                                                    f"catalog stays: {sync['catalog_problem']}"))
    if skew is None:
        checks.append(Check("clock vs centre", OK if not config.central.url else WARN, "not measured yet"))
    else:
        far = abs(skew) > 300
        checks.append(Check("clock vs centre", FAIL if far else OK,
                            f"kiosk clock is {abs(skew):.0f} s {'behind' if skew > 0 else 'ahead of'} the centre"))
    return checks


def _ratings_check(config: Config) -> Check:
    """The 好差评 ratings waiting for the centre, and those it refused (set aside: never sent again)."""
    with _inspected(config) as conn:
        if isinstance(conn, Check):
            return Check("ratings", conn.status, "not checked: " + conn.detail)
        try:
            waiting, aside = ratings.counts(conn)
            reasons = [row[0] for row in conn.execute(
                "SELECT DISTINCT set_aside_reason FROM ratings WHERE set_aside_at IS NOT NULL ORDER BY 1")]
        except sqlite3.Error:  # a database from before ratings were set aside: the kiosk upgrades it on start
            return Check("ratings", OK, "not checked: the database is not upgraded yet (the kiosk does it on start)")
    if aside:
        return Check("ratings", WARN, f"{waiting} waiting, {aside} refused by the centre and set aside "
                                      f"({'; '.join(reasons)}): see `waystation export --what ratings`")
    return Check("ratings", OK, f"{waiting} waiting to be sent")


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
        return system_programs.run(argv, capture_output=True, text=True, timeout=10).stdout
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
    # Read-only: nothing here creates the data dir, the key or the database.
    checks: list[Check] = [check_config(config), check_paths(config), check_data_dir(config),
                           check_key(config), check_sequence(config), check_file_modes(config)]
    checks += check_store(config)
    checks.append(check_central(config))
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
