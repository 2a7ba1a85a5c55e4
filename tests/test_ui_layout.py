"""Layout of every screen at the four panel sizes, both modes, both languages, and with larger text.

What a resident would notice: text cut off or overlapping, a button off the
screen or on top of another, text too small, targets too small, contrast too
low.  Sizes are checked in millimetres of the panel (`RESOLUTIONS` gives each
panel's physical width), the same unit the theme sizes things in.

Floors (DESIGN.md; the numbers are the floor, not the goal):
- elder mode: capital-letter height ≥ 6 mm for every text a resident reads,
  secondary lines too (progress, the help under a question, the keypad's
  check line: residents read them as main text), except the few named in
  `SMALL_PRINT` (held to ≥ 5 mm); touch targets ≥ 15 mm in both directions,
  contrast ≥ 7:1;
- normal mode: main text ≥ 3.5 mm and hints ≥ 3 mm (a project floor, about
  20 px on a 1366×768 panel), touch targets ≥ 10 mm, contrast ≥ 4.5:1;
- line spacing ≥ 1.3 in both.  Labels are plain text, so the spacing is the
  font's own (ascent + descent + leading: 1.45 em for Noto Sans CJK, the
  theme's first family); the test measures the font each label really got,
  so a kiosk that falls back to a tighter font fails here, not in front of
  a resident.

Larger text (the config's devices.text_scale, for residents with low vision):
elder mode must fit 1.5 on the 1366×768 panel and 2.0 on the 1920×1080 one
(`LARGE_TEXT`), every screen in both modes and languages; there the text
floors above grow with the scale (9 mm capitals in elder mode at 1.5), the
touch-target floors stay.  The top bar may take short words and lists may
scroll; a question and its keys may not.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from ui.console.gallery_walk import walk_console
from ui.gallery import RESOLUTIONS, make_window, settle, walk_screens
from ui.qt import (
    QAbstractButton, QApplication, QEvent, QFontMetrics, QLabel, QLineEdit, QPoint, QPushButton, QRect, QScrollArea,
    QSize, QSlider, QWidget,
)
from ui.keypad import Keypad
from ui.theme import ELDER_COLOURS, NORMAL_COLOURS, Theme, contrast

INTERACTIVE = (QAbstractButton, QLineEdit, QSlider)
ELDER_MAIN_MM, ELDER_SMALL_PRINT_MM = 6.0, 5.0
# Text in elder mode allowed below the main size, by object name, each with why.  Keep it short.
SMALL_PRINT = {
    "voice_notice": "tells a helper that speech is not working (DESIGN: 'helpers see a small notice')",
    "sync_notice": "tells a helper, on the home screen only, that the centre is not reached or what is set aside",
    "header_station": "the station's name above the top bar: orientation, not a task (ui/station_header.py)",
    "header_clock": "the date and time above the top bar: orientation, not a task",
    "header_offline": "the network is down, applications are kept here: reassurance above the top bar, bold",
    "guided_banner": "which helper is helping (guided and proxy visits): orientation on the header's line, bold",
    "outreach_line": "tells the helper on an outreach trip what waits to be sent and since when it is offline",
}
NORMAL_MAIN_MM, NORMAL_HINT_MM = 3.5, 3.0
TOLERANCE_PX = 1  # layouts round to whole pixels
LARGE_TEXT = [("1366x768", 1.5), ("1920x1080", 2.0)]  # (panel, devices.text_scale) that must fit


def _visible_widgets(window: QWidget) -> list[QWidget]:
    return [w for w in window.findChildren(QWidget) if w.isVisible() and w.objectName() != "retired"
            and w.window() is window]


def _window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _scroll_viewports(widget: QWidget) -> list[QWidget]:
    """Viewports of the scroll areas around `widget` (innermost first)."""
    found, parent = [], widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            found.append(parent.viewport())
        parent = parent.parentWidget()
    return found


def _shown_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of `widget` a resident can see: clipped by the scroll areas around it."""
    rect = _window_rect(widget, window)
    for viewport in _scroll_viewports(widget):
        rect = rect.intersected(_window_rect(viewport, window))
    return rect


