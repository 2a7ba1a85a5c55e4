"""The 好差评 rating screen as a resident meets it: what it shows, and the helper call that goes with it.

A helper called on the receipt still comes (the request is in the helpers' queue), but its notice does
not follow the resident onto the anonymous rating, where it would read as the rating's own call and be
kept with a low rating as one.  A helper called from the rating shows its notice there and is kept.
On the portrait panel the five choices share the height and Skip is as large a target as they are.
"""

from __future__ import annotations

import pytest

from kiosk.session import State
from test_ui_journey import close_window, find, screen_is, touch
from ui.gallery import make_window, settle, walk_screens
from ui.qt import QLabel, QPushButton

HELP_COMING = {"zh_CN": "工作人员马上过来，请在这里稍等。", "en": "A helper is coming to you. Please wait here."}


def to_receipt(window, session):
    walk = walk_screens(window, session, "senior_card", extras=False)
    for name in walk:
        if name == "receipt":
            return walk
    raise AssertionError("the walk never reached the receipt")


def notice(window) -> str:
    return window.notice.text() if window.notice.isVisible() else ""


def kept_ratings(window) -> list[tuple]:
    window.tasks.wait()
    return window.store.conn.execute("SELECT level, reasons, helper_called FROM ratings").fetchall()


def help_requests(window) -> list[str]:
    window.tasks.wait()
    return [row[0] for row in window.store.conn.execute("SELECT screen FROM help_requests ORDER BY id")]


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_a_helper_called_on_the_receipt_is_not_carried_onto_the_rating(qtbot, tmp_path, locale):
    window, session = make_window("1366x768", True, locale, tmp_path)
    walk = to_receipt(window, session)
    try:
        touch(qtbot, window, "call_helper")
        window.tasks.wait()
        settle()
        assert notice(window) == HELP_COMING[locale]  # said and shown where it was called
        touch(qtbot, window, "finish")
        assert screen_is(window, State.RATING)
        assert notice(window) == "" and session.notice is None
        assert window.header.isVisible()
        touch(qtbot, window, "rate_dissatisfied")  # a low rating asks why; no helper called from here
        assert notice(window) == ""
        touch(qtbot, window, "send_rating")
        assert kept_ratings(window) == [("dissatisfied", "", 0)]
        assert help_requests(window) == ["receipt"]  # the receipt's call still stands for the helpers
        assert screen_is(window, State.HOME)
    finally:
        walk.close()
        close_window(window)


def test_a_helper_called_from_a_low_rating_shows_its_notice_and_is_kept_with_it(qtbot, tmp_path):
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    walk = to_receipt(window, session)
    try:
        touch(qtbot, window, "finish")
        touch(qtbot, window, "rate_very_dissatisfied")
        reason = session.catalog.rating_reasons[0].value
        touch(qtbot, window, f"reason_{reason}")  # the screen is built again: the call must survive that too
        touch(qtbot, window, "rating_helper")
        window.tasks.wait()
        settle()
        assert notice(window) == HELP_COMING["zh_CN"]
        touch(qtbot, window, f"reason_{reason}")
        touch(qtbot, window, f"reason_{reason}")
        assert notice(window) == HELP_COMING["zh_CN"]
        touch(qtbot, window, "send_rating")
        assert kept_ratings(window) == [("very_dissatisfied", reason, 1)]
        assert help_requests(window) == ["rating"]
    finally:
        walk.close()
        close_window(window)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_on_the_portrait_panel_the_choices_share_the_height_and_skip_is_a_large_target(qtbot, tmp_path, elder):
    window, session = make_window("1080x1920", elder, "en", tmp_path)
    walk = to_receipt(window, session)
    try:
        touch(qtbot, window, "finish")
        window.resize(window.size())
        settle()
        mm = window.px_per_mm
        choices = [find(window, f"rate_{level}", QPushButton) for level in
                   ("very_satisfied", "satisfied", "basic", "dissatisfied", "very_dissatisfied")]
        skip = find(window, "skip_rating", QPushButton)
        assert all(choice.height() / mm >= 28 for choice in choices), [c.height() / mm for c in choices]
        assert skip.height() / mm >= (16 if elder else 11) and skip.width() / mm >= 60
        assert not skip.icon().isNull() and skip.text() == "Skip"
        # Skip right under the choices, not alone at the foot of the panel.
        last = choices[-1].mapTo(window, choices[-1].rect().bottomLeft()).y()
        assert 0 < skip.mapTo(window, skip.rect().topLeft()).y() - last < 10 * mm
        heading = find(window, "heading", QLabel)
        assert heading.font().pixelSize() > find(window, "rating_hint", QLabel).font().pixelSize()
    finally:
        walk.close()
        close_window(window)
