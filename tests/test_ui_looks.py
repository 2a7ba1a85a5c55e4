"""The finished look a resident notices (issue 16): icons with words, the station header, the step
indicator on every step, and personal numbers masked on the review.

Icons: every catalog service names one the icon font has, and building every screen logs no
missing-icon warning and imports no second Qt binding (qtpy is never imported: a frozen build
collects one binding only).  The step indicator is checked on every screen of every bundled service,
as shown and as spoken.  Masked answers stay masked after a language or mode switch.
"""

from __future__ import annotations

import datetime as _dt
import logging
import sys

import pytest

from kiosk import catalog as catalog_mod, journey_steps, samples
from kiosk.sync_status import SyncStatus
from test_ui_journey import close_window, find, touch
from ui import icons
from ui.gallery import make_window, settle, walk_screens
from ui.qt import QLabel, QPushButton
from ui.station_header import clock_text
from ui.step_indicator import StepIndicator

CATALOG = catalog_mod.bundled()


def test_every_service_and_action_names_an_icon_the_font_has(qapp) -> None:
    for service in CATALOG.services:
        assert service.icon, f"{service.id} names no icon"
        assert icons.exists(service.icon), f"{service.id}: no icon {service.icon!r}"
    for key, name in icons.ACTIONS.items():
        assert icons.exists(name), f"action {key}: no icon {name!r}"
    assert icons.exists(icons.FALLBACK)


