"""A damaged database stops start-up with a clear message, not at the first resident's submit."""

import os
import subprocess
import sys

import pytest

from kiosk import applications, config as config_mod
from kiosk.store import open_store

from conftest import ROOT
from factories import TINY_JPEG, make_card


def damaged_kiosk(tmp_path):
    path = tmp_path / "station.toml"
    path.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n[devices]\nspeech = "none"\ncamera = "none"\n')
    config = config_mod.load(path)
    store = open_store(config)
    card = make_card()
    for _ in range(40):  # enough pages that damage in the middle hits table data, not the header
        applications.submit(store, applications.Draft(
            "senior_card", "zh_CN", {"name": card.name}, [applications.Attachment("p", "image/jpeg", TINY_JPEG * 30)],
            {"method": "id_card"}, card.id_number), "DEMO01")
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    database = config.storage.database
    size = database.stat().st_size
    with open(database, "r+b") as handle:  # a disk fault: pages in the middle overwritten
        page = 4096
        for offset in range(size // 2 // page * page, size - page, 3 * page):  # table data, not the schema
            handle.seek(offset)
            handle.write(b"\xa5" * page)
    return path, database


def test_run_stops_at_start_naming_the_damaged_database(tmp_path):
    path, database = damaged_kiosk(tmp_path)
    try:
        result = subprocess.run([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--config", str(path)],
                                capture_output=True, text=True, cwd=ROOT, timeout=90,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        pytest.fail("the kiosk started on a damaged database")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"The database {database} is damaged" in result.stderr and "restore" in result.stderr


def test_open_store_refuses_a_damaged_database(tmp_path):
    from kiosk.errors import StoreError
    from kiosk import store as store_mod

    path, database = damaged_kiosk(tmp_path)
    getattr(store_mod, "_checked_this_process", set()).discard(database.absolute())  # as at a new start-up
    with pytest.raises(StoreError) as refused:
        open_store(config_mod.load(path))
    assert refused.value.code == "store.corrupt"
