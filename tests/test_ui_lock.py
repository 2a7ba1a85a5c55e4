"""The full-screen kiosk cannot be left with keyboard shortcuts or a window-manager close."""

from __future__ import annotations

from ui.app import LockedWindow
from ui.qt import QApplication, Qt

from kiosk import catalog, crypto
from kiosk.session import Session
from kiosk.store import Store


def test_alt_f4_escape_and_ctrl_q_do_not_leave(qtbot, tmp_path):
    store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
    window = LockedWindow(Session(catalog.bundled()), store, station_id="DEMO01", station_name="x",
                          px_per_mm=4.0, receipts_dir=tmp_path / "r")
    qtbot.addWidget(window)
    window.showFullScreen()
    qtbot.waitExposed(window)
    assert not window.close()  # what Alt+F4 or the window manager's close asks for
    qtbot.keyClick(window, Qt.Key_Escape)
    qtbot.keyClick(window, Qt.Key_Q, Qt.ControlModifier)
    qtbot.keyClick(window, Qt.Key_F4, Qt.AltModifier)
    QApplication.processEvents()
    assert window.isVisible()
    window.showNormal()  # something tries to shrink it
    QApplication.processEvents()
    assert window.isFullScreen()
    window.locked = False  # a helper's PIN (guided mode) unlocks it
    assert window.close()
    store.close()


def test_a_minimised_kiosk_comes_back_full_screen_at_once(qtbot, tmp_path):
    """Something minimises the kiosk (a key binding, a stray window manager): the next resident would
    find an empty desktop.  It is full screen again straight away, and stays so."""
    store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "k")))
    window = LockedWindow(Session(catalog.bundled()), store, station_id="DEMO01", station_name="x",
                          px_per_mm=4.0, receipts_dir=tmp_path / "r")
    qtbot.addWidget(window)
    window.showFullScreen()
    qtbot.waitExposed(window)
    for _ in range(2):  # twice: after one restore it still comes back
        window.showMinimized()
        qtbot.waitUntil(lambda: not window.isMinimized() and window.isFullScreen(), timeout=1000)
        qtbot.wait(200)  # not minimised again right away by a late state change
        assert window.isVisible() and window.isFullScreen() and not window.isMinimized()
    window.locked = False
    assert window.close()
    store.close()
