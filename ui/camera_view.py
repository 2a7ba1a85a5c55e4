"""Live camera preview with on-frame analysis, for the face and document steps.

Frames arrive on the camera's delivery thread; the analysis (face quality,
liveness, page finding) runs there too, and only small results cross to the GUI
thread as queued signals.  Only the newest picture waits for the GUI: a busy GUI
thread skips frames instead of queuing them.  The view stops listening when its
screen goes away.
"""

from __future__ import annotations

import threading

import cv2

from ui.qt import QImage, QLabel, QObject, QPixmap, Qt, Signal


class _Relay(QObject):
    frame_ready = Signal()      # a newer picture waits in CameraView._latest
    guidance = Signal(str)      # words for the resident
    finished = Signal(object)   # the analysis result (e.g. LivenessResult)
    event = Signal(object)      # devices.camera.capture.CameraEvent: failed / back


class CameraView(QLabel):
    """Shows the camera's latest frame; `analyse(frame_image, timestamp)` runs on the camera thread
    and returns (guidance text, finished result or None).  `decorate(image)`, also on the camera
    thread, may return a copy with marks drawn on it (a guide frame, the page found)."""

    def __init__(self, camera, analyse, on_guidance, on_finished, height_px: int, on_event=None,
                 decorate=None) -> None:
        super().__init__()
        self.setObjectName("camera_view")
        self.setAlignment(Qt.AlignCenter)
        self.setMinimumHeight(height_px)
        self.setAccessibleName(self.tr("Camera picture"))
        self.camera, self.analyse, self.decorate, self.height_px = camera, analyse, decorate, height_px
        self.relay = _Relay()
        self.relay.frame_ready.connect(self._show)
        self.relay.guidance.connect(on_guidance)
        self.relay.finished.connect(on_finished)
        self.active = True
        self.done = False
        self.frames_shown = 0
        self._last_guidance = ""
        # The newest picture and whether the GUI has been told of it: one picture at most waits.
        self._lock = threading.Lock()
        self._latest: QImage | None = None
        self._pending = False
        if on_event is not None:
            self.relay.event.connect(on_event)
        on_frame, on_event_ = self._on_frame, self._on_event
        camera.add_frame_listener(on_frame)
        camera.add_event_listener(on_event_)
        # Deleted with its screen without close_view(): the camera must not keep calling into it.
        self.destroyed.connect(lambda *_: (camera.remove_frame_listener(on_frame),
                                           camera.remove_event_listener(on_event_)))

    def close_view(self) -> None:
        self.active = False
        self.camera.remove_frame_listener(self._on_frame)
        self.camera.remove_event_listener(self._on_event)
        with self._lock:
            self._latest = None

    def pause(self) -> None:
        """Stop analysing (the picture keeps moving); `resume()` starts again."""
        self.done = True

    def resume(self) -> None:
        self._last_guidance = ""
        self.done = False

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
        picture = self.decorate(frame.image) if self.decorate is not None else frame.image
        rgb = cv2.cvtColor(picture, cv2.COLOR_BGR2RGB)
        image = QImage(rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format_RGB888)
        scaled = image.scaledToHeight(self.height_px, Qt.SmoothTransformation)  # copies the pixels
        with self._lock:
            self._latest = scaled  # an older picture the GUI has not shown yet is dropped here
            tell, self._pending = not self._pending, True
        if tell:
            self.relay.frame_ready.emit()

    def _show(self) -> None:  # GUI thread
        with self._lock:
            image, self._latest, self._pending = self._latest, None, False
        if self.active and image is not None:
            self.setPixmap(QPixmap.fromImage(image))
            self.frames_shown += 1


GUIDE_COLOUR = (255, 255, 255)   # BGR: the frame to lay the page in
FOUND_COLOUR = (0, 200, 255)     # amber: a page is seen, not yet still
STEADY_COLOUR = (80, 200, 0)     # green: still and sharp, about to be taken


def draw_document_guide(image, step):
    """A copy of the frame with the guide box, the page outline found and the progress towards the photo."""
    import numpy as np

    from devices.camera.document_photo import CaptureState, guide_box

    picture = image.copy()
    height, width = picture.shape[:2]
    box = guide_box(width, height)
    thick = max(2, width // 200)
    cv2.rectangle(picture, (box.x, box.y), (box.x + box.w, box.y + box.h), GUIDE_COLOUR, thick)
    if step is not None and step.page is not None:
        steady = step.state != CaptureState.SEARCHING
        colour = STEADY_COLOUR if steady else FOUND_COLOUR
        cv2.polylines(picture, [np.asarray(step.page, dtype=np.int32).reshape(-1, 1, 2)], True, colour, thick + 1)
        if steady and step.progress > 0:  # a bar filling along the guide box's bottom edge
            end = box.x + int(box.w * min(1.0, step.progress))
            cv2.line(picture, (box.x, box.y + box.h), (end, box.y + box.h), STEADY_COLOUR, thick * 3)
    return picture


def frame_jpeg(camera) -> bytes | None:
    """The camera's latest frame as JPEG, or None when there is no picture."""
    frame = camera.latest() if camera is not None else None
    if frame is None:
        return None
    ok, data = cv2.imencode(".jpg", frame.image, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return data.tobytes() if ok else None


def document_jpeg(camera) -> bytes | None:
    """The latest frame with the page found and straightened (the whole frame if no page is found)."""
    from devices.camera.document_photo import correct_perspective, encode_jpeg, find_page

    frame = camera.latest() if camera is not None else None
    if frame is None:
        return None
    corners = find_page(frame.image)
    image = correct_perspective(frame.image, corners) if corners is not None else frame.image
    return encode_jpeg(image)
