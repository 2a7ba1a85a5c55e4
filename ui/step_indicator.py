"""The step indicator on every step of a service: 核验身份 → 填写信息 → 拍摄材料 → 确认提交.

The current step is marked in more than colour: a ▶, the word "now" (当前), bold
type and a filled, bordered box; finished steps carry a ✓.  Where a row of
every step has no room (elder mode on a landscape panel, in the row of Back and
Next), one line says it in words instead: "第 2 步，共 4 步：填写信息".  Which step
a screen is, and how many there are, comes from the core (kiosk/journey_steps.py).
"""

from __future__ import annotations

from kiosk import journey_steps
from kiosk.journey_steps import StepPosition
from ui.qt import QHBoxLayout, QObject, Qt, QWidget
from ui.theme import Theme
from ui.widgets import label


class StepTexts(QObject):
    """The words of the steps, in the screen's language (a QObject for its tr())."""

    def name(self, step: str) -> str:
        return {journey_steps.IDENTITY: self.tr("Identity"), journey_steps.FORM: self.tr("Your details"),
                journey_steps.PHOTOS: self.tr("Photos"), journey_steps.CONFIRM: self.tr("Confirm")}[step]

    def count(self, position: StepPosition) -> str:
        return (self.tr("Step %1 of %2").replace("%1", str(position.number))
                .replace("%2", str(position.total)))

    def sentence(self, position: StepPosition) -> str:
        """What voice guidance says before the screen's prompt: 'Step 2 of 4: your details.'"""
        return self.tr("%1: %2.").replace("%1", self.count(position)).replace(
            "%2", self.name(position.current))

    def short(self, position: StepPosition) -> str:
        """One line for a narrow row: 'Step 2 of 4: Your details'."""
        return self.tr("%1: %2").replace("%1", self.count(position)).replace("%2", self.name(position.current))

    def current(self, step: str) -> str:
        return self.tr("▶ Now: %1").replace("%1", self.name(step))


class StepIndicator(QWidget):
    def __init__(self, position: StepPosition, theme: Theme, compact: bool, with_count: bool = True) -> None:
        super().__init__()
        self.setObjectName("step_indicator")
        self.position = position
        texts = StepTexts()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.mm(1.5))
        if compact:
            row.addWidget(self._label(texts.short(position), theme, "step_text", bold=True, align=Qt.AlignCenter))
        else:
            if with_count:
                row.addWidget(self._label(texts.count(position), theme, "step_count", role="hint"))
            for index, step in enumerate(position.steps):
                if index:
                    row.addWidget(self._label("→", theme, f"step_arrow_{index}", role="hint"))
                if step == position.current:
                    part = self._label(texts.current(step), theme, f"step_{step}", bold=True, role="step_current")
                elif position.done(step):
                    part = self._label("✓ " + texts.name(step), theme, f"step_{step}")
                else:
                    part = self._label(texts.name(step), theme, f"step_{step}", role="hint")
                row.addWidget(part)
        self.setAccessibleName(texts.sentence(position))

    @staticmethod
    def _label(text: str, theme: Theme, name: str, role: str = "", bold: bool = False,
               align: Qt.AlignmentFlag = Qt.AlignLeft | Qt.AlignVCenter):
        part = label(text, theme, role=role, bold=bold, name=name, align=align)
        part.setWordWrap(False)
        return part
