"""Outreach (上门服务): `waystation run --outreach` on a helper's laptop.

What can run here runs for real: the window (offscreen), a private D-Bus daemon carrying the
screen saver's and logind's lock signals (sent with `gdbus`, as a desktop sends them), the reference
centre over TLS on loopback and the kiosk's own sync thread.  Sign-in is another engineer's screen:
a helper signs in through `KioskWindow.set_helper`, which that screen calls.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import subprocess
import threading
import time

import pytest

from kiosk import applications, catalog as catalog_mod, crypto, outreach
from kiosk.identity import Identity, IdentityMethod
from kiosk.session import Defaults, Session, State
from kiosk.staff import Helper
from kiosk.store import Store
from kiosk.sync_status import SyncStatusBoard
from sync.client import CentralClient
from sync.worker import SyncWorker
from sync.worker_thread import run_in_thread
from ui.app import ScaledWindow
from ui.gallery import settle
from ui.outreach import OutreachMode
from ui.screen_lock import ScreenLockWatch, session_object_path

from factories import answer_to_review, make_card
from test_sync_worker import FAST, TOKEN, centre  # noqa: F401 (fixture)
from test_ui_journey import close_window, find, screen_is, touch

HELPER = Helper("H004", "王五")
NO_BUS = "unix:path=/nonexistent/bus"  # the tests' windows listen to no desktop of this machine


# -- the core --------------------------------------------------------------------------------------------


def test_the_helper_idle_clock_runs_from_the_last_touch():
    now = [100.0]
    idle = outreach.HelperIdle(300, clock=lambda: now[0])
    now[0] += 299
    assert not idle.expired()
    idle.touch()
    now[0] += 299
    assert not idle.expired()
    now[0] += 1
    assert idle.expired()


def test_offline_since_is_the_last_contact_or_the_first_moment_seen_offline():
    clock = [_dt.datetime(2026, 6, 1, 9, 0, tzinfo=_dt.UTC)]
    since = outreach.OfflineSince(now=lambda: clock[0])
    assert since.update(False) == clock[0]  # nothing known: from when this run saw it
    since.known_success("2026-06-01T08:12:00.000+00:00")
    assert since.since == _dt.datetime(2026, 6, 1, 8, 12, tzinfo=_dt.UTC)  # the last good exchange is earlier
    clock[0] += _dt.timedelta(hours=3)
    assert since.update(False) == _dt.datetime(2026, 6, 1, 8, 12, tzinfo=_dt.UTC)  # stays while offline
    assert since.update(True) is None
    clock[0] += _dt.timedelta(minutes=5)
    assert since.update(False) == clock[0] - _dt.timedelta(minutes=5)  # the last good exchange: just now
    assert outreach.parse_time("not a time") is None and outreach.parse_time(None) is None


def test_the_queue_state_counts_what_waits_and_when_the_centre_was_last_reached(store, catalog, card):
    session = Session(catalog)
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
    answer_to_review(session)
    session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert outreach.queue_state(store) == outreach.QueueState(1, 0, None)


# -- the window --------------------------------------------------------------------------------------------


def outreach_window(tmp_path, locale="zh_CN", helper_idle_s=outreach.HELPER_IDLE_S, lock_watch=None, board=None,
                    store=None):
    store = store or Store(tmp_path / "outreach.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "key")))
    session = Session(catalog_mod.bundled(), Defaults(locale=locale, guided_only=True))
    devices = {"sync_status": board} if board is not None else {}
    window = ScaledWindow(session, store, station_id="S001", station_name="上门服务", px_per_mm=1366 / 344,
                          receipts_dir=tmp_path / "receipts", devices=devices)
    window.resize(1366, 768)
    window.show()
    window.outreach = OutreachMode(window, helper_idle_s=helper_idle_s,
                                   lock_watch=lock_watch or ScreenLockWatch(session_bus=NO_BUS, system_bus=NO_BUS))
    window.tasks.wait()
    settle()
    return window, session


def line(window) -> str:
    return window.outreach.line.text()


def test_no_service_starts_without_a_helper_and_every_visit_is_then_guided(qtbot, tmp_path):
    window, session = outreach_window(tmp_path)
    try:
        assert "请工作人员登录" in line(window) or "must sign in" in line(window)
        touch(qtbot, window, "tile_senior_card")
        assert screen_is(window, State.HOME)
        assert window.notice.isVisible() and "上门服务" in window.notice.text()
        window.set_helper(HELPER)
        settle()
        assert session.assistance is not None and session.assistance.helper_number == "H004"
        assert "王五" in line(window) and window.guided_banner.isVisible()
        touch(qtbot, window, "tile_senior_card")
        assert screen_is(window, State.GUIDE)
        session.finish()  # the visit ends (the receipt's Finish, or Cancel)
        settle()
        assert session.assistance is not None and session.state == State.HOME  # the next visit: guided too
        assert window.guided_banner.isVisible()
    finally:
        close_window(window)


def test_the_helper_is_signed_out_after_the_idle_time_and_the_visit_wiped(qtbot, tmp_path):
    window, session = outreach_window(tmp_path, helper_idle_s=0.6)
    try:
        window.set_helper(HELPER)
        settle()
        touch(qtbot, window, "tile_senior_card")
        qtbot.waitUntil(lambda: window.helper is None, timeout=5000)
        settle()
        assert screen_is(window, State.HOME) and session.is_fresh() and session.assistance is None
        assert not window.guided_banner.isVisible()
    finally:
        close_window(window)


@pytest.fixture
def private_bus():
    """A D-Bus daemon of our own (session bus type), its address; its own config keeps the host's out."""
    if shutil.which("dbus-daemon") is None or shutil.which("gdbus") is None:
        pytest.fail("dbus-daemon and gdbus are needed (build/setup.sh installs dbus-daemon, libglib2.0-bin)")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(5)


