"""The doctor's card-reader check against the GA 467 simulator behind a real pty, and a missing port."""

from __future__ import annotations

import time

from devices.simulated.ga467 import Ga467Simulator
from devices.card.reader_check import check_card_reader
from kiosk import config as config_mod


def reader_config(tmp_path, **devices):
    return config_mod.from_mapping({"storage": {"data_dir": str(tmp_path)},
                                    "devices": {"camera": "none", "speech": "none", **devices}})


def test_a_plugged_in_reader_is_reported_connected(tmp_path):
    with Ga467Simulator() as simulator:
        config = reader_config(tmp_path, card_reader="ga467", card_reader_port=simulator.port,
                               card_reader_baud=57600)
        ok, text = check_card_reader(config)
    assert ok, text
    assert simulator.port in text and "57600 bd" in text and "connected" in text  # the configured line speed


def test_a_missing_port_fails_clearly_and_quickly(tmp_path):
    config = reader_config(tmp_path, card_reader="ga467", card_reader_port=str(tmp_path / "ttyUSB9"))
    started = time.monotonic()
    ok, text = check_card_reader(config)
    assert not ok
    assert "ttyUSB9" in text and "disconnected" in text
    assert time.monotonic() - started < 4.5  # waits ~3 s at most, then lets go of the port


def test_the_simulated_reader_and_none(tmp_path):
    assert check_card_reader(reader_config(tmp_path, card_reader="simulated"))[0]
    ok, text = check_card_reader(reader_config(tmp_path, card_reader="none"))
    assert ok and "none configured" in text
