"""Re-emits device events (from device threads) as Qt signals delivered on the GUI thread.

The Electrum `qt_event_listener` pattern: device drivers know nothing of Qt;
this small adaptor is the only place their callbacks meet widgets.
"""

from __future__ import annotations

from ui.qt import QObject, Signal


class DeviceBridge(QObject):
    card_event = Signal(object)    # devices.card_reader.CardEvent
    camera_frame = Signal(object)  # latest camera frame (numpy array)
    camera_event = Signal(object)  # camera errors and recoveries
    speech_state = Signal(object)  # speech started / stopped / unavailable

    def attach_reader(self, reader) -> None:
        """Listen to a card reader; its events arrive as `card_event` on the GUI thread."""
        reader.add_listener(self.card_event.emit)
