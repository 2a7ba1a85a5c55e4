"""The camera interface: frames grabbed on their own thread, latest frame to listeners.

The source comes from the config as one string (or an int):

* ``0``, ``"1"``, ``"/dev/video2"`` — a camera device (V4L2 on Linux);
* ``"rtsp://…"``, ``"http://…"`` … — a network stream (FFmpeg, with timeouts);
* ``"frames/img_%04d.jpg"`` — an image sequence (printf pattern, as OpenCV reads it);
* any other path — a video file (loops, for demos, paced to its frame rate);
* ``"simulated"`` or ``"simulated:/path/to/still.jpg"`` — a still image served at a
  steady rate (the bundled one by default: the embedded default config uses it);
* ``"none"`` — no camera (`open_camera` returns None; the steps go to a helper).

Two threads per camera: the *grabber* owns the ``cv2.VideoCapture`` (OpenCV
captures are not shared between threads) and overwrites a one-frame slot; the
*dispatcher* hands the newest frame to listeners.  A slow listener (face
detection, say) therefore never makes frames queue up: frames it had no time for
are dropped, and the preview shows the present, not the past.

A camera that is missing or fails sends a `CameraEvent` with a `CameraError`
(a message a resident can read and hear) and the grabber keeps retrying with
exponential backoff, so a camera plugged back in (or a file that appears) is
picked up again without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from devices.camera.sources import (  # re-exported: the camera's public names
    BUNDLED_STILL, CameraSource, FrameSource, SourceKind, open_frames, parse_source, redact_url,
)
from kiosk.errors import CameraError

__all__ = [
    "BUNDLED_STILL", "Camera", "CameraEvent", "CameraEventKind", "CameraSource", "EventListener",
    "Frame", "FrameListener", "SimulatedCamera", "SourceKind", "open_camera", "parse_source", "redact_url",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frame:
    """One captured picture: BGR, read-only (listeners share it), with its capture time."""

    image: np.ndarray
    index: int        # counts up from 0 for the life of the camera
    timestamp: float  # time.monotonic() when grabbed


class CameraEventKind(str, Enum):
    CONNECTED = "connected"  # frames are flowing (again)
    ERROR = "error"          # missing or failed; `error` says so in words; retrying


@dataclass(frozen=True)
class CameraEvent:
    kind: CameraEventKind
    error: CameraError | None = None


FrameListener = Callable[[Frame], None]
EventListener = Callable[[CameraEvent], None]



class _LatestFrameSlot:
    """Holds only the newest frame; readers wait for one newer than they have seen."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None

    def put(self, frame: Frame) -> None:
        with self._cond:
            self._frame = frame  # overwrite: an undelivered older frame is dropped here
            self._cond.notify_all()

    def get(self) -> Frame | None:
        with self._cond:
            return self._frame

    def wait_newer(self, index: int, timeout: float) -> Frame | None:
        with self._cond:
            self._cond.wait_for(lambda: self._frame is not None and self._frame.index > index, timeout)
            frame = self._frame
            return frame if frame is not None and frame.index > index else None

    def wake(self) -> None:
        with self._cond:
            self._cond.notify_all()


