"""Today: residents served, applications by service (guided against self-service), set aside, the
median time a visit took per service, today's 好差评 ratings; and an export as CSV with no personal
data, written owner-only to the folder shown on screen (`[helpers] export_dir`, e.g. a USB stick).
"""

from __future__ import annotations

from kiosk import today as today_mod
from ui.console.page import ConsolePage
from ui.qt import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget
from ui.widgets import button, clear_layout, label, scroll_page


class TodayPage(ConsolePage):
    page_id = "today"
    icon = "chart-column"

    def title(self) -> str:
        return self.tr("Today")

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        t = self.theme
        self.figures: today_mod.TodayFigures | None = None
        self.layout_.addWidget(label(self.tr("Today"), t, 1.15, bold=True, name="today_heading"))
        self.body = QWidget()
        self.layout_.addWidget(scroll_page(self.body, t), 1)
        self.folder = getattr(ctx, "export_dir", None)
        where = label(self.tr("CSV files go to: %1").replace("%1", str(self.folder)), t, 0.9, role="hint",
                      name="export_folder")
        self.exported = label("", t, role="notice", name="export_done")
        self.exported.hide()
        row = QHBoxLayout()
        row.setSpacing(t.mm(3))
        self.export_button = button(self.tr("Export as CSV"), t, self._export, name="export_csv", icon="file-export")
        row.addWidget(self.export_button)
        row.addWidget(self.exported, 1)
        row.addStretch(0)  # the button keeps its size while nothing has been saved yet
        self.layout_.addWidget(where)  # a line of its own: a folder's path is one long word
        self.layout_.addLayout(row)

    def refresh(self) -> None:
        self.ctx.run_store_task(today_mod.figures, self._show)

    def _show(self, figures: today_mod.TodayFigures) -> None:
        self.figures = figures
        t = self.theme
        clear_layout(self.body)
        box = QVBoxLayout(self.body)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(t.mm(2))
        summary = [
            (self.tr("Residents served"), figures.residents), (self.tr("Applications"), figures.applications),
            (self.tr("Guided by a helper"), figures.guided), (self.tr("Self-service"), figures.self_service),
            (self.tr("Set aside by the centre"), figures.set_aside),
        ]
        grid = QGridLayout()
        grid.setSpacing(t.mm(2))
        columns = 2 if self.ctx.portrait else 3
        for index, (words, count) in enumerate(summary):
            grid.addWidget(label(f"{count}  {words}", t, role="notice", name=f"today_{index}"),
                           index // columns, index % columns)
        box.addLayout(grid)
        box.addWidget(label(self.tr("By service"), t, 1.05, bold=True, name="by_service_heading"))
        if not figures.services:
            box.addWidget(label(self.tr("No application yet today."), t, name="today_empty"))
        for index, item in enumerate(figures.services):
            median = (self.tr("median %1 min").replace("%1", f"{item.median_minutes:g}")
                      if item.median_minutes is not None else self.tr("no timed visit"))
            text = (f"{self.ctx.service_title(item.service_id)}: "
                    + self.tr("%n application(s)", "", item.applications) + " "
                    + self.tr("(%1 guided, %2 self-service), %3 set aside, %4").replace(
                        "%1", str(item.guided)).replace("%2", str(item.self_service)).replace(
                        "%3", str(item.set_aside)).replace("%4", median))
            box.addWidget(label(text, t, name=f"service_{index}"))
        box.addWidget(label(self.tr("Ratings (好差评)"), t, 1.05, bold=True, name="ratings_heading"))
        levels = {"very_satisfied": self.tr("very satisfied"), "satisfied": self.tr("satisfied"),
                  "basic": self.tr("fairly satisfied"), "dissatisfied": self.tr("dissatisfied"),
                  "very_dissatisfied": self.tr("very dissatisfied")}
        box.addWidget(label(" · ".join(f"{levels.get(level, level)} {count}" for level, count
                                       in figures.ratings.items()), t, name="ratings"))
        box.addStretch(1)

    def _export(self) -> None:
        if self.figures is None or self.folder is None:
            return
        figures, folder = self.figures, self.folder
        titles = {item.service_id: self.ctx.service_title(item.service_id) for item in figures.services}

        def done(path) -> None:
            text = self.tr("Saved: %1").replace("%1", path.name)
            self.exported.setText(text)
            self.exported.setAccessibleName(text)
            self.exported.show()

        # Disk work: on the store's worker like the figures (a USB stick can be slow).
        self.ctx.run_store_task(lambda _store: today_mod.export_csv(figures, folder, titles), done)
