"""Application numbers never repeat on a station, even when the database is lost or emptied.

A printed receipt must never lead to another resident's application: the counter's
high-water mark lives beside the key (which survives), and start-up continues above it."""

import sqlite3
import stat

import pytest

from kiosk import app_number, applications, config as config_mod
from kiosk.errors import StoreError
from kiosk.store import SEQUENCE_FILE, open_store

from factories import TINY_JPEG, make_card


def kiosk(tmp_path):
    return config_mod.from_mapping({"storage": {"data_dir": str(tmp_path / "data")}})


def submit(config) -> str:
    store = open_store(config)
    try:
        card = make_card()
        return applications.submit(store, applications.Draft(
            "senior_card", "zh_CN", {"name": card.name}, [applications.Attachment("photo", "image/jpeg", TINY_JPEG)],
            {"method": "id_card"}, card.id_number), "DEMO01").number
    finally:
        store.close()


def remove_database(config) -> None:
    for suffix in ("", "-wal", "-shm"):
        config.storage.database.with_name(config.storage.database.name + suffix).unlink(missing_ok=True)


def test_a_deleted_database_does_not_restart_numbering(tmp_path):
    config = kiosk(tmp_path)
    before = [submit(config) for _ in range(3)]
    remove_database(config)  # the key (and its folder) stay
    after = submit(config)
    assert after not in before
    assert app_number.sequence_of(after) > max(app_number.sequence_of(number) for number in before)


def test_an_emptied_database_does_not_restart_numbering(tmp_path):
    config = kiosk(tmp_path)
    before = [submit(config) for _ in range(2)]
    with sqlite3.connect(config.storage.database) as conn:  # emptied by hand, or restored from an old backup
        for table in ("receipts", "outbox", "attachments", "applications", "counters"):
            conn.execute(f"DELETE FROM {table}")
    after = submit(config)
    assert app_number.sequence_of(after) == app_number.sequence_of(before[-1]) + 1


def test_the_mark_is_on_disk_before_the_number_is_used(tmp_path):
    config = kiosk(tmp_path)
    number = submit(config)
    mark = config.storage.key_path.parent / SEQUENCE_FILE
    assert f'"application_seq": {app_number.sequence_of(number)}' in mark.read_text()
    assert stat.S_IMODE(mark.stat().st_mode) == 0o600


def test_an_unusable_mark_stops_start_up_not_a_residents_submit(tmp_path):
    config = kiosk(tmp_path)
    submit(config)
    mark = config.storage.key_path.parent / SEQUENCE_FILE
    mark.write_text("garbage")
    with pytest.raises(StoreError) as refused:
        open_store(config)
    assert refused.value.code == "store.sequence_unusable" and str(mark) in refused.value.text("en")


def test_doctor_reports_the_mark_and_fails_when_it_cannot_be_read(tmp_path):
    from kiosk import doctor

    config = kiosk(tmp_path)
    assert doctor.check_sequence(config).status == doctor.OK  # fresh: nothing yet
    number = submit(config)
    check = doctor.check_sequence(config)
    assert check.status == doctor.OK and f"highest number handed out {app_number.sequence_of(number)}" in check.detail
    (config.storage.key_path.parent / SEQUENCE_FILE).write_text("{")
    assert doctor.check_sequence(config).status == doctor.FAIL
