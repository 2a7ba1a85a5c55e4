"""A database made by an old version is upgraded in place and nothing is lost."""

import hashlib
import json

import pytest

from kiosk import audit, crypto, migrations, store as store_mod
from kiosk.errors import StoreError


def test_upgrade_from_first_migration_keeps_everything(tmp_path):
    sealer = crypto.Sealer(crypto.load_or_create_key(tmp_path / "k"))
    old = store_mod.Store(tmp_path / "w.db", sealer, migrate_to=1)
    assert store_mod.schema_version(old.conn) == 1
    photos = {}
    with old.transaction() as conn:
        for i in range(1, 4):
            conn.execute(
                "INSERT INTO applications(uuid, number, seq, service_id, locale, created_at, payload)"
                " VALUES (?,?,?,?,?,?,?)",
                (f"u{i}", f"N{i}", i, "senior_card", "zh_CN", "2026-01-01",
                 sealer.seal(json.dumps({"answers": {"name": f"n{i}"}}).encode(), f"application:u{i}")),
            )
            photos[i] = f"photo {i}".encode() * 100
            conn.execute(
                "INSERT INTO attachments(application_uuid, name, mime, size, sha256, data) VALUES (?,?,?,?,?,?)",
                (f"u{i}", "id_front", "image/jpeg", len(photos[i]), hashlib.sha256(photos[i]).hexdigest(),
                 sealer.seal(photos[i], f"attachment:u{i}:id_front")))
            conn.execute("INSERT INTO outbox(application_uuid, created_at) VALUES (?, ?)", (f"u{i}", "t"))
            conn.execute("INSERT INTO receipts(number, application_uuid, issued_at, qr_text) VALUES (?,?,?,?)",
                         (f"N{i}", f"u{i}", "2026-01-01", f"waystation:N{i}"))
            audit.append(conn, "kiosk", "application.submitted", f"N{i}")
    old.close()

    upgraded = store_mod.Store(tmp_path / "w.db", sealer)
    assert store_mod.schema_version(upgraded.conn) == migrations.LATEST
    rows = upgraded.conn.execute("SELECT uuid, number, payload, identity_method FROM applications ORDER BY seq").fetchall()
    assert [r[1] for r in rows] == ["N1", "N2", "N3"]
    assert json.loads(sealer.open(rows[2][2], "application:u3"))["answers"]["name"] == "n3"
    assert all(r[3] == "" for r in rows)  # new column, default filled in
    assert upgraded.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 3
    for uuid, sha, data in upgraded.conn.execute("SELECT application_uuid, sha256, data FROM attachments"):
        opened = sealer.open(data, f"attachment:{uuid}:id_front")
        assert hashlib.sha256(opened).hexdigest() == sha and opened == photos[int(uuid[1:])]
    assert upgraded.conn.execute("SELECT number, qr_text FROM receipts ORDER BY number").fetchall() == [
        (f"N{i}", f"waystation:N{i}") for i in range(1, 4)]
    assert audit.verify(upgraded.conn) == 3  # the chain written by v1 still holds
    with upgraded.transaction() as conn:
        audit.append(conn, "kiosk", "store.upgraded")
    assert audit.verify(upgraded.conn) == 4
    upgraded.conn.execute("SELECT * FROM help_requests").fetchall()  # the new table exists
    assert upgraded.conn.execute("SELECT catalog_problem FROM sync_state").fetchone() == ("",)
    upgraded.close()


def test_a_database_from_a_newer_program_is_refused(tmp_path):
    sealer = crypto.Sealer(b"k" * 32)
    first = store_mod.Store(tmp_path / "w.db", sealer)
    first.conn.execute(f"PRAGMA user_version={migrations.LATEST + 1}")
    first.close()
    with pytest.raises(StoreError, match="newer"):
        store_mod.Store(tmp_path / "w.db", sealer)


def test_store_runs_in_wal_mode_with_full_sync(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_two_processes_upgrading_at_once_do_not_trip_over_each_other(tmp_path, monkeypatch):
    """The kiosk's window and its sync worker open the store at the same moment after an upgrade: the
    one that read the old version before the other committed must skip what is already done."""
    from kiosk import crypto, store as store_mod
    from kiosk.migrations import LATEST

    path, key = tmp_path / "w.db", crypto.load_or_create_key(tmp_path / "k")
    store_mod.Store(path, crypto.Sealer(key), migrate_to=LATEST - 1).close()
    late = store_mod._connect(path)  # the slower process: it read the version before the other upgraded
    store_mod.Store(path, crypto.Sealer(key)).close()  # the faster one upgrades to LATEST
    real = store_mod.schema_version
    stale = iter([LATEST - 1])
    monkeypatch.setattr(store_mod, "schema_version", lambda conn: next(stale, None) or real(conn))
    assert store_mod.migrate(late) == LATEST  # no "duplicate column": the step is skipped
    late.close()


def _with_next_migration(monkeypatch, steps):
    """The real migrations plus one more (as a later release would add it)."""
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*migrations.MIGRATIONS, steps])
    monkeypatch.setattr(store_mod, "LATEST", migrations.LATEST + 1)


def test_a_sqlite_utils_step_commits_or_rolls_back_with_its_migration(tmp_path, monkeypatch):
    """A migration step written with sqlite-utils runs inside the migration's transaction:
    if a later step fails, its table and column are gone and the version stays where it was."""
    conn = store_mod._connect(tmp_path / "waystation.db")
    store_mod.migrate(conn)

    def add_printer_log(db):
        db["printer_log"].create({"id": int, "at": str, "state": str}, pk="id")
        db["receipts"].add_column("printer_state", str)

    _with_next_migration(monkeypatch, [add_printer_log, "THIS IS NOT SQL"])
    with pytest.raises(Exception):
        store_mod.migrate(conn, migrations.LATEST + 1)
    assert store_mod.schema_version(conn) == migrations.LATEST
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'printer_log'").fetchone()[0] == 0
    assert "printer_state" not in [row[1] for row in conn.execute("PRAGMA table_info(receipts)")]

    _with_next_migration(monkeypatch, [add_printer_log])
    assert store_mod.migrate(conn, migrations.LATEST + 1) == migrations.LATEST + 1
    assert "printer_state" in [row[1] for row in conn.execute("PRAGMA table_info(receipts)")]
    conn.execute("INSERT INTO printer_log(at, state) VALUES ('2026-12-04T10:00:00Z', 'ok')")


def test_a_step_that_ends_the_transaction_is_refused(tmp_path, monkeypatch):
    conn = store_mod._connect(tmp_path / "waystation.db")
    store_mod.migrate(conn)
    _with_next_migration(monkeypatch, [lambda db: db.execute("COMMIT")])
    with pytest.raises(StoreError):
        store_mod.migrate(conn, migrations.LATEST + 1)
    assert store_mod.schema_version(conn) == migrations.LATEST
