"""A box to sign in with a finger: it draws the strokes as they come and hands them over in millimetres.

The strokes become a `kiosk.signature.Signature` (checked and drawn into a PNG by the core), so
what is kept does not depend on this widget's pixels.  A touch is a mouse press for Qt (touch
events are turned into mouse events for a widget that does not take them itself), so a finger, a
stylus and a mouse all sign.  The strokes are personal: `clear()` drops them, and the screen that
holds the pad is rebuilt (and this widget deleted) as soon as the signature is used or abandoned.
"""

from __future__ import annotations

from kiosk.signature import Signature
from ui.qt import QColor, QFrame, QPainter, QPointF, Qt, Signal
from ui.theme import Theme


class SignaturePad(QFrame):
    changed = Signal()  # a stroke was drawn or the pad cleared

    def __init__(self, theme: Theme, height_mm: float, prompt: str) -> None:
        super().__init__()
        self.setObjectName("signature_pad")
        self.theme = theme
        self.prompt = prompt
        self.setMinimumHeight(theme.mm(height_mm))
        self.setMaximumHeight(theme.mm(height_mm))
        self.setMinimumWidth(theme.mm(60))
        self.setAccessibleName(prompt)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAttribute(Qt.WA_StaticContents, True)
        self._strokes: list[list[tuple[float, float]]] = []

    # -- input ---------------------------------------------------------------------------------

    def _mm(self, event) -> tuple[float, float]:
        point = event.position()
        return point.x() / self.theme.px_per_mm, point.y() / self.theme.px_per_mm

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if event.button() == Qt.LeftButton:
            self._strokes.append([self._mm(event)])
            self.update()
        event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.LeftButton and self._strokes:
            self._strokes[-1].append(self._mm(event))
            self.update()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton and self._strokes:
            self._strokes[-1].append(self._mm(event))
            self.update()
            self.changed.emit()
        event.accept()

    # -- what it holds ---------------------------------------------------------------------------

    def add_stroke(self, points_mm: list[tuple[float, float]]) -> None:
        """Draw a stroke given in mm (the gallery's sample signature)."""
        self._strokes.append(list(points_mm))
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not self._strokes

    def signature(self) -> Signature:
        """What was drawn, for the core to check and keep."""
        return Signature(self.width() / self.theme.px_per_mm, self.height() / self.theme.px_per_mm,
                         tuple(tuple(stroke) for stroke in self._strokes))

    def clear(self) -> None:
        self._strokes.clear()
        self.update()
        self.changed.emit()

    # -- drawing ---------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        colours = self.theme.colours
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        pen = painter.pen()
        pen.setColor(QColor(colours.border))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        base = self.height() - self.theme.mm(8)  # a line to sign on, with a cross at its start
        pen.setStyle(Qt.DashLine)
        painter.setPen(pen)
        painter.drawLine(self.theme.mm(6), base, self.width() - self.theme.mm(6), base)
        if not self._strokes:
            painter.setPen(QColor(colours.muted))
            painter.setFont(self.theme.font(1.0))
            painter.drawText(self.rect().adjusted(self.theme.mm(6), 0, -self.theme.mm(6), -self.theme.mm(10)),
                             Qt.AlignCenter | Qt.TextWordWrap, "✕  " + self.prompt)
        ink = painter.pen()
        ink.setStyle(Qt.SolidLine)
        ink.setColor(QColor("#000000"))
        ink.setWidthF(max(2.0, self.theme.px_per_mm * 0.6))
        ink.setCapStyle(Qt.RoundCap)
        ink.setJoinStyle(Qt.RoundJoin)
        painter.setPen(ink)
        scale = self.theme.px_per_mm
        for stroke in self._strokes:
            points = [QPointF(x * scale, y * scale) for x, y in stroke]
            if len(points) == 1:
                painter.drawPoint(points[0])
            else:
                painter.drawPolyline(points)
        painter.end()
