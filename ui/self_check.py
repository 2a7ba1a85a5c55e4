"""`waystation self-check`'s screen check: the home screen and each service's first screen, drawn offscreen.

Draws with Qt's offscreen platform (whatever display the machine has), in a real
kiosk window on a temporary store with sample data only (ui/gallery.py's
`make_window`), so a missing Qt plugin, font, icon font, translation or the
catalog shows here rather than on the panel.  A screen passes when it is the
screen expected and its picture is not blank.  The runner is kiosk/self_check.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kiosk.self_check import CheckFailed

RESOLUTION = "1366x768"


QUIET = ("This plugin does not support propagateSizeHints()",)  # the offscreen platform's, for every window


def _qt_message(kind, context, message: str) -> None:  # noqa: ANN001 (Qt's types)
    if message not in QUIET:
        print(message, file=sys.stderr)


def _application():
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the first QApplication: drawn off any display
    from ui.qt import QApplication, qInstallMessageHandler

    qInstallMessageHandler(_qt_message)  # the report stays one line a check; Qt's real warnings still show
    return QApplication.instance() or QApplication(["waystation-self-check"])


def _not_blank(window, name: str) -> None:
    """The window's picture has some variety: not one flat colour, as a failed draw leaves it."""
    image = window.grab().toImage()
    if image.isNull() or image.width() < 100:
        raise CheckFailed(f"{name}: nothing drawn")
    step = max(1, image.width() // 64)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    if len(colours) < 8:
        raise CheckFailed(f"{name}: drawn blank ({len(colours)} colours)")


def check_screens() -> str:
    app = _application()  # noqa: F841 (kept alive while drawing)
    from kiosk.session import State
    from ui.gallery import make_window, settle
    from ui.i18n import qm_path
    from ui import icons

    for locale in ("zh_CN", "en"):
        if not qm_path(locale).is_file():
            raise CheckFailed(f"translation {qm_path(locale)} missing")
    lacking = [name for name in icons.ACTIONS.values() if not icons.exists(name)]  # loads the icon font
    if lacking:
        raise CheckFailed(f"icons missing from the icon font: {', '.join(lacking)}")
    drawn = []
    with tempfile.TemporaryDirectory(prefix="waystation-self-check-") as tmp:
        window, session = make_window(RESOLUTION, elder=False, locale="zh_CN", data_dir=Path(tmp))
        try:
            settle()
            if session.state != State.HOME or type(window.screen).__name__ != "HomeScreen":
                raise CheckFailed(f"the first screen is {type(window.screen).__name__}, not the home screen")
            _not_blank(window, "home")
            drawn.append("home")
            for service in session.catalog.services:
                session.choose_service(service.id)
                settle()
                if session.state == State.HOME:
                    raise CheckFailed(f"service {service.id} did not open")
                _not_blank(window, service.id)
                drawn.append(service.id)
                session.back()
                settle()
        finally:
            window.close()
            window.store.close()
            window.deleteLater()
            settle()
    return f"{len(drawn)} screens drawn offscreen at {RESOLUTION}: " + ", ".join(drawn)


CHECKS = [("screens", check_screens)]