# Chinese text wraps between any two characters (Qt's line breaking follows Unicode UAX #14), so
# only the runs of other characters in it (digits, Latin words) are pieces that cannot be broken.
_BREAKS_ANYWHERE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _unbreakable(text: str) -> list[str]:
    return [piece for word in text.split() for piece in _BREAKS_ANYWHERE.split(word) if piece]


def _lines(text: str) -> list[str]:
    return text.split("\n") or [""]


def _css_box(theme: Theme, widget: QPushButton, vertical: bool = False) -> int:
    """Padding plus border on one side of a styled button (see Theme.style_sheet), at its left and right or
    (`vertical`) above and below its words (less padding there on a tight panel)."""
    return (theme.padding_v_px if vertical else theme.padding_px) + theme.border_px(widget.isChecked())


def _check_text_fits(widget: QWidget, theme: Theme, problems: list[str], where: str) -> None:
    if isinstance(widget, QLabel) and widget.text():
        metrics = widget.fontMetrics()
        if widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + TOLERANCE_PX:
                problems.append(f"{where}: label {widget.text()!r} needs {needed}px height, has {widget.height()}")
            # A single word (or a long number) wider than the label is cut even with wrapping on.
            pieces = _unbreakable(widget.text())
            widest = max((metrics.horizontalAdvance(piece) for piece in pieces), default=0)
            if widest > widget.contentsRect().width() + TOLERANCE_PX and len(pieces) > 1:
                problems.append(f"{where}: a word of {widget.text()!r} is wider than its label")
        else:
            needed = max(metrics.horizontalAdvance(line) for line in _lines(widget.text()))
            if needed > widget.contentsRect().width() + TOLERANCE_PX:
                problems.append(f"{where}: label {widget.text()!r} needs {needed}px width, has "
                                f"{widget.contentsRect().width()}")
    elif isinstance(widget, QPushButton) and widget.text():
        metrics = widget.fontMetrics()
        needed_w = max(metrics.horizontalAdvance(line) for line in _lines(widget.text())) + 2 * _css_box(theme, widget)
        if not widget.icon().isNull():  # an icon beside the words takes its width and a gap
            needed_w += widget.iconSize().width() + 4
        needed_h = metrics.height() * len(_lines(widget.text())) + 2 * _css_box(theme, widget, vertical=True)
        if needed_w > widget.width() + TOLERANCE_PX or needed_h > widget.height() + TOLERANCE_PX:
            problems.append(f"{where}: button {widget.text()!r} needs {needed_w}x{needed_h}px, has "
                            f"{widget.width()}x{widget.height()}")
    elif isinstance(widget, QLineEdit):
        if widget.fontMetrics().height() > widget.contentsRect().height() + TOLERANCE_PX:
            problems.append(f"{where}: text box {widget.objectName()} is lower than its text")


def _check_inside(widget: QWidget, window: QWidget, problems: list[str], where: str) -> None:
    if _scroll_viewports(widget):
        return  # may extend: its scroll area is checked instead
    if not window.rect().contains(_window_rect(widget, window)):
        problems.append(f"{where}: {type(widget).__name__} {widget.objectName() or _text(widget)!r} at "
                        f"{_window_rect(widget, window).getRect()} is outside the window {window.rect().getRect()}")


def _text(widget: QWidget) -> str:
    return widget.text() if hasattr(widget, "text") else ""


def _check_overlaps(widgets: list[QWidget], window: QWidget, problems: list[str], where: str) -> None:
    """No two touchable or text-bearing widgets overlap (a widget may sit inside another)."""
    shown = [(w, _shown_rect(w, window)) for w in widgets
             if isinstance(w, INTERACTIVE) or (isinstance(w, QLabel) and (w.text() or w.pixmap() is not None
                                                                          and not w.pixmap().isNull()))]
    shown = [(w, r) for w, r in shown if not r.isEmpty()]
    for i, (a, rect_a) in enumerate(shown):
        for b, rect_b in shown[i + 1:]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            overlap = rect_a.intersected(rect_b)
            if overlap.width() > TOLERANCE_PX and overlap.height() > TOLERANCE_PX:
                problems.append(f"{where}: {a.objectName() or _text(a)!r} overlaps {b.objectName() or _text(b)!r}")


def _is_hint(widget: QWidget) -> bool:
    return widget.property("role") == "hint"


