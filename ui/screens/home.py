"""Home: a few large service tiles from the catalog."""

from __future__ import annotations

from ui.qt import QGridLayout, QSizePolicy, QWidget
from ui.screens.base import Context, Screen
from ui.widgets import button, label, scroll_page


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
        columns = 1 if (ctx.portrait and self.theme.elder) else 2 if (ctx.portrait or self.theme.elder) else 3
        for index, service in enumerate(self.session.catalog.services):
            tile = button(self.text(service.title), self.theme, lambda s=service.id: self.session.choose_service(s),
                          factor=1.15, name=f"tile_{service.id}")
            tile.setToolTip(self.text(service.summary))
            tile.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
            tile.setMinimumHeight(self.theme.mm(self.theme.target_mm * (1.6 if self.theme.elder else 1.8)))
            grid.addWidget(tile, index // columns, index % columns)
        self.layout_.addWidget(scroll_page(tiles, self.theme), 1)
        self.layout_.addWidget(button(self.tr("Check the progress of an application"), self.theme,
                                      self.session.open_status, name="check_status"))

    def prompt(self) -> str:
        names = self.tr(", ").join(self.text(s.title) for s in self.session.catalog.services)
        return self.tr("Welcome. Touch the service you need: %1.").replace("%1", names)