class Camera:
    """A camera of any source kind; start() returns at once, work happens on two threads.

    Listeners are called on the dispatcher thread (frames) or the grabber thread
    (events); they must not block for long and must not touch widgets: the UI's
    adaptor re-posts to the GUI thread.  Frames are read-only arrays.
    """

    def __init__(self, source: CameraSource | str | int, *, width: int = 640, height: int = 480,
                 fps: float | None = None, retry_initial: float = 0.5, retry_max: float = 8.0) -> None:
        self.source = source if isinstance(source, CameraSource) else parse_source(source)
        self.width, self.height = width, height
        self.fps = fps  # pace for files/sequences/stills; None = the file's own rate (or 15)
        self.retry_initial, self.retry_max = retry_initial, retry_max
        self._frame_listeners: list[FrameListener] = []
        self._event_listeners: list[EventListener] = []
        self._lock = threading.Lock()
        self._slot = _LatestFrameSlot()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._connected = False
        self._last_error_code: str | None = None
        self._frames: FrameSource | None = None  # grabber thread only
        self._had_frames = False
        self.frames_grabbed = 0
        self.frames_delivered = 0

    # listeners -----------------------------------------------------------
    def add_frame_listener(self, listener: FrameListener) -> None:
        with self._lock:
            self._frame_listeners.append(listener)

    def remove_frame_listener(self, listener: FrameListener) -> None:
        with self._lock:
            if listener in self._frame_listeners:
                self._frame_listeners.remove(listener)

    def add_event_listener(self, listener: EventListener) -> None:
        with self._lock:
            self._event_listeners.append(listener)

    def remove_event_listener(self, listener: EventListener) -> None:
        with self._lock:
            if listener in self._event_listeners:
                self._event_listeners.remove(listener)

    # state ---------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return self._connected

    @property
    def frames_dropped(self) -> int:
        """Frames grabbed that no listener saw because a newer one came first."""
        return max(0, self.frames_grabbed - self.frames_delivered)

    def latest(self) -> Frame | None:
        """The newest frame (for a UI timer that prefers to poll), or None."""
        return self._slot.get()

    def describe(self) -> str:
        """One line for `waystation doctor` and the helper's device check."""
        state = "connected" if self._connected else "not connected"
        return f"Camera ({self.source.describe()}, {state})"

    # lifecycle -----------------------------------------------------------
    def start(self) -> None:
        """Begin grabbing on background threads. Returns at once."""
        if self._threads:
            return
        self._stop.clear()
        self._threads = [
            threading.Thread(target=self._grab_loop, name="camera-grabber", daemon=True),
            threading.Thread(target=self._dispatch_loop, name="camera-dispatcher", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 6.0) -> None:
        """Stop both threads and release the device; safe to call twice."""
        self._stop.set()
        self._slot.wake()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout)
        self._threads = []
        self._connected = False

    def __enter__(self) -> "Camera":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # grabber thread ------------------------------------------------------
    def _open(self) -> FrameSource:
        return open_frames(self.source, self.width, self.height)

    def _grab_loop(self) -> None:
        backoff = self.retry_initial
        while not self._stop.is_set():
            self._had_frames = False
            try:
                self._frames = self._open()
                self._pump()  # returns only on stop
            except CameraError as error:
                self._failed(error)
            except cv2.error as error:  # OpenCV backends can throw on odd input
                code = "camera.lost" if self._connected else "camera.unavailable"
                self._failed(CameraError(code, detail=str(error).strip()[:200]))
            finally:
                if self._frames is not None:
                    self._frames.release()
                    self._frames = None
            if self._had_frames:
                backoff = self.retry_initial  # it worked for a while: retry soon after a loss
            if not self._stop.is_set():
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.retry_max)

    def _pump(self) -> None:
        """Read frames until stop; loop files; pace non-live sources; raise on failure."""
        assert self._frames is not None
        paced = self.source.kind not in (SourceKind.DEVICE, SourceKind.STREAM)
        fps = self.fps or getattr(self._frames, "fps", 0.0) or 15.0
        period = 1.0 / max(1.0, min(fps, 120.0))
        next_due = time.monotonic()
        read_in_pass = 0
        while not self._stop.is_set():
            image = self._frames.read()
            if image is None:
                if self.source.loops and read_in_pass > 0:
                    # Reopen rather than seek: seeking is unreliable across codecs and sequences.
                    self._frames.release()
                    self._frames = None
                    self._frames = self._open()
                    read_in_pass = 0
                    continue
                raise CameraError("camera.lost" if self._connected else "camera.unavailable",
                                  detail=f"no frame from {self.source.describe()}")
            if not self._connected:
                self._connected_now()
            read_in_pass += 1
            self._had_frames = True
            self._publish(image)
            if paced:
                next_due += period
                delay = next_due - time.monotonic()
                if delay > 0:
                    self._stop.wait(delay)
                elif delay < -period:  # fell behind (slow disk, busy CPU): do not burst to catch up
                    next_due = time.monotonic()

    def _publish(self, image: np.ndarray) -> None:
        height, width = image.shape[:2]
        if width > self.width:  # large files/streams: shrink to preview size once, here
            image = cv2.resize(image, (self.width, round(height * self.width / width)), interpolation=cv2.INTER_AREA)
        if image.flags.writeable:
            image.setflags(write=False)
        self._slot.put(Frame(image, self.frames_grabbed, time.monotonic()))
        self.frames_grabbed += 1

    def _connected_now(self) -> None:
        self._connected = True
        self._last_error_code = None
        log.info("camera connected: %s", self.source.describe())
        self._emit(CameraEvent(CameraEventKind.CONNECTED))

    def _failed(self, error: CameraError) -> None:
        was_connected, self._connected = self._connected, False
        if was_connected or error.code != self._last_error_code:
            # Report changes only: a retry every few seconds must not flood the UI or the journal.
            self._last_error_code = error.code
            log.warning("camera problem: %s", error)
            self._emit(CameraEvent(CameraEventKind.ERROR, error))

    def _emit(self, event: CameraEvent) -> None:
        with self._lock:
            listeners = list(self._event_listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the camera
                log.exception("camera event listener failed")

    # dispatcher thread ---------------------------------------------------
    def _dispatch_loop(self) -> None:
        seen = -1
        while not self._stop.is_set():
            frame = self._slot.wait_newer(seen, timeout=0.25)
            if frame is None:
                continue
            seen = frame.index
            with self._lock:
                listeners = list(self._frame_listeners)
            for listener in listeners:
                try:
                    listener(frame)
                except Exception:
                    log.exception("camera frame listener failed")
            self.frames_delivered += 1


class SimulatedCamera(Camera):
    """The embedded default config's camera: a still picture at a steady rate."""

    def __init__(self, image_path: str | Path | None = None, *, fps: float = 15.0, **kwargs: object) -> None:
        super().__init__(CameraSource(SourceKind.SIMULATED, str(image_path or "")), fps=fps, **kwargs)  # type: ignore[arg-type]


def open_camera(source: str | int, **kwargs: object) -> Camera | None:
    """The camera for a config value (see the module docstring), or None for "none" (no camera)."""
    parsed = parse_source(source)
    if parsed.kind is SourceKind.NONE:
        return None
    if parsed.kind is SourceKind.SIMULATED:
        return SimulatedCamera(parsed.target or None, **kwargs)  # type: ignore[arg-type]
    return Camera(parsed, **kwargs)  # type: ignore[arg-type]
