"""Live camera preview with on-frame analysis, for the face step.

Frames arrive on the camera's delivery thread; the analysis (face quality,
liveness) runs there too, and only small results cross to the GUI thread as
queued signals.  The view stops listening when its screen goes away.
"""

from __future__ import annotations

import cv2

from ui.qt import QImage, QLabel, QObject, QPixmap, Qt, Signal


class _Relay(QObject):
    frame = Signal(object)      # QImage, scaled for display
    guidance = Signal(str)      # words for the resident
    finished = Signal(object)   # the analysis result (e.g. LivenessResult)
    event = Signal(object)      # devices.camera.CameraEvent: failed / back


class CameraView(QLabel):
    """Shows the camera's latest frame; `analyse(frame_image, timestamp)` runs on the camera thread
    and returns (guidance text, finished result or None)."""

    def __init__(self, camera, analyse, on_guidance, on_finished, height_px: int, on_event=None) -> None:
        super().__init__()
        self.setObjectName("camera_view")
        self.setAlignment(Qt.AlignCenter)
        self.setMinimumHeight(height_px)
        self.setAccessibleName(self.tr("Camera picture"))
        self.camera, self.analyse, self.height_px = camera, analyse, height_px
        self.relay = _Relay()
        self.relay.frame.connect(self._show)
        self.relay.guidance.connect(on_guidance)
        self.relay.finished.connect(on_finished)
        self.active = True
        self.done = False
        self._last_guidance = ""
        if on_event is not None:
            self.relay.event.connect(on_event)
        camera.add_frame_listener(self._on_frame)
        camera.add_event_listener(self._on_event)

    def close_view(self) -> None:
        self.active = False
        self.camera.remove_frame_listener(self._on_frame)
        self.camera.remove_event_listener(self._on_event)

    def _on_event(self, event) -> None:  # camera thread: unplugged, failing, or back
        if self.active:
            self.relay.event.emit(event)

    def _on_frame(self, frame) -> None:  # camera thread
        if not self.active:
            return
        if not self.done:
            guidance, finished = self.analyse(frame.image, frame.timestamp)
            if guidance and guidance != self._last_guidance:
                self._last_guidance = guidance
                self.relay.guidance.emit(guidance)
            if finished is not None:
                self.done = True
                self.relay.finished.emit(finished)
        rgb = cv2.cvtColor(frame.image, cv2.COLOR_BGR2RGB)
        image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format_RGB888)
        self.relay.frame.emit(image.scaledToHeight(self.height_px, Qt.SmoothTransformation))  # copies the pixels

    def _show(self, image: QImage) -> None:
        if self.active:
            self.setPixmap(QPixmap.fromImage(image))


def frame_jpeg(camera) -> bytes | None:
    """The camera's latest frame as JPEG, or None when there is no picture."""
    frame = camera.latest() if camera is not None else None
    if frame is None:
        return None
    ok, data = cv2.imencode(".jpg", frame.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return data.tobytes() if ok else None


def document_jpeg(camera) -> bytes | None:
    """The latest frame with the page found and straightened (the whole frame if no page is found)."""
    from devices.document_photo import correct_perspective, encode_jpeg, find_page

    frame = camera.latest() if camera is not None else None
    if frame is None:
        return None
    corners = find_page(frame.image)
    image = correct_perspective(frame.image, corners) if corners is not None else frame.image
    return encode_jpeg(image)
