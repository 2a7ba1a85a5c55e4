"""A run through one service on a real X server (Xvfb) with real speech: the prompts come in order,
and neither the speech log nor the kiosk log holds personal data."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from devices.simulated.fixtures import FIXTURE_CARDS
from kiosk import catalog as catalog_mod, samples
from kiosk.identity import mask_name

PRESENTED = 1  # the fixture card xvfb_journey.py presents (李秀英, the elder-mode demo)

HERE = Path(__file__).parent


@pytest.fixture
def xvfb():
    assert shutil.which("Xvfb"), "Xvfb is installed by build/setup.sh"
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{display[1:]}")
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    yield display
    server.terminate()
    server.wait(10)


def test_one_service_on_a_real_screen_speaks_each_step_without_personal_data(xvfb, tmp_path):
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, str(HERE / "xvfb_journey.py"), str(tmp_path / "data"),
                             str(tmp_path / "receipt.png")], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    spoken = json.loads(result.stdout.strip().splitlines()[-1])
    keys = [key for key, _, _ in spoken]
    order = ["home", "guide", "identity", "identity.confirm", "form", "review", "receipt", "home"]
    position = 0
    for key in keys:
        if position < len(order) and key == order[position]:
            position += 1
    assert position == len(order), keys
    assert any(outcome == "spoken" for _, _, outcome in spoken)  # real audio reached the (null) device
    assert (tmp_path / "receipt.png").stat().st_size > 10_000
    logs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "data" / "logs").glob("*.log"))
    assert "speech key=receipt" in logs
    card = FIXTURE_CARDS[PRESENTED]  # what xvfb_journey.py lays on the reader
    typed = {samples.answer_for(field) for field in catalog_mod.bundled().service("senior_card").form_fields
             if field.type == "mobile"}  # the phone numbers typed on the keypad
    assert typed
    secrets = [card.name, mask_name(card.name), card.id_number, card.address, *typed]
    for secret in secrets:
        assert secret not in logs and secret not in result.stdout, secret
