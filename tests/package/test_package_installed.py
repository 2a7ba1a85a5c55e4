"""The package installed with `dpkg -i`: layout, owners and modes, the user, self-check and doctor as
that user, the systemd units, and the kiosk itself under cage on wlroots' headless backend.

No systemd runs as PID 1 here, so the units cannot be started: `systemd-analyze verify` reads them,
and the kiosk session is started the way the unit starts it (cage as the waystation user, with the
unit's environment), with this test playing systemd: it binds the $NOTIFY_SOCKET the app reports to
(READY=1 once the home screen is painted, WATCHDOG=1 from the GUI thread), and makes the app's stderr
a file named by $JOURNAL_STREAM, which is what journald would read.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from conftest import CONF, DATA, Package, as_waystation, install, purge, run

pytestmark = pytest.mark.timeout(1800)


@pytest.fixture(scope="module")
def installed(package: Package):
    purge()
    result = install(package.deb)
    yield result
    purge()


def _mode(path: Path) -> tuple[str, str, int]:
    status = path.stat()
    return pwd.getpwuid(status.st_uid).pw_name, grp.getgrgid(status.st_gid).gr_name, status.st_mode & 0o7777


def test_files_user_and_modes(installed):
    assert "waystation: installed." in installed.stdout
    assert "warning" not in (installed.stdout + installed.stderr).lower()
    assert shutil.which("waystation") == "/usr/bin/waystation"
    assert os.path.realpath("/usr/bin/waystation") == "/opt/waystation/waystation"
    assert _mode(CONF) == ("root", "waystation", 0o750)
    assert _mode(CONF / "station.toml") == ("root", "waystation", 0o640)
    assert _mode(DATA) == ("waystation", "waystation", 0o700)
    user = pwd.getpwnam("waystation")
    assert user.pw_uid < 1000 and user.pw_shell == "/usr/sbin/nologin" and user.pw_dir == str(DATA)
    groups = {g.gr_name for g in grp.getgrall() if "waystation" in g.gr_mem}
    assert {"video", "dialout", "audio", "input", "render"} <= groups
    for unit, target in (("waystation-kiosk.service", "graphical.target"), ("waystation-sync.service",
                                                                          "multi-user.target")):
        link = Path(f"/etc/systemd/system/{target}.wants/{unit}")
        assert link.is_symlink() and os.readlink(link) == f"/lib/systemd/system/{unit}" or \
            os.readlink(link) == f"/usr/lib/systemd/system/{unit}"


def test_the_units_verify(installed):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (libpam-systemd brings systemd along on Debian)")
    units = ["/usr/lib/systemd/system/waystation-kiosk.service", "/usr/lib/systemd/system/waystation-sync.service"]
    result = run(["systemd-analyze", "verify", *units], check=False)
    ours = [line for line in (result.stdout + result.stderr).splitlines() if "waystation" in line]
    assert result.returncode == 0 and not ours, result.stdout + result.stderr


def test_self_check_passes_as_the_waystation_user(installed):
    result = as_waystation(["waystation", "self-check"], timeout=300)
    assert result.stdout.splitlines()[-1] == "self-check passed", result.stdout
    assert "FAIL" not in result.stdout and "SKIP" not in result.stdout
    assert "/opt/waystation/_internal/face_recognition_models/models" in result.stdout


def test_doctor_reads_the_station_config_and_fails_only_for_the_sound_card(installed):
    result = as_waystation(["waystation", "doctor", "--json"], check=False)
    import json

    report = json.loads(result.stdout)
    checks = {check["name"]: check for check in report["checks"]}
    assert checks["config"]["detail"].endswith("from /etc/waystation/station.toml")
    assert "data_dir /var/lib/waystation" in checks["paths"]["detail"]
    failed = {name for name, check in checks.items() if check["status"] == "fail"}
    assert failed <= {"speech"}, result.stdout  # this machine has no sound card
    if failed:
        assert "audio open error" in checks["speech"]["detail"]
    assert checks["face matcher"]["status"] == "ok"


# --- the kiosk under cage ------------------------------------------------------------------------

def _offscreen_home(width: int, height: int):
    """The home screen as the test's own Qt draws it offscreen, at the kiosk's size and scale."""
    from kiosk import catalog as catalog_mod, crypto
    from kiosk.session import Session
    from kiosk.store import Store
    from ui.app import FALLBACK_PX_PER_MM, ScaledWindow
    from ui.gallery import settle

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "w.db", crypto.Sealer(crypto.load_or_create_key(Path(tmp) / "k")))
        window = ScaledWindow(Session(catalog_mod.bundled()), store, station_id="DEMO01", station_name="Waystation",
                              px_per_mm=FALLBACK_PX_PER_MM, receipts_dir=Path(tmp) / "r", portrait=False)
        window.resize(width, height)
        window.show()
        settle()
        image = window.grab().toImage()
        window.close()
        store.close()
    return image


def _mean_difference(shot, reference) -> float:
    """Mean difference per colour channel (0-255) of the two pictures reduced to 80 x 45: the layout's
    blocks and colours count, not a pixel of text or the header's clock.  Measured: the cage screenshot
    against the offscreen home screen ~3; other screens of the kiosk 17-29; a black picture ~225."""
    from ui.qt import QImage, Qt

    small = [image.convertToFormat(QImage.Format_RGB32).scaled(80, 45, Qt.IgnoreAspectRatio,
                                                                 Qt.SmoothTransformation) for image in (shot, reference)]
    total = 0
    for y in range(45):
        for x in range(80):
            a, b = small[0].pixelColor(x, y), small[1].pixelColor(x, y)
            total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
    return total / (80 * 45 * 3)


def test_the_kiosk_runs_under_cage_and_shows_the_home_screen(installed, qapp, tmp_path):
    """cage on the headless backend, as the waystation user (cage refuses root), the unit's environment.

    cage is started with `-r -r` (the output turned 180°): Debian 12's cage 0.1.4 on wlroots 0.15 shows a
    full-screen window by direct scan-out, and grim's screen copy then gets a black picture (wlroots
    refuses the scan-out while the copy holds its lock: "Basic output test failed").  A turned output
    is composited instead; grim turns the picture back, so it is the landscape home screen."""
    from ui.qt import QImage

    runtime = Path(tempfile.mkdtemp(prefix="waystation-cage-"))
    os.chown(runtime, pwd.getpwnam("waystation").pw_uid, grp.getgrnam("waystation").gr_gid)
    runtime.chmod(0o700)
    status_file = runtime / "exit-status"  # the sentinel: the app's exit status, whatever cage passes on
    notify_name = f"waystation-test-{uuid.uuid4().hex}"
    systemd = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    systemd.bind(b"\0" + notify_name.encode())
    stderr_path = tmp_path / "journal.txt"
    stderr = stderr_path.open("wb")
    journal = os.fstat(stderr.fileno())
    env = {"PATH": "/usr/bin:/bin", "HOME": str(DATA), "LANG": "C.UTF-8", "XDG_RUNTIME_DIR": str(runtime),
           "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman", "WLR_LIBINPUT_NO_DEVICES": "1",
           "XDG_SESSION_TYPE": "wayland", "QT_QPA_PLATFORM": "wayland", "WAYSTATION_CONFIG": str(CONF / "station.toml"),
           "NOTIFY_SOCKET": "@" + notify_name, "WATCHDOG_USEC": "2000000",
           "JOURNAL_STREAM": f"{journal.st_dev}:{journal.st_ino}"}
    cage = subprocess.Popen(
        ["runuser", "-u", "waystation", "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()],
         "cage", "-r", "-r", "--", "sh", "-c", f'waystation run; echo $? > {status_file}'],
        cwd="/", stdout=stderr, stderr=stderr, start_new_session=True)
    try:
        systemd.settimeout(60)
        ready_after = time.monotonic()
        messages = [systemd.recv(4096)]
        while b"READY=1" not in messages[-1]:
            messages.append(systemd.recv(4096))
        ready_after = time.monotonic() - ready_after
        assert messages[-1] == b"READY=1\nSTATUS=home screen shown"
        systemd.settimeout(5)
        pings = [systemd.recv(4096) for _ in range(2)]  # every second (half of WATCHDOG_USEC)
        assert pings == [b"WATCHDOG=1", b"WATCHDOG=1"]

        shot = runtime / "home.png"
        run(["runuser", "-u", "waystation", "--", "env", f"XDG_RUNTIME_DIR={runtime}", "WAYLAND_DISPLAY=wayland-0",
             "grim", str(shot)])
        shutil.copy(shot, tmp_path / "home.png")
        assert not status_file.exists(), f"the app exited (status {status_file.read_text().strip()})"
        assert cage.poll() is None
    finally:
        os.killpg(cage.pid, signal.SIGTERM)  # cage and everything it started (as systemd stops the unit)
        try:
            cage.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(cage.pid, signal.SIGKILL)
            cage.wait()
        systemd.close()
        stderr.close()
        shutil.rmtree(runtime, ignore_errors=True)

    image = QImage(str(tmp_path / "home.png"))
    assert (image.width(), image.height()) == (1280, 720)
    reference = _offscreen_home(1280, 720)
    reference.save(str(tmp_path / "offscreen.png"))
    assert _mean_difference(image, reference) < 6, f"the screenshot is not the home screen: {tmp_path}"

    # The app's log lines reached "the journal" one line a record, with priorities, as the unit has it.
    lines = stderr_path.read_text(encoding="utf-8", errors="replace").splitlines()
    app_lines = [line for line in lines if line.startswith("<")]
    assert any(line.startswith("<6>INFO ") for line in app_lines), lines
    assert any(line.startswith("<4>WARNING waystation.speech") for line in app_lines)  # no sound card here
    assert not [line for line in lines if line[:4].isdigit() and " INFO " in line]  # no plain-format app line
    print(f"READY=1 {ready_after:.2f} s after cage started")
