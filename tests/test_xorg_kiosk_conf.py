"""The X server settings in build/xorg/ keep a resident from leaving the kiosk with Ctrl+Alt+Backspace.

A real Xorg server (the dummy video driver: no display here) is started with and without the file, the
zap shortcut is switched on as some keyboard layouts do, and Ctrl+Alt+Backspace is pressed through
XTEST: without the file the server dies, with it the server carries on.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIOSK_CONF = ROOT / "build" / "xorg" / "50-waystation-kiosk.conf"
DUMMY_SCREEN = """\
Section "Device"
    Identifier "dummy"
    Driver "dummy"
    VideoRam 64000
EndSection
Section "Screen"
    Identifier "screen"
    Device "dummy"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Modes "1366x768"
    EndSubSection
EndSection
"""


def _x(display: str, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env={"DISPLAY": display, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                          timeout=20)


def zap_survived(tmp_path: Path, with_kiosk_conf: bool, display: str) -> bool:
    """Start Xorg, press Ctrl+Alt+Backspace, and tell whether the server is still running."""
    confdir = tmp_path / ("with" if with_kiosk_conf else "without")
    confdir.mkdir()
    (confdir / "10-dummy.conf").write_text(DUMMY_SCREEN)
    if with_kiosk_conf:
        shutil.copy(KIOSK_CONF, confdir)
    server = subprocess.Popen(["Xorg", display, "-configdir", str(confdir), "-config", "/dev/null", "-noreset",
                               "-nolisten", "tcp", "-logfile", str(confdir / "xorg.log"), "-novtswitch", "-sharevts"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while _x(display, "setxkbmap", "-option", "terminate:ctrl_alt_bksp").returncode != 0:
            assert server.poll() is None, (confdir / "xorg.log").read_text()[-2000:]
            assert time.monotonic() < deadline, "Xorg did not start"
            time.sleep(0.2)
        _x(display, "xdotool", "key", "ctrl+alt+BackSpace")
        try:
            server.wait(3)
        except subprocess.TimeoutExpired:
            return True
        return False
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(10)


@pytest.mark.slow
def test_ctrl_alt_backspace_does_not_end_the_kiosk_with_the_shipped_settings(tmp_path):
    for tool in ("Xorg", "xdotool", "setxkbmap"):
        assert shutil.which(tool), f"{tool} is installed by build/setup.sh"
    assert not zap_survived(tmp_path, with_kiosk_conf=False, display=":93"), \
        "the test itself is blind: Ctrl+Alt+Backspace did not end a server without the kiosk settings"
    assert zap_survived(tmp_path, with_kiosk_conf=True, display=":94")
