"""Icons from Font Awesome Free (solid), drawn from the icon font that the qtawesome package ships.

Why this set: Font Awesome is a well-kept, widely recognised set (icons CC BY 4.0, font SIL OFL 1.1),
and qtawesome (MIT) packages it as plain package data, so it installs from PyPI, needs no network and
a frozen build collects it like any package data.  Why not qtawesome's own API: importing it (through
qtpy) and loading its nine fonts costs about 0.3 s of a 1.0 s start-up budget; one font and its
character map, read here, cost a few milliseconds.  qtpy is never imported, so no second Qt binding
can be picked up.

Icons always come with words (DESIGN.md: never an icon alone); a name the font lacks is logged as a
warning (tests/test_ui_icons.py fails on one) and drawn as nothing, never as a wrong picture.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import logging
import os
import sys
from functools import lru_cache

from ui.qt import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap, Qt

log = logging.getLogger(__name__)

FONT_PATTERN = "fontawesome6-solid-webfont-*"
FALLBACK = "circle-info"  # a catalog service that names no icon (an older catalog from the centre)

# The main actions' icons, by what they do (the screens use these keys, not font names).
ACTIONS = {
    "back": "arrow-left", "next": "arrow-right", "help": "hand-holding-heart", "repeat": "rotate-right",
    "sound": "volume-high", "language": "language", "elder": "glasses", "status": "magnifying-glass",
    "offline": "plug-circle-xmark", "station": "landmark", "show": "eye", "done": "circle-check",
    "submit": "paper-plane", "camera": "camera", "change": "pen", "skip": "forward",
}


def _font_dir() -> str:
    """Where qtawesome keeps its fonts, found without importing it (its import pulls in qtpy).  The
    packaged build carries the one font (and its character map) in the same place, without the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and os.path.isdir(os.path.join(bundle, "qtawesome", "fonts")):
        return os.path.join(bundle, "qtawesome", "fonts")
    spec = importlib.util.find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the qtawesome package (icon fonts) is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], "fonts")


@lru_cache(maxsize=1)
def _font() -> tuple[str, dict[str, int]]:
    """The icon font's family (registered with Qt once) and its name → code point map."""
    folder = _font_dir()
    ttf = sorted(glob.glob(os.path.join(folder, FONT_PATTERN + ".ttf")))
    charmap = sorted(glob.glob(os.path.join(folder, FONT_PATTERN.replace("webfont-", "webfont-charmap-") + ".json")))
    if not ttf or not charmap:
        raise RuntimeError(f"no Font Awesome solid font in {folder}")
    font_id = QFontDatabase.addApplicationFont(ttf[-1])
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"the icon font {ttf[-1]} could not be loaded")
    with open(charmap[-1], encoding="utf-8") as handle:
        codes = {name: int(code, 16) for name, code in json.load(handle).items()}
    return families[0], codes


def exists(name: str) -> bool:
    """Whether the icon font has an icon of this name."""
    return name in _font()[1]


@lru_cache(maxsize=256)
def pixmap(name: str, size_px: int, colour: str) -> QPixmap:
    """The icon `name` drawn `size_px` square in `colour` (#rrggbb); cached: screens are rebuilt often."""
    family, codes = _font()
    image = QPixmap(size_px, size_px)
    image.fill(Qt.transparent)
    code = codes.get(name)
    if code is None:
        log.warning("icon %r is not in the icon font", name)
        return image
    font = QFont(family)
    font.setPixelSize(max(1, round(size_px * 0.86)))
    font.setStyleStrategy(QFont.NoFontMerging)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setRenderHint(QPainter.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(image.rect(), Qt.AlignCenter, chr(code))
    painter.end()
    return image


def icon(name: str, size_px: int, colour: str) -> QIcon:
    return QIcon(pixmap(name, size_px, colour))


def action(key: str) -> str:
    """The icon name of a main action ('back', 'help', ...)."""
    return ACTIONS[key]


def service_icon(service) -> str:
    """The icon a catalog service names, or a neutral one for a service that names none."""
    return getattr(service, "icon", "") or FALLBACK
