"""`waystation demo-queue`: sample applications through a real session; never on a production station."""

from __future__ import annotations

import pytest

from kiosk import applications, config as config_mod, demo_queue, samples
from kiosk.errors import ConfigError
from kiosk.store import open_store
from factories import TINY_JPEG


def _config(tmp_path, extra: str = ""):
    path = tmp_path / "station.toml"
    path.write_text(f'{extra}\n[storage]\ndata_dir = "{tmp_path / "data"}"\n')
    return config_mod.load(path)


def test_samples_are_queued_like_a_residents_and_read_back(tmp_path, capsys):
    config = _config(tmp_path)
    assert demo_queue.main(config, 7, TINY_JPEG) == 0
    numbers = capsys.readouterr().out.split()
    assert len(numbers) == 7
    store = open_store(config)
    try:
        rows = store.conn.execute("SELECT uuid, number, service_id FROM applications ORDER BY seq").fetchall()
        assert [number for _, number, _ in rows] == numbers
        assert len({service for *_, service in rows}) == 6  # one service after another
        for uuid, _, _ in rows:
            app = applications.load(store, uuid)
            assert samples.SAMPLE_ID in app.answers.values() or app.identity["method"] == "simulated"
            assert all(attachment.data == TINY_JPEG for attachment in app.attachments)
        assert store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 7
    finally:
        store.close()


def test_a_production_station_refuses_samples(tmp_path):
    config = _config(tmp_path, '[station]\nid = "AB12"\nproduction = true\n[devices]\ncard_reader = "none"\n'
                               'camera = "none"\n[central]\nurl = "https://centre.invalid"\n'
                               f'token_file = "{tmp_path / "token"}"')
    with pytest.raises(ConfigError) as refused:
        demo_queue.main(config, 1, TINY_JPEG)
    assert "production" in refused.value.text("en")
    assert not (tmp_path / "data" / "waystation.db").exists()
