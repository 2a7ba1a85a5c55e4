"""A small window of simulated-device controls for `waystation run --windowed` (development only)."""

from __future__ import annotations

from kiosk.identity import mask_name
from ui.qt import QPushButton, QVBoxLayout, QWidget


class DevPanel(QWidget):
    def __init__(self, reader) -> None:
        super().__init__()
        self.setWindowTitle("Waystation: simulated devices")
        layout = QVBoxLayout(self)
        for index, card in enumerate(reader.cards):
            text = f"Place card {index + 1}: {mask_name(card.name)} ({card.kind.value}{', expired' if card.is_expired() else ''})"
            layout.addWidget(self._button(text, lambda i=index: reader.present(i)))
        layout.addWidget(self._button("Remove card", reader.remove))
        layout.addWidget(self._button("Card moved away mid-read", reader.fail))
        layout.addWidget(self._button("Unplug reader", reader.unplug))
        layout.addWidget(self._button("Plug reader back in", reader.replug))

    @staticmethod
    def _button(text: str, action) -> QPushButton:
        widget = QPushButton(text)
        widget.setAccessibleName(text)
        widget.clicked.connect(lambda _=False: action())
        return widget
