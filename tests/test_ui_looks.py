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


# A kiosk started as `waystation run` starts it (ui.app.build_kiosk: a fresh process, its own QApplication, the
# icon font registered from the package's files), walked through every screen in both modes and languages.
FRESH_KIOSK = r"""
import json, logging, sys
from kiosk.cli import build_devices
from kiosk.config import from_mapping
from PySide6.QtCore import qInstallMessageHandler  # (a test hook only: the kiosk never installs one)
from ui.qt import QApplication, QPushButton
app = QApplication(sys.argv[:1])
heard = []
class Heard(logging.Handler):
    def emit(self, record):
        heard.append(record.getMessage())
logging.getLogger().addHandler(Heard(level=logging.WARNING))
qInstallMessageHandler(lambda kind, context, text: heard.append(text))
from ui.app import build_kiosk
from ui.gallery import walk_screens
config = from_mapping({"storage": {"data_dir": sys.argv[1]},
                       "devices": {"card_reader": "none", "camera": "none", "speech": "none"}})
window = build_kiosk(config, build_devices(config), windowed=True)
window.resize(1366, 768)
drawn = set()
for elder, locale in ((False, "zh_CN"), (True, "en")):
    window.session.set_locale(locale)
    window.session.set_elder_mode(elder)
    for name in walk_screens(window, window.session):
        drawn |= {b.objectName() for b in window.findChildren(QPushButton)
                  if b.isVisible() and not b.icon().isNull() and b.text()}
window.locked = False
print(json.dumps({"heard": heard, "drawn": sorted(drawn),
                  "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("qtawesome", "qtpy", "PyQt5",
                                                                                  "PyQt6", "PySide2"))}))
"""


def test_a_kiosk_started_as_waystation_run_draws_every_icon_without_a_warning(tmp_path) -> None:
    """The packaged app's way from source: a fresh process finds the icon font in qtawesome's package files
    without importing qtawesome (or qtpy: a frozen build must collect one Qt binding only), and drawing
    every screen logs no missing icon and no Qt font warning; each main action shows its icon."""
    import json
    import os
    import subprocess

    done = subprocess.run([sys.executable, "-c", FRESH_KIOSK, str(tmp_path / "data")], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["modules"] == []
    assert not [line for line in result["heard"] if "icon" in line.lower() or "font" in line.lower()], result
    main_actions = {"back", "next", "start", "submit", "call_helper", "repeat", "sound", "language", "elder_mode",
                    "finish", "check_status", "look_up", "skip_rating", "keypad_done", "show_id_number"}
    assert main_actions <= set(result["drawn"]), main_actions - set(result["drawn"])


def test_the_main_actions_keep_icon_and_words_on_a_tight_panel(qtbot, tmp_path) -> None:
    """Text scale 1.5 on a 1366x768 panel in elder mode: the top bar folds into short words, never into
    icons alone; Back and Next keep theirs."""
    window, session = make_window("1366x768", True, "zh_CN", tmp_path, text_scale=1.5)
    try:
        settle()
        assert window.tight
        shown = {name: find(window, name, QPushButton) for name in
                 ("language", "elder_mode", "sound", "repeat", "call_helper")}
        assert {name: b.text() for name, b in shown.items()} == {
            "language": "English", "elder_mode": "✓ 长辈", "sound": "声音", "repeat": "重播", "call_helper": "求助"}
        assert all(not b.icon().isNull() for b in shown.values())
        assert shown["call_helper"].accessibleName() == "求助：呼叫工作人员"  # the words shown, then what it does
        session.choose_service("senior_card")
        settle()
        for name in ("back", "start"):
            assert find(window, name, QPushButton).text() and not find(window, name, QPushButton).icon().isNull()
        session.set_elder_mode(False)  # normal mode's text is smaller: the full words fit again
        settle()
        assert find(window, "call_helper", QPushButton).text() == "呼叫工作人员"
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
@pytest.mark.parametrize("resolution,elder,locale,scale", [
    ("1366x768", True, "zh_CN", 1.0), ("1366x768", False, "en", 1.0), ("1080x1920", True, "en", 1.0),
    ("1366x768", True, "en", 1.5)])  # (the last: a tight panel, where the documents' indicator moves up)
def test_the_step_indicator_on_every_step(qtbot, tmp_path, service, resolution, elder, locale, scale) -> None:
    window, session = make_window(resolution, elder, locale, tmp_path, text_scale=scale)
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


def test_a_window_made_short_for_its_text_folds_and_unfolds_keeping_what_was_typed(qtbot, tmp_path) -> None:
    """A windowed kiosk (or a panel that reports its size late) made only about ten lines of text high becomes
    tight: the screen is built again for it with what was typed on it kept (the status look-up asks at once,
    without its heading); made tall again, it unfolds.  (The top bar's words fold on the panel's width.)"""
    window, session = make_window("1920x1080", True, "en", tmp_path, text_scale=1.5)
    try:
        settle()
        session.open_status()
        settle()
        assert not window.tight and find(window, "heading", QLabel) is not None
        for key in "1234":
            window.screen.keypad.press(key)
        window.resize(1920, 760)
        settle()
        assert window.tight and find(window, "heading", QLabel) is None
        assert window.screen.keypad.value == "1234"
        assert find(window, "call_helper", QPushButton).text() == "Call a helper"  # 1920 wide: room for it
        window.resize(1920, 1080)
        settle()
        assert not window.tight and find(window, "heading", QLabel) is not None
        assert window.screen.keypad.value == "1234"
        assert find(window, "call_helper", QPushButton).text() == "Call a helper"
    finally:
        close_window(window)
