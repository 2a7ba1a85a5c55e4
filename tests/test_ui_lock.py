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
