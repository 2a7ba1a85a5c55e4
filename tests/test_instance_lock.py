"""Only one kiosk per data dir: a second `waystation run` names the running one's pid and exits 2.

Real processes (`waystation run --windowed`, offscreen): two kiosks on one data
dir would share the card reader, camera and store and stack two windows.  A
kiosk killed with SIGKILL leaves its lock file behind; that must not stop the
next start (the kernel drops the flock with the process).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk import instance_lock

from conftest import ROOT

CONFIG = """\
[storage]
data_dir = "{data_dir}"

[devices]
card_reader = "none"
camera = "none"
speech = "none"
"""


def start_kiosk(config: Path) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--windowed", "--config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def wait_until_running(data_dir: Path, proc: subprocess.Popen, timeout: float = 30) -> None:
    """Until `proc` has opened its store (past start-up checks) — or fail if it exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the kiosk exited ({proc.returncode}): {proc.communicate()[1]}"
        if (data_dir / "waystation.db").exists():
            return
        time.sleep(0.05)
    pytest.fail("the kiosk never opened its store")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=10)


def test_a_second_kiosk_on_the_same_data_dir_says_which_runs_and_exits_2(tmp_path):
    data_dir = tmp_path / "data"
    config = tmp_path / "station.toml"
    config.write_text(CONFIG.format(data_dir=data_dir))
    lock_file = data_dir / instance_lock.LOCK_NAME
    first = start_kiosk(config)
    try:
        wait_until_running(data_dir, first)
        second = start_kiosk(config)
        try:
            out, err = second.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            stop(second)
            pytest.fail("a second kiosk started on the same data dir")
        assert second.returncode == 2
        assert "already running" in err and f"pid {first.pid}" in err and str(lock_file) in err
        assert first.poll() is None  # the running kiosk is left alone
        assert lock_file.read_text().strip() == str(first.pid)
        # A kiosk killed outright leaves its lock file (with its pid) behind: the next one starts anyway.
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert lock_file.read_text().strip() == str(first.pid)
        third = start_kiosk(config)
        try:
            deadline = time.monotonic() + 30
            while lock_file.read_text().strip() != str(third.pid) and time.monotonic() < deadline:
                assert third.poll() is None, f"the kiosk exited ({third.returncode}): {third.communicate()[1]}"
                time.sleep(0.05)
            assert lock_file.read_text().strip() == str(third.pid)
            time.sleep(0.5)
            assert third.poll() is None  # running, not stopped by the dead kiosk's lock file
        finally:
            stop(third)
    finally:
        stop(first)


def test_the_lock_is_free_again_once_released(tmp_path):
    held = instance_lock.acquire(tmp_path)
    with pytest.raises(instance_lock.InstanceRunning) as refused:
        instance_lock.acquire(tmp_path)
    assert f"pid {os.getpid()}" in refused.value.text("en")
    held.release()
    instance_lock.acquire(tmp_path).release()
    assert (tmp_path / instance_lock.LOCK_NAME).stat().st_mode & 0o077 == 0  # owner-only, like the data dir
