"""Receipt QR codes shown to the camera on the home and status screens open the status look-up.

Scanning runs on the camera's delivery thread (every 3rd frame); only the
decoded text crosses to the GUI thread, where the core checks it (prefix and
check digits) before anything is looked up.
"""

from __future__ import annotations

import threading

from ui.qt import QObject, Signal


class QrWatch(QObject):
    scanned = Signal(str)

    def __init__(self, camera) -> None:
        super().__init__()
        from devices.camera.qr_scan import QrScanner

        self.camera = camera
        self.scanner = QrScanner(every_nth=3)
        self._lock = threading.Lock()
        self._active = False
        camera.add_frame_listener(self._on_frame)

    def set_active(self, active: bool) -> None:
        with self._lock:
            if active and not self._active:
                self.scanner.reset()
            self._active = active

    def _on_frame(self, frame) -> None:  # camera thread
        with self._lock:
            if not self._active:
                return
            text = self.scanner.feed(frame.image)
        if text:
            self.scanned.emit(text)

    def close(self) -> None:
        self.set_active(False)
        self.camera.remove_frame_listener(self._on_frame)
