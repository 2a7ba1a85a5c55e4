"""The resident journey with the GA 467 driver as the configured reader, its simulator behind a pty.

Everything below the simulator is real: the pyserial driver, the frame codec,
the field parser, the device bridge and the identity screen.
"""

from __future__ import annotations

import dataclasses

import pytest

from devices.simulated.fixtures import FIXTURE_CARDS
from devices.simulated.ga467 import Ga467Simulator
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
    ("bad_data", "读完整"),
    ("unplugged", "断开"),
])
def test_each_card_fault_is_shown_and_spoken(qtbot, kiosk, fault, words):
    window, session, simulator = kiosk
    session.choose_service("senior_card")
    session.next()
    settle()
    if fault == "pulled":
        simulator.pull_mid_frame()  # armed first: the reader may ask for the base info as soon as the card lies there
        simulator.place(ORDINARY)
    elif fault == "expired":
        simulator.place(EXPIRED)
        # The core says no (Session.identify, on the station's date) once the resident confirms.
        qtbot.waitUntil(lambda: window.screen.findChild(QPushButton, "confirm_yes") is not None, timeout=10_000)
        qtbot.mouseClick(window.screen.findChild(QPushButton, "confirm_yes"), Qt.LeftButton)
    elif fault == "bad_data":  # the card's birth date disagrees with the one inside its ID number
        simulator.place(dataclasses.replace(ORDINARY, birth_date=ORDINARY.birth_date.replace(year=1931)))
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


def test_a_card_laid_on_the_reader_before_the_identity_screen_is_read_there(qtbot, kiosk):
    window, session, simulator = kiosk
    simulator.place(ELDER)  # on the reader while the resident still reads the home screen
    qtbot.waitUntil(lambda: window.bridge.present is not None, timeout=10_000)  # read once, by the reader
    session.choose_service("senior_card")
    session.next()
    settle()
    confirm = window.screen.findChild(QLabel, "confirm_name")
    assert confirm is not None and "李*英" in confirm.text()
    assert "李*英" in window.screen.prompt() and window.screen.prompt_key == "identity.confirm"  # Repeat says it
    qtbot.mouseClick(window.screen.findChild(QPushButton, "confirm_yes"), Qt.LeftButton)
    assert session.state == State.FORM and session.answers["id_number"] == ELDER.id_number


def test_the_card_is_forgotten_when_lifted_and_when_the_visit_ends(qtbot, kiosk):
    window, session, simulator = kiosk
    simulator.place(ELDER)
    qtbot.waitUntil(lambda: window.bridge.present is not None, timeout=10_000)
    simulator.remove()
    qtbot.waitUntil(lambda: window.bridge.present is None, timeout=10_000)
    session.choose_service("senior_card")
    session.next()
    settle()
    assert window.screen.findChild(QPushButton, "confirm_yes") is None  # lifted: nothing to confirm
    simulator.place(ELDER)
    qtbot.waitUntil(lambda: window.screen.findChild(QPushButton, "confirm_yes") is not None, timeout=10_000)
    session.wipe("idle")  # the resident walked away with the card still on the reader
    settle()
    assert window.bridge.present is None
    session.choose_service("senior_card")
    session.next()
    settle()
    assert window.screen.findChild(QPushButton, "confirm_yes") is None  # the next person does not see it
    assert ELDER.name not in texts(window)


def test_back_to_home_forgets_the_card_left_on_the_reader(qtbot, kiosk):
    """Back from the guide ends nothing by the idle timer (home is fresh): the card must go all the same,
    or the next person would be asked 'Is this you?' with the last resident's name."""
    window, session = kiosk[0], kiosk[1]
    simulator = kiosk[2]
    session.choose_service("senior_card")
    settle()
    simulator.place(ELDER)  # laid down while reading the guide ...
    qtbot.waitUntil(lambda: window.bridge.present is not None, timeout=10_000)
    session.back()  # ... then back to home, and away, the card still on the reader
    settle()
    assert window.bridge.present is None and session.is_fresh()
    session.choose_service("residence_permit")  # the next person
    session.next()
    settle()
    assert window.screen.findChild(QPushButton, "confirm_yes") is None
    assert ELDER.name not in texts(window) and "李*英" not in texts(window)


def test_a_reader_unplugged_before_the_identity_screen_is_shown_there(qtbot, kiosk):
    window, session, simulator = kiosk
    qtbot.waitUntil(lambda: window.bridge.connection is not None, timeout=10_000)
    simulator.unplug()
    qtbot.waitUntil(lambda: window.bridge.connection.kind.value == "disconnected", timeout=15_000)
    session.choose_service("senior_card")
    session.next()
    settle()
    assert "断开" in texts(window)
    error = window.screen.findChild(QLabel, "error")
    assert error.accessibleName() in window.screen.prompt()  # Repeat says it too
    simulator.plug()
    qtbot.waitUntil(lambda: window.screen.findChild(QLabel, "error").isHidden(), timeout=20_000)
