"""`waystation doctor` tells IT what is wrong in words: clock, sync queue, audit chain, catalog."""

import contextlib
import datetime as _dt
import json
import sqlite3

from kiosk import config as config_mod, crypto, doctor, migrations
from kiosk.store import Store, open_store


def config_for(tmp_path, **central):
    return config_mod.from_mapping({"storage": {"data_dir": str(tmp_path)}, "central": central})


def by_name(checks):
    return {check.name: check for check in checks}


def test_a_clock_before_the_build_is_flagged():
    assert doctor.check_clock(_dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)).status == doctor.FAIL
    assert doctor.check_clock().status == doctor.OK


def test_a_kiosk_clock_far_from_the_centres_fails_while_an_empty_queue_is_ok(tmp_path):
    config = config_for(tmp_path, url="https://127.0.0.1:9", token_file=str(tmp_path / "t"))
    store = open_store(config)
    store.conn.execute("UPDATE sync_state SET clock_skew = 3600, state = 'online' WHERE id = 1")
    store.close()
    checks = by_name(doctor.check_sync(config))
    assert checks["clock vs centre"].status == doctor.FAIL and "3600 s behind" in checks["clock vs centre"].detail
    assert checks["sync queue"].status == doctor.OK


def test_without_a_centre_the_queue_is_reported_as_kept_locally(tmp_path):
    checks = by_name(doctor.check_sync(config_for(tmp_path)))
    assert "no central service" in checks["sync queue"].detail


def test_render_readable_and_json(tmp_path):
    checks = doctor.run_checks(config_for(tmp_path))
    text = doctor.render(checks)
    assert "audit chain" in text and text.splitlines()[-1] in ("all checks passed", f"{sum(c.status == 'fail' for c in checks)} check(s) failed")
    assert '"checks"' in doctor.render(checks, as_json=True)


def test_doctor_on_a_new_kiosk_creates_nothing_and_says_not_created_yet(tmp_path):
    data = tmp_path / "data"
    checks = by_name(doctor.run_checks(config_for(data)))
    assert not data.exists()  # no data dir, no key, no database made as a side effect
    for name in ("data dir", "store key", "database"):
        assert checks[name].status == doctor.WARN and "not created yet" in checks[name].detail, name
    assert checks["audit chain"].status == doctor.WARN and "not checked" in checks["audit chain"].detail
    assert checks["sync queue"].status == doctor.OK
    assert all(check.status != doctor.FAIL for name, check in checks.items() if name != "fonts")


def test_doctor_reports_an_existing_store_without_changing_it(tmp_path):
    config = config_for(tmp_path)
    old = Store(config.storage.database, crypto.Sealer(crypto.load_or_create_key(config.storage.key_path)),
                migrate_to=migrations.LATEST - 1)
    old.close()
    checks = by_name(doctor.run_checks(config))
    assert checks["database"].status == doctor.WARN and "upgrades it" in checks["database"].detail
    assert checks["store key"].status == doctor.OK and checks["audit chain"].status == doctor.OK
    with contextlib.closing(sqlite3.connect(config.storage.database)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST - 1  # not upgraded
    config.storage.key_path.unlink()  # nothing sealed in it: the kiosk would make a new key (test_store_key)
    assert by_name(doctor.run_checks(config))["store key"].status == doctor.WARN


def test_central_settings_are_checked_when_a_centre_is_configured(tmp_path):
    assert doctor.check_central(config_for(tmp_path)).status == doctor.OK  # offline station
    token, ca = tmp_path / "token", tmp_path / "ca.pem"
    check = doctor.check_central(config_for(tmp_path, url="https://c.example", token_file=str(token),
                                            ca_bundle=str(ca)))
    assert check.status == doctor.FAIL
    assert f"central.token_file {token}" in check.detail and f"central.ca_bundle {ca}: no such file" in check.detail
    token.write_text("")
    token.chmod(0o600)
    assert "is empty" in doctor.check_central(config_for(tmp_path, url="https://c.example",
                                                         token_file=str(token))).detail
    token.write_text("secret-token")
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    ca.chmod(0o600)
    check = doctor.check_central(config_for(tmp_path, url="https://c.example", token_file=str(token),
                                            ca_bundle=str(ca)))
    assert check.status == doctor.WARN and "catalog_public_key" in check.detail
    check = doctor.check_central(config_for(tmp_path, url="https://c.example", token_file=str(token),
                                            catalog_public_key="ab" * 32))
    assert check.status == doctor.OK


def test_the_database_check_counts_what_the_kiosk_holds(tmp_path):
    from kiosk import applications

    from factories import TINY_JPEG, make_card

    config = config_for(tmp_path)
    store = open_store(config)
    card = make_card()
    for _ in range(2):
        applications.submit(store, applications.Draft(
            "senior_card", "en", {"name": card.name}, [applications.Attachment("p", "image/jpeg", TINY_JPEG)],
            {"method": "id_card"}, card.id_number), "DEMO01")
    store.close()
    detail = by_name(doctor.check_store(config))["database"].detail
    assert "applications 2" in detail and "attachments 2" in detail and "outbox 2" in detail
    assert card.name not in detail and card.id_number not in detail


def test_doctor_on_a_database_from_before_sync_says_so_instead_of_failing(tmp_path):
    config = config_for(tmp_path)
    key = crypto.load_or_create_key(config.storage.key_path)
    Store(config.storage.database, crypto.Sealer(key), migrate_to=1).close()  # a kiosk of the first release
    checks = by_name(doctor.run_checks(config))
    assert checks["database"].status == doctor.WARN and "upgrades it" in checks["database"].detail
    assert "not created yet" in checks["sync queue"].detail


def test_doctor_prints_the_paths_resolved_from_the_config_files_folder(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "station.toml").write_text('[storage]\ndata_dir = "data"\nkey_file = "keys/store.key"\n'
                                      '[central]\nurl = "https://c.example"\ntoken_file = "token"\nca_bundle = "ca.pem"\n'
                                      '[devices]\nface_detector_model = "models/yunet.onnx"\n')
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "doctor", "--config", "etc/station.toml", "--json"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    report = json.loads(result.stdout)
    paths = by_name(doctor.Check(**check) for check in report["checks"])["paths"]
    for name, path in [("data_dir", etc / "data"), ("database", etc / "data" / "waystation.db"),
                       ("key_file", etc / "keys" / "store.key"), ("token_file", etc / "token"),
                       ("ca_bundle", etc / "ca.pem"), ("face_detector_model", etc / "models" / "yunet.onnx")]:
        assert f"{name} {path}" in paths.detail