def _check_sizes(widget: QWidget, theme: Theme, problems: list[str], where: str) -> None:
    px_per_mm = theme.px_per_mm
    has_text = isinstance(widget, (QLabel, QPushButton)) and widget.text()
    if has_text:
        if theme.elder:
            floor = ELDER_SMALL_PRINT_MM if widget.objectName() in SMALL_PRINT else ELDER_MAIN_MM
        else:
            floor = NORMAL_HINT_MM if _is_hint(widget) else NORMAL_MAIN_MM
        floor *= theme.scale  # larger text is larger everywhere, not only where there is room
        metrics = QFontMetrics(widget.font())
        cap_mm = metrics.capHeight() / px_per_mm
        if cap_mm < floor:
            problems.append(f"{where}: {widget.text()!r} capital height {cap_mm:.2f} mm < {floor} mm")
        spacing = metrics.lineSpacing() / widget.font().pixelSize()
        if spacing < 1.3:
            problems.append(f"{where}: {widget.text()!r} line spacing {spacing:.2f} < 1.3")
    if isinstance(widget, INTERACTIVE):
        floor = 15.0 if theme.elder else 10.0
        low = min(widget.width(), widget.height()) / px_per_mm
        if low < floor - 0.05:
            problems.append(f"{where}: {widget.objectName() or _text(widget)!r} touch target "
                            f"{widget.width()}x{widget.height()}px = {low:.1f} mm < {floor} mm")


# Screens known to scroll their keypad, each with why; the list is meant to shrink.
KEYPAD_SCROLLS: set[str] = set()  # "<resolution> <screen>" allowed to scroll its keypad, each with why: none


def _check_question_and_keys_unscrolled(window: QWidget, problems: list[str], where: str) -> None:
    """Elder mode: a keypad's question, help, error and every key are on screen without scrolling
    (a question scrolled off the top is not read, a key scrolled off the bottom is not found); so are
    the question "is this you?" and both its answers."""
    for part in (w for w in window.findChildren(QWidget) if w.objectName().startswith("confirm_") and w.isVisible()):
        if _shown_rect(part, window) != _window_rect(part, window):
            problems.append(f"{where}: {part.objectName()!r} has to be scrolled into view")
    words = where.split()
    if f"{words[0]} {words[-1]}" in KEYPAD_SCROLLS:
        return
    for keypad in (k for k in window.findChildren(Keypad) if k.isVisible()):
        block = keypad.parentWidget()
        parts = [keypad] + [w for w in block.findChildren(QLabel) if w.isVisible()
                            and w.objectName().startswith(("label_", "help_", "error_"))]
        for part in parts:
            if _shown_rect(part, window) != _window_rect(part, window):
                problems.append(f"{where}: {part.objectName()!r} has to be scrolled into view")


def check_screen(window, theme: Theme, where: str) -> list[str]:
    """What is wrong on the window's current screen; `theme` as the window drew it (its mode and text scale;
    whether the panel was tight for it is read from the window)."""
    theme = dataclasses.replace(theme, tight=window.tight)
    problems: list[str] = []
    window.resize(window.expected_size)  # back to the panel's size, if an earlier screen made it grow
    settle()
    if window.size() != window.expected_size:
        problems.append(f"{where}: the window grew to {window.width()}x{window.height()} (its content does not fit)")
    widgets = _visible_widgets(window)
    staff = getattr(window, "staff", None)
    if staff is not None and staff.overlay is not None and staff.overlay.isVisible():
        # Staff sign-in or the helper console covers the whole window: what a helper sees is in it.
        widgets = [w for w in widgets if staff.overlay.isAncestorOf(w)]
    for widget in widgets:
        _check_text_fits(widget, theme, problems, where)
        _check_inside(widget, window, problems, where)
        _check_sizes(widget, theme, problems, where)
    for area in (w for w in widgets if isinstance(w, QScrollArea)):
        _check_inside(area, window, problems, where)
    if theme.elder:
        _check_question_and_keys_unscrolled(window, problems, where)
    if window.overlay.isVisible():
        widgets = [w for w in widgets if window.overlay.isAncestorOf(w)]
    _check_overlaps(widgets, window, problems, where)
    return problems


