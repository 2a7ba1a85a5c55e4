"""systemd's notify protocol with a real AF_UNIX datagram socket (kiosk/sd_notify.py, ui/systemd_watch.py).

No systemd runs as PID 1 here, so the test plays systemd's part: it binds the datagram socket that
$NOTIFY_SOCKET names (a path, and an abstract `@` name) and reads what the kiosk sends.  The kiosk
window tells READY=1 after its first paint, and sends WATCHDOG=1 from the GUI thread: a blocked GUI
thread sends none.
"""

from __future__ import annotations

import logging
import socket
import time
import uuid

import pytest

from kiosk import sd_notify


@pytest.fixture
def systemd(tmp_path):
    """A bound datagram socket at a path, as systemd's notify socket; yields (environ, socket)."""
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(10)
    yield {"NOTIFY_SOCKET": str(path)}, sock
    sock.close()


def test_messages_arrive_on_a_path_socket(systemd):
    environ, sock = systemd
    assert sd_notify.notify("READY=1", environ)
    assert sock.recv(4096) == b"READY=1"


def test_an_abstract_socket_name_starts_with_a_nul():
    name = f"waystation-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(10)
        assert sd_notify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_failures_are_logged_never_raised(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    assert not sd_notify.notify("READY=1", {})  # not under systemd: nothing to do, nothing said
    assert not caplog.records
    assert not sd_notify.notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert not sd_notify.notify("READY=1", {"NOTIFY_SOCKET": "relative/name"})
    assert len(caplog.records) == 2 and all("cannot notify systemd" in r.getMessage() for r in caplog.records)


def test_watchdog_interval_is_half_of_watchdog_usec():
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) == 15.0  # cage's pid
    assert sd_notify.watchdog_interval({}) is None
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "0"}) is None
    assert sd_notify.watchdog_interval({"WATCHDOG_USEC": "soon"}) is None


def _datagrams(sock: socket.socket, seconds: float) -> list[tuple[float, bytes]]:
    got, deadline = [], time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            got.append((time.monotonic(), sock.recv(4096)))
        except TimeoutError:
            break
    return got


def test_the_window_says_ready_after_painting_and_pings_from_the_gui_thread(qtbot, systemd):
    from ui.qt import QApplication, QWidget
    from ui.systemd_watch import SystemdWatch

    environ, sock = systemd
    window = QWidget()
    qtbot.addWidget(window)
    watch = SystemdWatch(window, {**environ, "WATCHDOG_USEC": "200000"})  # a keep-alive every 0.1 s
    qtbot.wait(300)  # not shown yet: no READY, but keep-alives already (the event loop runs)
    early = _datagrams(sock, 0.05)
    assert early and all(message == b"WATCHDOG=1" for _, message in early)
    window.show()
    qtbot.waitUntil(lambda: watch.ready_sent, timeout=5000)
    qtbot.wait(50)
    assert b"READY=1\nSTATUS=home screen shown" in [m for _, m in _datagrams(sock, 0.2)]

    _datagrams(sock, 0.01)  # drain
    time.sleep(0.8)  # the GUI thread hangs: no keep-alive is sent meanwhile
    hung = _datagrams(sock, 0.0001)
    assert len(hung) == 0
    QApplication.processEvents()
    qtbot.wait(350)
    assert len([m for _, m in _datagrams(sock, 0.05) if m == b"WATCHDOG=1"]) >= 2  # going again
    watch.stopping()
    assert _datagrams(sock, 0.5)[-1][1] == b"STOPPING=1"


def test_without_notify_socket_the_window_runs_no_timer(qtbot):
    from ui.qt import QWidget
    from ui.systemd_watch import SystemdWatch

    window = QWidget()
    qtbot.addWidget(window)
    watch = SystemdWatch(window, {"WATCHDOG_USEC": "200000"})
    assert watch.timer is None
    watch.stopping()  # harmless
