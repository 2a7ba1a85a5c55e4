"""The helpers' line about sync, on the home screen only: the centre not reached, or what is set aside.

Between residents a helper glances at the home screen; during a visit every line
of the panel belongs to the resident's task, so the line is hidden there.  It says
little (the why in full is in `waystation doctor`) and nothing when all is well.
"""

from __future__ import annotations

from kiosk.sync_status import SyncStatus
from ui.qt import Qt
from ui.theme import Theme
from ui.widgets import WrapLabel, label


class SyncLine(WrapLabel):
    @classmethod
    def make(cls, theme: Theme) -> SyncLine:
        line = label("", theme, 0.9, role="hint", name="sync_notice", align=Qt.AlignRight, kind=cls)
        line.hide()
        return line

    def restyle(self, theme: Theme) -> None:
        """The mode's text size, and the screens' side margins."""
        self.setFont(theme.font(0.9))
        self.setContentsMargins(theme.mm(4), 0, theme.mm(4), theme.mm(2))

    def show_status(self, status: SyncStatus | None, at_home: bool) -> None:
        words = self.words(status) if at_home else ""
        self.setText(words)
        self.setAccessibleName(words)
        self.setVisible(bool(words))

    def words(self, status: SyncStatus | None) -> str:
        """A few words, on one line: 'Offline · 12 waiting · 1 set aside'."""
        if status is None or not status.needs_attention:
            return ""
        parts = []
        if status.state == "offline":
            parts.append(self.tr("Offline · %1 waiting").replace("%1", str(status.waiting)))
        elif status.state == "not_central":
            parts.append(self.tr("Not the centre (login page?) · %1 waiting").replace("%1", str(status.waiting)))
        elif status.state == "stopped":
            parts.append(self.tr("Sync stopped (%1)").replace("%1", status.code))
        if status.set_aside:
            parts.append(self.tr("%1 set aside").replace("%1", str(status.set_aside)))
        return " · ".join(parts)