def close_window(window) -> None:
    """Close and delete now: a window left to the garbage collector (it and its session refer to each
    other) may be destroyed in the middle of the next test's event handling."""
    window.tasks.wait()
    window.close()
    window.store.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.mark.parametrize("resolution, scale", [(r, 1.0) for r in RESOLUTIONS] + LARGE_TEXT,
                         ids=[r for r in RESOLUTIONS] + [f"{r}-x{s:g}" for r, s in LARGE_TEXT])
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_screen_fits(qtbot, tmp_path, resolution: str, scale: float, elder: bool, locale: str) -> None:
    window, session = make_window(resolution, elder, locale, tmp_path, text_scale=scale)
    # The panel's size, not the window's: a window whose first screen already outgrew the panel
    # would otherwise be taken as the size to keep.
    window.expected_size = QSize(*RESOLUTIONS[resolution][:2])
    theme = Theme(elder=elder, px_per_mm=window.px_per_mm, scale=scale)
    problems: list[str] = []
    try:
        # Every bundled service (their forms and documents differ); what they share once.
        for index, service in enumerate(session.catalog.services):
            for name in walk_screens(window, session, service.id, every_page=True, extras=index == 0):
                problems += check_screen(window, theme, f"{resolution} x{scale:g} {'elder' if elder else 'normal'} "
                                                        f"{locale} {service.id} {name}")
    finally:
        close_window(window)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("resolution", list(RESOLUTIONS))
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_console_screen_fits(qtbot, tmp_path, resolution: str, locale: str) -> None:
    """Staff sign-in and every helper-console page (normal mode: helpers, not residents), with the
    states a helper meets (ui/console/gallery_walk.py), at each panel size and in both languages."""
    window, session = make_window(resolution, False, locale, tmp_path)
    window.expected_size = QSize(*RESOLUTIONS[resolution][:2])
    theme = Theme(elder=False, px_per_mm=window.px_per_mm)
    problems: list[str] = []
    seen = []
    try:
        for name in walk_console(window, settle):
            seen.append(name)
            problems += check_screen(window, theme, f"{resolution} normal {locale} {name}")
    finally:
        close_window(window)
    assert "console_queue_record" in seen and "console_supervisor_pin" in seen, seen


def check_console(host, where: str) -> list[str]:
    """The checks of check_screen on a console page in its host (normal mode, no idle overlay)."""
    problems: list[str] = []
    host.resize(host.expected_size)
    settle()
    if host.size() != host.expected_size:
        problems.append(f"{where}: the console grew to {host.width()}x{host.height()} (its content does not fit)")
    widgets = _visible_widgets(host)
    for widget in widgets:
        _check_text_fits(widget, host.theme, problems, where)
        _check_inside(widget, host, problems, where)
        _check_sizes(widget, host.theme, problems, where)
    for area in (w for w in widgets if isinstance(w, QScrollArea)):
        _check_inside(area, host, problems, where)
    _check_overlaps(widgets, host, problems, where)
    return problems


@pytest.mark.parametrize("resolution", list(RESOLUTIONS))
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
@pytest.mark.parametrize("room", ["panel", "in_shell"])
def test_every_console_page_fits(qtbot, tmp_path, resolution: str, locale: str, room: str) -> None:
    """The helpers' console pages (help requests, faces to confirm) in every state, on the whole panel
    and in the room a console shell leaves them (a page list beside, a title bar above: 3/4 of the
    width, 85% of the height)."""
    from ui.console_gallery import make_console, walk_console

    window, host = make_console(resolution, locale, tmp_path)
    if room == "in_shell":
        host.expected_size = QSize(round(host.width() * 0.75), round(host.height() * 0.85))
    problems: list[str] = []
    try:
        for name in walk_console(window, host):
            problems += check_console(host, f"{resolution} {room} {locale} {name}")
    finally:
        host.close()
        host.deleteLater()
        close_window(window)


