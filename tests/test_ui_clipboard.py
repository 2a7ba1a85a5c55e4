"""Nothing of a resident travels to the next one through the clipboard.

A text box selected with a mouse fills the X selection, a helper's Ctrl+C fills
the clipboard: the idle wipe and the end of a visit empty both.  Text boxes
offer no copy/paste menu, and the copy, cut and paste keys (Ctrl+C/X/V,
Ctrl+Insert, Shift+Insert, Shift+Delete) do nothing, so what one resident typed
cannot be pasted into the next one's form.
"""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import catalog as catalog_mod, crypto, samples
from kiosk.identity import CardData, FaceCheck, Identity, IdentityMethod
from kiosk.session import Defaults, Session, State
from kiosk.store import Store
from test_ui_journey import close_window, find, helper_types
from test_xvfb_journey import xvfb  # noqa: F401 (a fixture: a real X server)
from ui.gallery import settle
from ui.main_window import KioskWindow
from ui.qt import QApplication, QGuiApplication, QLineEdit, QPoint, Qt, QTimer
from PySide6.QtGui import QClipboard, QContextMenuEvent

ADDRESS = "北京市朝阳区望京街道五十七号"
DEFAULTS = Defaults(locale="zh_CN", idle_warning_after_s=90, idle_countdown_s=30)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk(qtbot, tmp_path):
    clock = Clock()
    store = Store(tmp_path / "w.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "w.key")))
    session = Session(catalog_mod.bundled(), DEFAULTS, clock=clock)
    window = KioskWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=1366 / 344,
                         receipts_dir=tmp_path / "receipts")
    window.resize(1366, 768)
    window.show()
    yield window, session, clock
    QGuiApplication.clipboard().clear()
    close_window(window)


def at_the_address_box(session: Session) -> None:
    """A resident with a card, on the form page that asks for the local address (free text)."""
    card = CardData("欧阳娜娜", "F", "汉", _dt.date(1961, 3, 9), "山东省济南市历下区泉城路九十九号",
                    samples.SAMPLE_ID, "济南市公安局", _dt.date(2016, 5, 1), None)
    session.choose_service("residence_permit")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    while not any(field.id == "local_address" for field in session.page_fields()):
        session.next({f.id: samples.answer_for(f) for f in session.page_fields()})
    settle()


def clipboard_texts() -> list[str]:
    """What the clipboard (and the X selection, where the platform has one) holds."""
    clipboard = QGuiApplication.clipboard()
    assert clipboard.supportsSelection() or QGuiApplication.platformName() != "xcb"
    modes = [QClipboard.Clipboard] + ([QClipboard.Selection] if clipboard.supportsSelection() else [])
    return [clipboard.text(mode) for mode in modes]


def fill_clipboards(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(text, QClipboard.Clipboard)
    if clipboard.supportsSelection():
        clipboard.setText(text, QClipboard.Selection)


@pytest.mark.parametrize("ending", ["idle", "finished"])
def test_the_end_of_a_visit_empties_the_clipboard(qtbot, kiosk, ending):
    window, session, clock = kiosk
    at_the_address_box(session)
    fill_clipboards(ADDRESS)  # copied by some route: a selection, a helper's keyboard
    assert clipboard_texts()[0] == ADDRESS
    if ending == "idle":
        clock.now += DEFAULTS.idle_warning_after_s + 1
        session.tick()
        clock.now += DEFAULTS.idle_countdown_s + 1
        session.tick()
    else:
        session.finish()
    settle()
    assert session.state == State.HOME
    assert all(text == "" for text in clipboard_texts())


def test_text_boxes_cannot_copy_cut_or_paste(qtbot, kiosk):
    window, session, _clock = kiosk
    at_the_address_box(session)
    edit = find(window, "edit_local_address", QLineEdit)
    helper_types(qtbot, edit, ADDRESS)
    fill_clipboards("before")
    qtbot.keyClick(edit, Qt.Key_A, Qt.ControlModifier)  # select all (harmless)
    assert edit.selectedText() == ADDRESS
    for key, modifier in ((Qt.Key_C, Qt.ControlModifier), (Qt.Key_Insert, Qt.ControlModifier),
                          (Qt.Key_X, Qt.ControlModifier), (Qt.Key_Delete, Qt.ShiftModifier)):
        qtbot.keyClick(edit, key, modifier)
        assert clipboard_texts()[0] == "before" and edit.text() == ADDRESS
    # What a previous resident left (or another program put there) is not pasted into this form.
    edit.end(False)
    for key, modifier in ((Qt.Key_V, Qt.ControlModifier), (Qt.Key_Insert, Qt.ShiftModifier)):
        qtbot.keyClick(edit, key, modifier)
        assert edit.text() == ADDRESS
    qtbot.mouseClick(edit, Qt.MiddleButton)  # X11's paste of the selection
    assert edit.text() == ADDRESS
    # Typing goes on as before.
    qtbot.keyClicks(edit, "1")
    assert edit.text() == ADDRESS + "1"


def test_text_boxes_have_no_context_menu(qtbot, kiosk):
    window, session, _clock = kiosk
    at_the_address_box(session)
    edit = find(window, "edit_local_address", QLineEdit)
    helper_types(qtbot, edit, ADDRESS)
    popups = []

    def close_popup():  # a menu opened by the event runs its own loop: note it and close it
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popups.append([action.text() for action in popup.actions()])
            popup.close()

    QTimer.singleShot(200, close_popup)
    middle = QPoint(edit.width() // 2, edit.height() // 2)
    QApplication.sendEvent(edit, QContextMenuEvent(QContextMenuEvent.Mouse, middle, edit.mapToGlobal(middle)))
    qtbot.wait(300)
    assert popups == []


def test_on_x11_the_selection_is_emptied_and_not_pasted_too(xvfb):  # noqa: F811 (the fixture)
    """The offscreen platform has no selection; the kiosk's X server has: the tests above, on Xvfb."""
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__, "-k",
                             "not x11"], capture_output=True, text=True, env=env, cwd=Path(__file__).parents[1],
                            timeout=120)
    assert result.returncode == 0 and "4 passed" in result.stdout, result.stdout[-2000:]
