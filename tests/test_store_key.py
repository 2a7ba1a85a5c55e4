"""A missing or replaced store key never silently orphans the queue.

The database records a check value of the key that sealed it; a kiosk started with no
key, or another key, beside sealed applications stops (run, sync) with a message naming
the key file and what to restore, and doctor fails.  A fresh install still just starts."""

import json
import os
import subprocess
import sys

import pytest

from kiosk import applications, config as config_mod, crypto, doctor, store_key
from kiosk.errors import StoreError
from kiosk.migrations import STORE_KEY_CHECK
from kiosk.store import Store, open_store

from conftest import ROOT
from factories import TINY_JPEG, make_card


def write_config(tmp_path, central: bool = False):
    text = f'[storage]\ndata_dir = "{tmp_path / "data"}"\n[devices]\nspeech = "none"\ncamera = "none"\n'
    if central:
        token = tmp_path / "token"
        token.touch(mode=0o600)
        token.write_text("station-token-0123456789\n")
        text += f'[central]\nurl = "https://127.0.0.1:9"\ntoken_file = "{token}"\n'
    path = tmp_path / "station.toml"
    path.write_text(text)
    return path


def submit_one(store):
    card = make_card()
    return applications.submit(store, applications.Draft(
        "senior_card", "zh_CN", {"name": card.name}, [applications.Attachment("photo", "image/jpeg", TINY_JPEG)],
        {"method": "id_card"}, card.id_number), "DEMO01")


def kiosk_with_a_queue(tmp_path, central: bool = False):
    path = write_config(tmp_path, central)
    config = config_mod.load(path)
    store = open_store(config)
    submit_one(store)
    store.close()
    return path, config


def waystation(*args, timeout=90):
    """Run the CLI as IT would; a kiosk that does not stop by itself is a failure, not a hang."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], capture_output=True, text=True,
                              cwd=ROOT, env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"waystation {' '.join(args)} kept running instead of stopping at start-up")


def test_a_fresh_install_creates_key_and_database_and_records_the_check_value(tmp_path):
    config = config_mod.load(write_config(tmp_path))
    store = open_store(config)
    assert config.storage.key_path.is_file() and config.storage.database.is_file()
    assert store_key.recorded_key_id(store.conn) == store.sealer.key_id
    store.close()
    open_store(config).close()  # and opens again with the same key


def test_a_missing_key_beside_sealed_applications_is_not_replaced(tmp_path):
    _, config = kiosk_with_a_queue(tmp_path)
    config.storage.key_path.unlink()
    with pytest.raises(StoreError) as refused:
        open_store(config)
    text = refused.value.text("en")
    assert refused.value.code == "store.key_lost"
    assert str(config.storage.key_path) in text and "Restore" in text and "keys/store.key" in text
    assert not config.storage.key_path.exists()  # no new key made that would hide the loss


def test_a_missing_key_beside_a_database_that_cannot_be_read_is_not_replaced(tmp_path):
    _, config = kiosk_with_a_queue(tmp_path)
    config.storage.key_path.unlink()
    database = config.storage.database
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    with open(database, "r+b") as handle:  # the header gone: nothing can tell what the file holds
        handle.write(b"\xa5" * 100)
    with pytest.raises(StoreError) as refused:
        open_store(config)
    assert refused.value.code == "store.key_lost_unreadable"
    assert str(config.storage.key_path) in refused.value.text("en") and "Restore" in refused.value.text("en")
    assert not config.storage.key_path.exists()  # a new key now would turn "key lost" into "wrong key" later


def test_a_different_key_is_refused_and_the_right_one_still_opens(tmp_path):
    _, config = kiosk_with_a_queue(tmp_path)
    original = config.storage.key_path.read_bytes()
    config.storage.key_path.write_bytes(os.urandom(32))
    with pytest.raises(StoreError) as refused:
        open_store(config)
    assert refused.value.code == "store.wrong_key" and str(config.storage.key_path) in refused.value.text("en")
    config.storage.key_path.write_bytes(original)
    store = open_store(config)
    assert store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 1
    store.close()


def test_an_old_database_gets_the_check_value_and_a_wrong_key_is_found_by_its_sealed_rows(tmp_path):
    config = config_mod.load(write_config(tmp_path))
    key = crypto.load_or_create_key(config.storage.key_path)
    old = Store(config.storage.database, crypto.Sealer(key), migrate_to=STORE_KEY_CHECK - 1)  # before the check value
    submit_one(old)
    old.close()
    other = tmp_path / "other.key"
    with pytest.raises(StoreError) as refused:
        Store(config.storage.database, crypto.Sealer(crypto.load_or_create_key(other)), key_path=other)
    assert refused.value.code == "store.wrong_key"
    store = open_store(config)
    assert store_key.recorded_key_id(store.conn) == crypto.Sealer(key).key_id
    store.close()


def test_an_old_database_with_nothing_sealed_takes_the_key_it_is_given(tmp_path):
    config = config_mod.load(write_config(tmp_path))
    Store(config.storage.database, crypto.Sealer(os.urandom(32)), migrate_to=STORE_KEY_CHECK - 1).close()
    store = open_store(config)
    assert store_key.recorded_key_id(store.conn) == store.sealer.key_id
    store.close()


def test_doctor_fails_on_a_replaced_key_and_on_a_missing_one(tmp_path):
    _, config = kiosk_with_a_queue(tmp_path)
    assert {c.name: c for c in doctor.run_checks(config)}["store key"].status == doctor.OK
    original = config.storage.key_path.read_bytes()
    config.storage.key_path.write_bytes(os.urandom(32))
    check = {c.name: c for c in doctor.run_checks(config)}["store key"]
    assert check.status == doctor.FAIL and "not the key" in check.detail
    assert str(config.storage.key_path) in check.detail
    config.storage.key_path.unlink()
    check = {c.name: c for c in doctor.run_checks(config)}["store key"]
    assert check.status == doctor.FAIL and "Restore" in check.detail
    config.storage.key_path.write_bytes(original)
    config.storage.key_path.chmod(0o600)
    assert {c.name: c for c in doctor.run_checks(config)}["store key"].status == doctor.OK


def test_doctor_and_start_agree_on_a_missing_key_when_nothing_sealed_is_left(tmp_path):
    config = config_mod.load(write_config(tmp_path))
    open_store(config).close()  # a kiosk that started, but holds nothing sealed (or all of it purged)
    config.storage.key_path.unlink()
    check = {c.name: c for c in doctor.run_checks(config)}["store key"]
    assert check.status == doctor.WARN and "makes a new key" in check.detail
    open_store(config).close()  # and the kiosk does just that
    assert config.storage.key_path.is_file()


@pytest.mark.parametrize("replace", ["delete", "other key"])
def test_run_sync_and_doctor_stop_with_the_key_file_named(tmp_path, replace):
    path, config = kiosk_with_a_queue(tmp_path, central=True)
    if replace == "delete":
        config.storage.key_path.unlink()
    else:
        config.storage.key_path.write_bytes(os.urandom(32))
    key = str(config.storage.key_path)
    for args in (["run", "--windowed"], ["sync", "--once"]):
        result = waystation(*args, "--config", str(path))
        assert result.returncode != 0, args
        assert key in result.stderr and "Restore" in result.stderr and "Traceback" not in result.stderr, args
    assert config.storage.key_path.exists() == (replace != "delete")  # nothing made in the lost key's place
    result = waystation("doctor", "--json", "--config", str(path))
    checks = {check["name"]: check for check in json.loads(result.stdout)["checks"]}
    assert result.returncode == 1 and checks["store key"]["status"] == "fail" and key in checks["store key"]["detail"]