def emit(address: str, path: str, signal: str, *args: str) -> None:
    subprocess.run(["gdbus", "emit", "--session", "--object-path", path, "--signal", signal, *args], check=True,
                   env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}, capture_output=True, timeout=10)


@pytest.mark.parametrize("how", ["screensaver", "gnome", "logind"])
def test_locking_the_desktop_session_signs_the_helper_out(qtbot, tmp_path, private_bus, how):
    # The same private daemon plays the session bus (screen savers) and the system bus (logind).
    watch = ScreenLockWatch(session_bus=private_bus, system_bus=private_bus, session_id="c2")
    assert watch.available and len(watch.sources) == 4, watch.sources
    window, session = outreach_window(tmp_path, lock_watch=watch)
    try:
        window.set_helper(HELPER)
        settle()
        touch(qtbot, window, "tile_household_certificate")
        emit(private_bus, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "false")
        qtbot.wait(300)
        assert window.helper is not None  # the screen saver ending is no lock
        if how == "screensaver":
            emit(private_bus, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", "true")
        elif how == "gnome":
            emit(private_bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", "true")
        else:
            assert session_object_path("c2") == "/org/freedesktop/login1/session/c2"
            emit(private_bus, session_object_path("c2"), "org.freedesktop.login1.Session.Lock")
        qtbot.waitUntil(lambda: window.helper is None, timeout=5000)
        settle()
        assert screen_is(window, State.HOME) and session.assistance is None and session.is_fresh()
    finally:
        close_window(window)


def test_a_session_path_is_encoded_as_logind_does():
    assert session_object_path("2") == "/org/freedesktop/login1/session/_32"
    assert session_object_path("c12") == "/org/freedesktop/login1/session/c12"
    assert session_object_path("a-b") == "/org/freedesktop/login1/session/a_2db"


def test_without_a_bus_the_watch_says_so_and_nothing_breaks(qtbot, tmp_path):
    watch = ScreenLockWatch(session_bus=NO_BUS, system_bus=NO_BUS)
    assert not watch.available


def test_the_queue_and_offline_since_are_shown_and_everything_goes_once_back_online(qtbot, tmp_path, centre, tls):
    """Offline in a village: applications wait, the line says how many and since when; back on a network the
    kiosk's own sync thread sends them all and the line says so."""
    board = SyncStatusBoard()
    store = Store(tmp_path / "outreach.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "key")))
    window, session = outreach_window(tmp_path, locale="en", board=board, store=store)
    card = make_card()
    centre.faults.add({"kind": "reset", "path": "/v1/.*", "times": 10_000})  # no network: every request dies
    stop = threading.Event()
    client_store = []

    def factory():
        own = Store(store.path, store.sealer)  # the thread's own connection
        client_store.append(own)
        return SyncWorker(own, CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5),
                          backoff=FAST, preflight_backoff=FAST)

    run_in_thread(factory, stop, on_status=board.publish)
    try:
        window.set_helper(HELPER)
        settle()
        for _ in range(2):
            session.choose_service("senior_card")
            session.next()
            session.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
            answer_to_review(session)
            session.ask_consent()
            session.consent_by_card(card)
            session.submit(lambda draft: applications.submit(store, draft, "S001"))
            session.finish()
            settle()
        qtbot.waitUntil(lambda: "offline since" in line(window), timeout=10_000)
        window.outreach.refresh_queue()
        window.tasks.wait()
        qtbot.waitUntil(lambda: "2 applications waiting to be sent" in line(window), timeout=5000)
        today = _dt.datetime.now().strftime("%m-%d")
        assert f"offline since {today}" in line(window) and "王五 (H004)" in line(window)
        centre.faults.clear()  # back on a network
        qtbot.waitUntil(lambda: "centre reached" in line(window), timeout=20_000)
        qtbot.waitUntil(lambda: window.outreach.queue is not None and window.outreach.queue.waiting == 0,
                        timeout=20_000)
        assert "0 applications waiting to be sent" in line(window)
        with centre.store._tx() as db:
            assert db.execute("SELECT count(*) FROM applications").fetchone()[0] == 2
    finally:
        stop.set()
        time.sleep(0.2)
        close_window(window)


def test_waystation_run_outreach_starts_a_windowed_kiosk_that_says_what_it_listens_to(tmp_path):
    """The real command, offscreen: it starts (past the store checks), says it is in outreach mode and how
    a locked session reaches it, and keeps running until stopped."""
    import sys

    from conftest import ROOT

    data_dir = tmp_path / "data"
    config = tmp_path / "station.toml"
    config.write_text(f'[storage]\ndata_dir = "{data_dir}"\n\n[devices]\ncard_reader = "none"\ncamera = "none"\n'
                      'speech = "none"\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DBUS_SESSION_BUS_ADDRESS": NO_BUS,
           "DBUS_SYSTEM_BUS_ADDRESS": NO_BUS}
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "run", "--outreach", "--config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        log_file = data_dir / "logs" / "waystation.log"
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"exited {proc.returncode}: {proc.communicate()[1][-2000:]}"
            if log_file.exists() and "outreach mode: windowed, no kiosk lock" in log_file.read_text():
                break
            time.sleep(0.1)
        else:
            pytest.fail("no outreach start in the log")
        assert "the helper idle time alone signs out" in log_file.read_text()  # no bus on this machine's test
        assert proc.poll() is None
    finally:
        proc.kill()
        proc.communicate(timeout=10)
