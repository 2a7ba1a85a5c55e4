"""The resident journey with the GA 467 driver as the configured reader, its simulator behind a pty.

Everything below the simulator is real: the pyserial driver, the frame codec,
the field parser, the device bridge and the identity screen.
"""

from __future__ import annotations

import dataclasses

import pytest

from devices.fixtures import FIXTURE_CARDS
from devices.ga467_simulator import Ga467Simulator
from kiosk import applications, config as config_mod, samples
from kiosk.cli import build_devices
from kiosk.identity import IdentityMethod
from kiosk.session import State
from ui.gallery import make_window, settle
from ui.qt import QLabel, QPushButton, Qt

ORDINARY, ELDER, EXPIRED = FIXTURE_CARDS[0], FIXTURE_CARDS[1], FIXTURE_CARDS[2]


@pytest.fixture
def kiosk(qtbot, tmp_path):
    simulator = Ga467Simulator()
    simulator.plug()
    config = config_mod.from_mapping({"storage": {"data_dir": str(tmp_path)},
                                      "devices": {"card_reader": "ga467", "card_reader_port": simulator.port,
                                                  "camera": "none", "speech": "none"}})
    devices = build_devices(config, speech=False)
    window, session = make_window("1366x768", True, "zh_CN", tmp_path)
    window.devices.update(devices)
    window.bridge.attach_reader(devices["reader"])
    devices["reader"].start()
    qtbot.addWidget(window)
    yield window, session, simulator
    devices["reader"].stop()
    simulator.unplug()
    window.store.close()


def texts(window):
    return " ".join(w.text() for w in window.screen.findChildren(QLabel) if w.isVisible())


def test_card_on_the_reader_fills_the_form_through_to_the_receipt(qtbot, kiosk):
    window, session, simulator = kiosk
    session.choose_service("senior_card")
    session.next()
    settle()
    simulator.place(ELDER)
    qtbot.waitUntil(lambda: window.screen.findChild(QPushButton, "confirm_yes") is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "李*英" in texts(window), timeout=5_000)  # shown partly masked to confirm
    assert ELDER.name not in texts(window)
    qtbot.mouseClick(window.screen.findChild(QPushButton, "confirm_yes"), Qt.LeftButton)
    assert session.state == State.FORM and session.answers["id_number"] == ELDER.id_number
    assert session.identity.method == IdentityMethod.ID_CARD
    while session.state == State.FORM:
        session.next({f.id: session.answers.get(f.id) or samples.answer_for(f) for f in session.page_fields()})
    window.submit()
    qtbot.waitUntil(lambda: session.state == State.RECEIPT, timeout=10_000)
    stored = applications.load(window.store, session.receipt.application_uuid)
    assert stored.answers["name"] == ELDER.name and stored.identity["method"] == "id_card"


@pytest.mark.parametrize("fault, words", [
    ("pulled", "移开"),
    ("expired", "过有效期"),
    ("check_digit", "校验"),
    ("unplugged", "断开"),
])
def test_each_card_fault_is_shown_and_spoken(qtbot, kiosk, fault, words):
    window, session, simulator = kiosk
    session.choose_service("senior_card")
    session.next()
    settle()
    if fault == "pulled":
        simulator.place(ORDINARY)
        simulator.pull_mid_frame()
    elif fault == "expired":
        simulator.place(EXPIRED)
    elif fault == "check_digit":
        simulator.place(dataclasses.replace(ORDINARY, id_number=ORDINARY.id_number[:-1] +
                                            str((int(ORDINARY.id_number[-1]) + 1) % 10)))
    else:
        simulator.unplug()
    qtbot.waitUntil(lambda: words in texts(window), timeout=15_000)
    assert ("identity.error", "zh_CN") in window.spoken
    assert session.state == State.IDENTITY and session.identity is None
    if fault == "unplugged":  # plugged back in: works without a restart
        simulator.plug()
        simulator.place(ORDINARY)
        qtbot.waitUntil(lambda: window.screen.findChild(QPushButton, "confirm_yes") is not None, timeout=20_000)