@pytest.mark.parametrize("resolution", list(RESOLUTIONS))
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_guided_proxy_and_correction_screen_fits(qtbot, tmp_path, resolution: str, elder: bool,
                                                       locale: str) -> None:
    """The visits a helper leads (ui/gallery_assisted.py): the banner saying who helps on every screen,
    the principal's questions under the agent's line, the consent screen with its signature pad."""
    from itertools import chain

    from ui.gallery_assisted import walk_assisted_screens, walk_outreach_screens

    window, session = make_window(resolution, elder, locale, tmp_path)
    window.expected_size = QSize(*RESOLUTIONS[resolution][:2])
    theme = Theme(elder=elder, px_per_mm=window.px_per_mm)
    problems: list[str] = []
    shown = []
    try:
        for name in chain(walk_assisted_screens(window, session), walk_outreach_screens(window, session)):
            shown.append(name)
            where = f"{resolution} {'elder' if elder else 'normal'} {locale} {name}"
            problems += check_screen(window, theme, where)
            if (name.startswith(("guided_", "proxy_", "correction_")) or name in ("outreach_offline",
                                                                                 "outreach_identity")) \
                    and not window.guided_banner.isVisible():
                problems.append(f"{where}: no line saying who is helping")
    finally:
        close_window(window)
    assert "proxy_consent" in shown and "correction_receipt" in shown and "outreach_offline" in shown
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("palette", [NORMAL_COLOURS, ELDER_COLOURS], ids=["normal", "elder"])
def test_text_contrast(palette) -> None:
    floor = 7.0 if palette is ELDER_COLOURS else 4.5
    low = {name: round(contrast(fg, bg), 2) for name, (fg, bg) in palette.text_pairs().items()
           if contrast(fg, bg) < floor}
    assert not low, f"contrast below {floor}:1: {low}"


def test_the_checks_see_what_a_resident_would_see(qtbot, tmp_path) -> None:
    """The checks above are not blind: a cut-off label, a button off the panel, two buttons on top of
    each other, small text and a small target are each reported."""
    window, session = make_window("1024x768", True, "en", tmp_path)
    window.expected_size = window.size()
    theme = Theme(elder=True, px_per_mm=window.px_per_mm)
    try:
        settle()
        before = set(check_screen(window, theme, "home"))

        def put(widget: QWidget, x: int, y: int, width: int, height: int, factor: float = 1.0) -> None:
            widget.setFont(theme.font(factor))
            widget.setGeometry(x, y, width, height)
            widget.show()

        cut = QLabel("A long sentence that has to wrap onto several lines. " * 4, window.screen)
        cut.setWordWrap(True)
        put(cut, 10, 10, 300, 20)
        put(QPushButton("Off", window.screen), 1000, 600, 200, 100)
        put(QPushButton("A", window.screen), 300, 300, 100, 100)
        put(QPushButton("B", window.screen), 320, 300, 100, 100)
        put(QLabel("Tiny", window.screen), 500, 500, 200, 100, factor=0.5)
        put(QPushButton("", window.screen), 700, 300, 20, 20)
        found = "\n".join(set(check_screen(window, theme, "broken")) - before)
        assert "needs" in found and "px height, has 20" in found, found  # the cut label
        assert re.search(r"'Off' at .* is outside the window", found), found
        assert "'A' overlaps 'B'" in found, found
        assert "'Tiny' capital height" in found, found
        assert "touch target 20x20px" in found, found
    finally:
        close_window(window)


@pytest.mark.parametrize("resolution, scale", [("1366x768", 1.0), ("1366x768", 1.5), ("1080x1920", 1.0)])
def test_an_elder_mode_switch_there_and_back_keeps_every_size(qtbot, tmp_path, resolution: str, scale: float) -> None:
    """The top bar is restyled in place on a mode switch (not built again): its words, icons and targets
    must still take the new mode's sizes, both ways, on the home screen and in a service."""
    window, session = make_window(resolution, False, "en", tmp_path, text_scale=scale)
    window.expected_size = QSize(*RESOLUTIONS[resolution][:2])
    problems: list[str] = []
    try:
        window.call_helper()  # the notice above the screen takes the mode's size too
        window.tasks.wait()
        for step, elder in enumerate((True, False, True)):
            if step == 2:
                session.choose_service("residence_permit")
            session.set_elder_mode(elder)
            settle()
            theme = Theme(elder=elder, px_per_mm=window.px_per_mm, scale=scale)
            where = f"{resolution} x{scale:g} switched to {'elder' if elder else 'normal'}"
            problems += check_screen(window, theme, where)
            bar = [w for w in window.top_bar.findChildren(QPushButton) if w.isVisible()]
            assert len(bar) == 5 and all(not b.icon().isNull() for b in bar)
            assert window.top_bar.findChild(QPushButton, "elder_mode").isChecked() == elder
    finally:
        close_window(window)
    assert not problems, "\n".join(problems)