def test_a_missing_icon_is_warned_and_drawn_as_nothing(qapp, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.icons"):
        picture = icons.pixmap("no-such-icon-anywhere", 32, "#000000")
    assert "no-such-icon-anywhere" in caplog.text
    assert picture.toImage().pixelColor(16, 16).alpha() == 0


@pytest.mark.parametrize("resolution,elder,locale", [("1366x768", True, "zh_CN"), ("1080x1920", False, "en")])
def test_every_screen_loads_its_icons_without_warnings(qtbot, tmp_path, caplog, resolution, elder, locale) -> None:
    window, session = make_window(resolution, elder, locale, tmp_path)
    try:
        with caplog.at_level(logging.WARNING):
            for _name in walk_screens(window, session, "residence_permit"):
                pass
        icon_warnings = [r for r in caplog.records if "icon" in r.getMessage().lower()]
        assert not icon_warnings, icon_warnings
        assert not [m for m in sys.modules if m.split(".")[0] in ("qtpy", "PyQt5", "PyQt6", "PySide2")]
        tile = find(window, "tile_residence_permit", QPushButton)
        texts = [w.text() for w in tile.findChildren(QLabel) if w.text()]
        assert any(t in ("居住证", "Residence permit") for t in texts)  # the name, what to bring, the time
        assert len(texts) == 3
        assert any(w.pixmap() is not None and not w.pixmap().isNull() for w in tile.findChildren(QLabel))
        for name in ("language", "elder_mode", "sound", "repeat", "call_helper"):
            button = find(window, name, QPushButton)
            assert button.text() and not button.icon().isNull(), f"{name}: an icon and words"
    finally:
        close_window(window)


def test_the_header_names_the_station_tells_the_time_and_says_offline_in_plain_words(qtbot, tmp_path) -> None:
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    try:
        settle()
        assert find(window, "header_station", QLabel).text() == "Waystation"
        assert find(window, "header_clock", QLabel).text() == clock_text(_dt.datetime.now(), "zh_CN")
        assert find(window, "header_offline", QLabel) is None  # not said until the centre is not reached
        window.bridge.sync_status.emit(SyncStatus("offline", "sync.offline", waiting=12, set_aside=1))
        settle()
        words = find(window, "header_offline", QLabel).text()
        assert words == "网络暂时断开，申请会先保存在本机"
        assert not any(c.isdigit() for c in words)  # not the helpers' queue counts
        session.choose_service("senior_card")
        settle()
        assert find(window, "header_offline", QLabel) is not None  # on every screen, not only at home
        window.bridge.sync_status.emit(SyncStatus("online"))
        settle()
        assert find(window, "header_offline", QLabel) is None
    finally:
        close_window(window)


def test_clock_text_in_both_languages() -> None:
    moment = _dt.datetime(2026, 12, 4, 9, 5)
    assert clock_text(moment, "zh_CN") == "12月4日 星期五 09:05"
    assert clock_text(moment, "en") == "Fri 4 Dec 09:05"


@pytest.mark.parametrize("service", [s.id for s in CATALOG.services])
@pytest.mark.parametrize("resolution,elder,locale", [("1366x768", True, "zh_CN"), ("1366x768", False, "en"),
                                                     ("1080x1920", True, "en")])
def test_the_step_indicator_on_every_step(qtbot, tmp_path, service, resolution, elder, locale) -> None:
    window, session = make_window(resolution, elder, locale, tmp_path)
    spoken: list[str] = []
    window.say = lambda key, text: spoken.append(text)
    steps_seen = set()
    try:
        for name in walk_screens(window, session, service, every_page=True, extras=False):
            position = journey_steps.position(session.service, session.state)
            indicators = [w for w in window.screen.findChildren(StepIndicator) if w.isVisible()]
            if position is None:
                assert not indicators, f"{name}: a step indicator off the steps"
                continue
            steps_seen.add(position.current)
            assert len(indicators) == 1, name
            shown = indicators[0]
            assert shown.position == position
            count = (f"第 {position.number} 步，共 {position.total} 步" if locale == "zh_CN"
                     else f"Step {position.number} of {position.total}")
            words = " ".join(w.text() for w in shown.findChildren(QLabel) if w.isVisible())
            # The current step is named in words ("当前"/"Now", or "Step 2 of 4: ..."), not by colour alone.
            current = shown.findChildren(QLabel, f"step_{position.current}")
            if current:
                assert current[0].text().startswith("▶") and current[0].font().bold()
                assert ("当前" if locale == "zh_CN" else "Now") in current[0].text()
            else:
                assert count in words, f"{name}: {words!r}"
            assert window.screen.spoken_prompt().startswith(count), name
        assert steps_seen == set(journey_steps.steps_for(CATALOG.service(service)))
    finally:
        close_window(window)


def _go_to_review(window, session):
    for name in walk_screens(window, session, "residence_permit", extras=False):
        if name == "review":
            return
    raise AssertionError("no review")


@pytest.mark.parametrize("switch", ["language", "elder_mode"])
def test_masked_answers_stay_masked_after_a_switch(qtbot, tmp_path, switch) -> None:
    window, session = make_window("1366x768", False, "zh_CN", tmp_path)
    walk = walk_screens(window, session, "residence_permit", extras=False)
    try:
        for name in walk:
            if name == "review":
                break
        value = find(window, "value_id_number", QLabel)
        assert value.text() == "110101********" + samples.SAMPLE_ID[-4:]
        assert find(window, "value_mobile", QLabel).text() == "138****8000"
        assert find(window, "value_address", QLabel).text() == "北京市东城区****"
        assert find(window, "value_local_address", QLabel).text().endswith("****")
        touch(qtbot, window, "show_id_number")
        assert find(window, "value_id_number", QLabel).text().replace(" ", "") == samples.SAMPLE_ID
        assert window.screen.reveal_timer.isActive() and window.screen.reveal_timer.interval() == 10_000
        touch(qtbot, window, "show_mobile")  # one at a time: the ID number is masked again
        assert find(window, "value_id_number", QLabel).text().startswith("110101****")
        touch(qtbot, window, switch)
        for field_id in ("id_number", "mobile", "address", "local_address"):
            assert "****" in find(window, f"value_{field_id}", QLabel).text(), field_id
        touch(qtbot, window, "show_address")
        window.screen.reveal_timer.timeout.emit()  # ten seconds on
        assert find(window, "value_address", QLabel).text().endswith("****")
    finally:
        walk.close()
        close_window(window)


@pytest.mark.parametrize("resolution,elder", [("1366x768", True), ("1024x768", True), ("1080x1920", False)])
def test_the_receipt_qr_code_reads_from_30_cm_and_done_is_large(qtbot, tmp_path, resolution, elder) -> None:
    import segno

    window, session = make_window(resolution, elder, "zh_CN", tmp_path)
    walk = walk_screens(window, session, "senior_card", extras=False)
    try:
        for name in walk:
            if name == "receipt":
                break
        window.resize(window.size())
        settle()
        qr = find(window, "qr", QLabel)
        modules = segno.make_qr(session.receipt.qr_text, error="m").symbol_size(border=2)[0]
        module_mm = qr.pixmap().width() / modules / window.px_per_mm
        assert module_mm >= 0.6, f"QR modules of {module_mm:.2f} mm (a phone at 30 cm wants 0.5 mm or more)"
        done = find(window, "finish", QPushButton)
        assert done.width() / window.px_per_mm >= 60 and not done.icon().isNull()
    finally:
        walk.close()
        close_window(window)
