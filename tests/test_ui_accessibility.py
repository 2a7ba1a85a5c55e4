"""Every touchable widget on every screen has a name for assistive technology (QAccessible).

The walk covers every screen of the journey (every form page and document,
the reader error, the ID keypad, the idle warning) in both modes and both
languages.  A button's name must also contain the words it shows (WCAG 2.5.3
"label in name"), so what a screen reader says matches what is on screen.
"""

from __future__ import annotations

import re

import pytest

from test_ui_layout import close_window
from ui.gallery import make_window, walk_screens
from ui.qt import QAbstractButton, QAccessible, QLabel, QLineEdit, QSlider, QWidget

INTERACTIVE = (QAbstractButton, QLineEdit, QSlider)
SYMBOLS = re.compile(r"[‹›⌫✓●○⚠\s]")


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Name) if interface is not None else ""


def problems_on_screen(window, where: str) -> list[str]:
    problems = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        name = accessible_name(widget)
        what = f"{where}: {type(widget).__name__} {widget.objectName()!r}"
        if not name.strip():
            problems.append(f"{what} has no accessible name")
            continue
        if isinstance(widget, QAbstractButton) and not widget.objectName().startswith("open_"):
            # (an opener shows the typed value; its name says which field it changes)
            shown = SYMBOLS.sub("", widget.text())
            if shown and shown not in SYMBOLS.sub("", name):
                problems.append(f"{what} shows {widget.text()!r} but is named {name!r}")
    return problems


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_every_interactive_widget_has_an_accessible_name(qtbot, tmp_path, elder: bool, locale: str) -> None:
    window, session = make_window("1366x768", elder, locale, tmp_path)
    problems: list[str] = []
    screens = 0
    try:
        for name in walk_screens(window, session, every_page=True):
            screens += 1
            problems += problems_on_screen(window, f"{locale} {'elder' if elder else 'normal'} {name}")
    finally:
        close_window(window)
    assert screens >= 15
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_staff_sign_in_and_the_console_are_named_and_never_name_the_pin(qtbot, tmp_path, locale: str) -> None:
    """Every touchable widget of sign-in and of every console page has a name that holds its words;
    no accessible name or text ever holds the PIN being typed (the walk types 7703 of 770315, then all)."""
    from ui.console.gallery_walk import SUPERVISOR, walk_console
    from ui.gallery import settle

    window, session = make_window("1366x768", False, locale, tmp_path)
    problems: list[str] = []
    screens = 0
    try:
        for name in walk_console(window, settle):
            screens += 1
            problems += problems_on_screen(window, f"{locale} {name}")
            for widget in window.findChildren(QWidget):
                shown = widget.text() if isinstance(widget, (QAbstractButton, QLabel)) else ""
                said = " ".join((accessible_name(widget), shown))
                if "7703" in said:  # part of the PIN, or all of it
                    problems.append(f"{locale} {name}: {widget.objectName()!r} holds the PIN: {said!r}")
    finally:
        close_window(window)
    assert screens >= 14 and SUPERVISOR[2].startswith("7703")


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("locale", ["zh_CN", "en"])
def test_the_visits_a_helper_leads_name_every_interactive_widget(qtbot, tmp_path, elder: bool, locale: str) -> None:
    """Guided, proxy and correction screens (ui/gallery_assisted.py), the signature pad included."""
    from ui.gallery_assisted import walk_assisted_screens
    from ui.signature_pad import SignaturePad

    window, session = make_window("1366x768", elder, locale, tmp_path)
    problems: list[str] = []
    pads = 0
    try:
        for name in walk_assisted_screens(window, session):
            where = f"{locale} {'elder' if elder else 'normal'} {name}"
            problems += problems_on_screen(window, where)
            for pad in window.findChildren(SignaturePad):
                if pad.isVisible():
                    pads += 1
                    if not accessible_name(pad).strip():
                        problems.append(f"{where}: the signature pad has no accessible name")
    finally:
        close_window(window)
    assert pads >= 1  # (elder mode shows the pad once asked: "Sign on the screen instead")
    assert not problems, "\n".join(problems)
