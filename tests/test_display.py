"""The panel the kiosk draws on: which screen, how many pixels a millimetre, how large the text.

Sizes are set in millimetres of the real panel (DESIGN.md), so px_per_mm() must
be right; a station may make all text and targets larger (devices.text_scale);
line spacing must really be ≥ 1.3 as drawn.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk import config as config_mod
from ui.app import px_per_mm
from ui.gallery import make_window, walk_screens
from ui.qt import QFontMetrics, QGuiApplication, QLabel, QPushButton, QWidget
from ui.theme import MIN_LINE_SPACING, Theme
from ui.widgets import label

from test_ui_layout import SMALL_PRINT, check_screen, close_window

ROOT = Path(__file__).resolve().parent.parent


def devices(**values) -> config_mod.Config:
    return config_mod.from_mapping({"devices": values})


class _Screen:
    """A screen that reports no physical size (as many panels do over HDMI): QScreen cannot be
    made to say that on the offscreen platform."""

    def __init__(self, width: int, height: int) -> None:
        from ui.qt import QRect, QSizeF

        self._geometry, self._physical = QRect(0, 0, width, height), QSizeF(0, 0)

    def geometry(self):
        return self._geometry

    def physicalSize(self):  # noqa: N802 (Qt name)
        return self._physical


def test_px_per_mm_from_the_screen_itself(qtbot) -> None:
    screen = QGuiApplication.primaryScreen()
    geometry, physical = screen.geometry(), screen.physicalSize()
    assert physical.width() >= 50  # the offscreen platform reports one, as most panels do
    expected = (geometry.width() / physical.width() + geometry.height() / physical.height()) / 2
    assert px_per_mm(devices(), screen) == pytest.approx(expected)


def test_the_configs_panel_size_overrides_what_the_screen_reports(qtbot) -> None:
    screen = QGuiApplication.primaryScreen()
    geometry = screen.geometry()
    assert px_per_mm(devices(screen_width_mm=400), screen) == pytest.approx(geometry.width() / 400)
    assert px_per_mm(devices(screen_height_mm=250), screen) == pytest.approx(geometry.height() / 250)
    both = px_per_mm(devices(screen_width_mm=400, screen_height_mm=250), screen)
    assert both == pytest.approx((geometry.width() / 400 + geometry.height() / 250) / 2)
    # A panel that reports nothing: the override, or else 96 dpi (and a warning).
    blank = _Screen(1366, 768)
    assert px_per_mm(devices(screen_height_mm=193), blank) == pytest.approx(768 / 193)
    assert px_per_mm(devices(), blank) == pytest.approx(96 / 25.4)


def test_the_kiosk_goes_on_the_configured_screen_or_the_primary_one(tmp_path: Path) -> None:
    """Two real (offscreen) screens: devices.screen = 1 puts the window on the second, sized by its
    millimetres; a screen that is not there falls back to the primary one with a warning."""
    screens = {"screens": [{"name": "left", "x": 0, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96},
                           {"name": "right", "x": 1024, "y": 0, "width": 1920, "height": 1080,
                            "logicalDpi": 96}]}
    (tmp_path / "screens.json").write_text(json.dumps(screens))
    script = textwrap.dedent(f"""
        import logging, sys
        logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="%(levelname)s %(message)s")
        from kiosk import config
        from ui.app import build_kiosk, px_per_mm, shut_down
        for index in (1, 5):
            cfg = config.from_mapping({{"storage": {{"data_dir": r"{tmp_path}/data{{}}".format(index)}},
                                        "devices": {{"screen": index, "speech": "none", "camera": "none"}}}})
            window = build_kiosk(cfg, {{}})
            on = window.windowHandle().screen()  # (window.screen is the screen shown, a widget)
            print("ON", index, on.name(), window.geometry().width(), round(window.px_per_mm, 3),
                  round(px_per_mm(cfg, on), 3))
            window.locked = False
            shut_down(window)
            window.close()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={tmp_path / 'screens.json'}"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    placed = {int(line.split()[1]): line.split()[2:] for line in done.stdout.splitlines() if line.startswith("ON")}
    assert placed[1][:2] == ["right", "1920"] and placed[1][2] == placed[1][3]
    assert placed[5][:2] == ["left", "1024"]
    assert "devices.screen = 5" in done.stdout  # the warning says what was asked and what was done


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_line_spacing_is_at_least_1_3_as_drawn(qtbot, scale: float, elder: bool) -> None:
    theme = Theme(elder=elder, px_per_mm=4.0, scale=scale)
    assert theme.line_spacing >= MIN_LINE_SPACING
    # What a wrapped label really draws: the height each further line adds, over the font size.
    two, three = label("Line\nLine", theme), label("Line\nLine\nLine", theme)
    pitch = three.heightForWidth(600) - two.heightForWidth(600)
    assert pitch / three.font().pixelSize() >= MIN_LINE_SPACING


def test_text_scale_makes_text_and_targets_larger() -> None:
    plain, large = Theme(elder=True, px_per_mm=4.0), Theme(elder=True, px_per_mm=4.0, scale=1.5)
    assert QFontMetrics(large.font()).capHeight() / 4.0 >= 9.0
    assert large.target_mm >= 1.5 * 15
    assert large.mm(large.target_mm) > plain.mm(plain.target_mm)
    with pytest.raises(ValueError):
        Theme(elder=True, px_per_mm=4.0, scale=2.5)


# Where text_scale 1.5 fits (tests/test_ui_layout.py LARGE_TEXT walks every service there, and 2.0 at
# 1920x1080): a 1366x768 panel (193 mm high) in elder mode too, where the window folds what it can
# (ui/main_window.py TIGHT_LINES): about ten lines of text high.
SCALED = [("1920x1080", True, "zh_CN"), ("1920x1080", True, "en"), ("1366x768", True, "zh_CN"),
          ("1366x768", True, "en"), ("1366x768", False, "en")]


@pytest.mark.parametrize("resolution, elder, locale", SCALED)
def test_text_scale_1_5_fits_and_elder_text_is_9_mm(qtbot, tmp_path, resolution: str, elder: bool,
                                                      locale: str) -> None:
    window, session = make_window(resolution, elder, locale, tmp_path, text_scale=1.5)
    window.expected_size = window.size()
    theme = Theme(elder=elder, px_per_mm=window.px_per_mm, scale=1.5)
    problems: list[str] = []
    try:
        for name in walk_screens(window, session, every_page=True):
            where = f"{resolution} {'elder' if elder else 'normal'} {locale} x1.5 {name}"
            problems += check_screen(window, theme, where)
            if not elder:
                continue
            for widget in window.findChildren(QWidget):
                if (isinstance(widget, (QLabel, QPushButton)) and widget.isVisible() and widget.text()
                        and widget.objectName() not in SMALL_PRINT):
                    cap_mm = QFontMetrics(widget.font()).capHeight() / window.px_per_mm
                    if cap_mm < 9.0:
                        problems.append(f"{where}: {widget.text()!r} capital height {cap_mm:.2f} mm < 9 mm")
    finally:
        close_window(window)
    assert not problems, "\n".join(problems)
