"""Run by test_xvfb_journey.py on a real X server (Xvfb): the real kiosk window, devices from the
composition root (simulated reader, espeak-ng speech played into ALSA's null device), driven by
synthetic touches.  Prints the spoken prompt keys as JSON and saves a screenshot of the receipt."""

import json
import sys
import time
from pathlib import Path

from kiosk import config as config_mod, samples
from kiosk.cli import build_devices
from kiosk.log import setup as setup_log
from kiosk.session import State
from ui.app import build_kiosk, shut_down
from ui.keypad import Keypad
from ui.qt import QApplication, QLineEdit, QPushButton, Qt
from PySide6.QtTest import QTest

data_dir, shot = Path(sys.argv[1]), Path(sys.argv[2])
config = config_mod.from_mapping({"storage": {"data_dir": str(data_dir)},
                                  "devices": {"audio_device": "null", "camera": "none", "screen_width_mm": 344}})
setup_log(data_dir / "logs")
window = build_kiosk(config, build_devices(config))
session, speaker = window.session, window.devices["speaker"]


def wait(condition, timeout=15.0):
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise SystemExit(f"timed out in {session.state.value}")
        QApplication.processEvents()
        time.sleep(0.01)


def touch(name):
    widget = window.screen.findChild(QPushButton, name)
    assert widget is not None, name
    QTest.mouseClick(widget, Qt.LeftButton)
    QApplication.processEvents()


def listen(seconds=1.5):
    """Let the resident hear the prompt for a moment (speech runs while the event loop spins)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


wait(lambda: window.isVisible())
listen()
touch("tile_senior_card")
listen()
touch("start")
listen()
window.devices["reader"].present(1)  # test_xvfb_journey.PRESENTED: the log is searched for this card's data
wait(lambda: window.screen.findChild(QPushButton, "confirm_yes") is not None)
listen()
touch("confirm_yes")
while session.state == State.FORM:
    listen(0.5)
    for field in session.page_fields():
        if session.answers.get(field.id):
            continue  # pre-filled from the card
        answer = samples.answer_for(field)
        if field.type == "choice":
            touch(f"choice_{field.id}_{answer}")
            continue
        edit = window.screen.findChild(QLineEdit, f"edit_{field.id}")
        if edit is not None:
            edit.setFocus()
            edit.insert(answer)  # as a helper's keyboard and input method commit it
            continue
        for key in answer.replace("-", ""):
            touch(f"key_{key}") if len(session.page_fields()) == 1 else QTest.mouseClick(
                window.screen.findChild(Keypad, f"keypad_{field.id}").findChild(QPushButton, f"key_{key}"),
                Qt.LeftButton)
    touch("next")
listen()
touch("submit")
wait(lambda: session.state == State.RECEIPT)
listen(2.5)
window.grab().save(str(shot))
touch("finish")
wait(lambda: session.state == State.RATING)
touch("skip_rating")
listen(0.5)
speaker.wait_idle(30)
print(json.dumps([[entry.key, entry.locale, entry.outcome.value] for entry in speaker.history()]))
shut_down(window)
