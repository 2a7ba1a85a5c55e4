"""Home: a few large service tiles from the catalog, each with its icon, name, what to bring and time."""

from __future__ import annotations

import re

from kiosk.errors import KioskError
from ui import icons
from ui.qt import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, Qt, QVBoxLayout, QWidget
from ui.screens.base import Context, Screen
from ui.theme import Theme
from ui.widgets import TouchButton, button, icon_px, label, scroll_page


def time_here(duration: str) -> str:
    """The first part of a catalog duration ('约5分钟；制卡约10个工作日' → '约5分钟'): the time at the
    kiosk, which is what a tile has room for (the guide shows the whole)."""
    return re.split(r"[；;]", duration, maxsplit=1)[0].strip()


class ServiceTile(TouchButton):
    """One service: icon, name (the largest text), what to bring, about how long.  One touch target:
    the words inside do not take touches (they pass to the tile)."""

    def __init__(self, theme: Theme, icon_name: str, title: str, bring: str, duration: str,
                 tall: bool = False) -> None:
        super().__init__("", theme)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        # Tall tiles (a portrait panel) stack the icon over the words, both larger, centred in the
        # tile; wide ones put the icon beside the words.  Either way the words are the largest part.
        box = QVBoxLayout(self)
        pad = theme.padding_px + theme.border_px(True)
        box.setContentsMargins(pad, pad, pad, pad)
        box.setSpacing(theme.mm(1.5))
        size = icon_px(theme, 2.4 if tall else 1.4)
        self.icon_label = QLabel()
        self.icon_label.setProperty("icon", True)  # a picture that is nobody's data (the idle wipe's check knows it)
        self.icon_label.setPixmap(icons.pixmap(icon_name, size, theme.colours.primary))
        self.icon_label.setFixedSize(size, size)
        align = Qt.AlignCenter if tall else Qt.AlignLeft | Qt.AlignVCenter
        self.title = label(title, theme, 1.45 if tall else 1.25, bold=True, name="tile_title", align=align)
        self.bring = label(bring, theme, 1.1 if tall else 1.0, role="hint", name="tile_bring", align=align)
        self.duration = label(duration, theme, 1.1 if tall else 1.0, role="hint", name="tile_time", align=align)
        box.addStretch(1)
        if tall:
            box.addWidget(self.icon_label, 0, Qt.AlignHCenter)
            box.addWidget(self.title)
        else:  # the icon before the name, on its line
            heading = QHBoxLayout()
            heading.setSpacing(theme.mm(2))
            heading.addWidget(self.icon_label, 0, Qt.AlignVCenter)
            heading.addWidget(self.title, 1)
            box.addLayout(heading)
        box.addWidget(self.bring)
        box.addWidget(self.duration)
        box.addStretch(1)
        for part in (self.icon_label, self.title, self.bring, self.duration):
            part.setAttribute(Qt.WA_TransparentForMouseEvents, True)
        self.setAccessibleName(" ".join((title, bring, duration)))


class HomeScreen(Screen):
    prompt_key = "home"

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.layout_.addWidget(label(self.tr("Welcome. Touch the service you need."), self.theme, 1.2, bold=True,
                                     name="welcome"))
        tiles = QWidget()
        grid = QGridLayout(tiles)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(self.theme.mm(3))
        large = self.theme.elder or self.theme.scale > 1.2  # larger text: fewer, wider tiles (no word cut)
        # A tight panel (a large text scale) has one column of wide tiles: a long name stays on its line.
        columns = 1 if (ctx.portrait and large) or ctx.tight else 2 if (ctx.portrait or large) else 3
        for index, service in enumerate(self.session.catalog.services):
            bring = self.tr("Bring: %1").replace("%1", self.tr(", ").join(self.text(d.title)
                                                                          for d in service.documents))
            duration = self.tr("Takes: %1").replace("%1", time_here(self.text(service.duration)))
            tile = ServiceTile(self.theme, icons.service_icon(service), self.text(service.title), bring, duration,
                               tall=ctx.portrait)
            tile.setObjectName(f"tile_{service.id}")
            tile.setCursor(Qt.PointingHandCursor)
            tile.setToolTip(self.text(service.summary))
            tile.setMinimumHeight(self.theme.mm(self.theme.target_mm * (1.6 if self.theme.elder else 1.8)))
            tile.clicked.connect(lambda _checked=False, s=service.id: self._choose(s))
            grid.addWidget(tile, index // columns, index % columns)
        self.layout_.addWidget(scroll_page(tiles, self.theme), 1)
        bottom = QHBoxLayout()
        bottom.setSpacing(self.theme.mm(4))
        bottom.addWidget(button(self.tr("Check the progress of an application"), self.theme,
                                self.session.open_status, name="check_status", icon=icons.action("status")), 1)
        if ctx.open_staff is not None:
            # Small, plain and in the corner, away from the tiles: for helpers, not hit by a resident by chance.
            bottom.addWidget(button(self.tr("Staff"), self.theme, ctx.open_staff, name="staff", icon="id-badge",
                                    accessible=self.tr("Staff sign-in")), 0, Qt.AlignRight | Qt.AlignBottom)
        self.layout_.addLayout(bottom)

    def _choose(self, service_id: str) -> None:
        try:
            self.session.choose_service(service_id)
        except KioskError as error:  # outreach: no helper signed in yet (kiosk/assisted_visit.py)
            self.session.show_notice("error", error)
            self.ctx.say("error", error.text(self.ctx.locale))

    def prompt(self) -> str:
        names = self.tr(", ").join(self.text(s.title) for s in self.session.catalog.services)
        return self.tr("Welcome. Touch the service you need: %1.").replace("%1", names)
