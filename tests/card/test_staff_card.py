"""Staff cards end to end: a real pcscd with the vpcd driver, our virtual staff card, our PC/SC reader.

A staff card has no identity applet; it answers GET DATA (FF CA 00 00 00) with its UID, as a
contactless reader does for any card.  The PC/SC reader hands that UID on with "not an identity
card"; the kiosk looks it up in the roster and asks only for the PIN.  IT registers the card by
laying it on the reader (`waystation helpers card NUMBER --from-reader`).  Nothing is mocked; like
tests/card/test_pcsc.py this needs root, pcscd and vsmartcard-vpcd and fails (never skips) without.
"""

from __future__ import annotations

import os
import queue
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from factories import make_card
from pcsc_service import PcscService, wait_for_card

from devices.card import identity_applet as profile
from devices.card.pcsc_reader import PcscReader
from devices.card.reader import CardEventKind
from devices.simulated.vpcd_card import IdentityCardApplet, StaffCardApplet, VpcdCard
from kiosk import config as config_mod, roster
from kiosk.staff import Role
from kiosk.store import open_store

UID = "04A1B2C3D4E5F6"
PIN = "384712"
ROOT = Path(__file__).resolve().parents[2]
WAIT = 15.0


@pytest.fixture(scope="module")
def pcsc(tmp_path_factory: pytest.TempPathFactory) -> PcscService:
    with PcscService(tmp_path_factory.mktemp("pcscd")) as service:
        yield service


@contextmanager
def placed(pcsc: PcscService, applet):
    card = VpcdCard(applet, port=pcsc.port)
    card.insert()
    wait_for_card(pcsc.reader)
    try:
        yield card
    finally:
        card.remove()
        if pcsc.running:
            wait_for_card(pcsc.reader, present=False)


@pytest.fixture
def reader(pcsc: PcscService):
    watched = PcscReader(pcsc.reader)
    events: queue.Queue = queue.Queue()
    watched.add_listener(events.put)
    watched.start()
    assert events.get(timeout=WAIT).kind == CardEventKind.CONNECTED
    yield watched, events
    watched.stop()


def next_kinds(events: queue.Queue, count: int) -> list:
    return [events.get(timeout=WAIT) for _ in range(count)]


def test_a_staff_card_is_reported_with_its_uid_and_a_resident_card_without(reader, pcsc):
    watched, events = reader
    with placed(pcsc, StaffCardApplet.from_hex(UID)) as card:
        inserted, error = next_kinds(events, 2)
        assert (inserted.kind, error.kind) == (CardEventKind.INSERTED, CardEventKind.ERROR)
        assert error.error.code == "pcsc.not_identity_card" and error.uid == UID
        assert bytes.fromhex("FFCA000000") in card.commands  # asked for after the applet was not found
    assert events.get(timeout=WAIT).kind == CardEventKind.REMOVED
    resident = make_card()
    with placed(pcsc, IdentityCardApplet({profile.HOLDER_RECORD: profile.encode_holder(resident)})) as card:
        inserted, read = next_kinds(events, 2)
        assert read.kind == CardEventKind.READ and read.card.name == resident.name and read.uid == ""
        assert bytes.fromhex("FFCA000000") not in card.commands  # an identity card is never asked for a UID
    assert events.get(timeout=WAIT).kind == CardEventKind.REMOVED


def test_the_kiosk_asks_a_registered_staff_card_for_the_pin_only(qtbot, pcsc, tmp_path):
    from test_ui_staff_console import audit_rows, done, find, touch, type_digits
    from ui.gallery import make_window
    from ui.qt import QLabel

    window, _session = make_window("1366x768", False, "en", tmp_path)
    watched = PcscReader(pcsc.reader)
    try:
        roster.add(window.store, "0007", "王芳", Role.HELPER, PIN)
        roster.register_card(window.store, "0007", UID)
        window.devices["reader"] = watched
        window.bridge.attach_reader(watched)
        watched.start()
        qtbot.waitUntil(lambda: window.bridge.connection is not None, timeout=WAIT * 1000)
        with placed(pcsc, StaffCardApplet.from_hex("04FFFFFFFFFFFF")):  # a card nobody registered
            qtbot.wait(1500)
            done(window)
            assert window.staff.overlay is None
        with placed(pcsc, StaffCardApplet.from_hex(UID)):
            qtbot.waitUntil(lambda: find(window, "pin_keypad") is not None, timeout=WAIT * 1000)
            assert "Staff card of helper 0007" in find(window, "sign_in_instruction", QLabel).text()
            type_digits(qtbot, window, PIN)
            touch(qtbot, window, "sign_in_next")
            done(window)
        assert window.helper is not None and window.helper.number == "0007"
        assert ("helper:0007", "helper.signed_in", "0007", "method=card") in audit_rows(window)
    finally:
        watched.stop()
        window.tasks.wait()
        window.close()
        window.store.close()


def test_it_registers_a_staff_card_by_laying_it_on_the_reader(pcsc, tmp_path):
    config_path = tmp_path / "station.toml"
    config_path.write_text(f'[storage]\ndata_dir = "{tmp_path / "data"}"\n[devices]\ncard_reader = "pcsc"\n'
                           f'pcsc_reader = "{pcsc.reader}"\n', encoding="utf-8")
    config = config_mod.load(config_path)
    store = open_store(config)
    try:
        roster.add(store, "0007", "王芳", Role.HELPER, PIN)
    finally:
        store.close()
    with placed(pcsc, StaffCardApplet.from_hex(UID)):
        result = subprocess.run([sys.executable, "-m", "kiosk.cli", "helpers", "card", "0007", "--from-reader",
                                 "--config", str(config_path)], capture_output=True, text=True, timeout=60,
                                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "staff card registered" in result.stdout and UID not in result.stdout + result.stderr
    store = open_store(config)
    try:
        assert roster.number_for_card(store, UID) == "0007"
    finally:
        store.close()
