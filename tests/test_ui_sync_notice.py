"""Helpers see on the kiosk's home screen, in a few words, when applications are not reaching the centre or
one was set aside; it follows the sync worker (published from its thread), says nothing when all is well,
and gives way to the resident's task during a visit."""

from __future__ import annotations

import threading

from kiosk.sync_status import SyncStatus, SyncStatusBoard
from ui.gallery import make_window, settle
from ui.qt import QLabel


def notice_text(window) -> str:
    label = window.findChild(QLabel, "sync_notice")
    return label.text() if label is not None and label.isVisible() else ""


def publish_from_another_thread(board, status) -> None:
    thread = threading.Thread(target=board.publish, args=(status,))
    thread.start()
    thread.join()


def test_the_helpers_notice_follows_the_sync_worker(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "en", tmp_path)
    qtbot.addWidget(window)
    board = SyncStatusBoard()
    board.add_listener(window.bridge.sync_status.emit)  # as the composition root wires it
    settle()
    assert notice_text(window) == ""

    publish_from_another_thread(board, SyncStatus("not_central", "sync.captive_portal", waiting=3))
    qtbot.waitUntil(lambda: "Not the centre" in notice_text(window), timeout=3000)
    assert "3 waiting" in notice_text(window)

    publish_from_another_thread(board, SyncStatus("online", "", waiting=0, set_aside=1))
    qtbot.waitUntil(lambda: "1 set aside" in notice_text(window), timeout=3000)

    session.choose_service("senior_card")  # a resident's visit: the line gives way
    settle()
    assert notice_text(window) == ""
    session.back()
    settle()
    assert "1 set aside" in notice_text(window)

    session.set_locale("zh_CN")
    settle()
    assert "1 件待核对" in notice_text(window)

    publish_from_another_thread(board, SyncStatus("online", "", waiting=0, set_aside=0))
    qtbot.waitUntil(lambda: notice_text(window) == "", timeout=3000)
    window.store.close()
