"""Camera sources: what a config value names, and the readers that open it.

`parse_source` turns the config's camera value into a `CameraSource`;
`open_frames` opens it as a `FrameSource` for the grabber thread of
`devices.camera.capture.Camera` (the only thread that touches an OpenCV capture).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import cv2
import numpy as np

from kiosk import messages
from kiosk.errors import CameraError, ConfigError

messages.register({
    "camera.unavailable": {
        "zh_CN": "摄像头暂时无法使用，工作人员可以帮您继续办理。",
        "en": "The camera is not available right now. A helper can help you go on.",
    },
    "camera.lost": {
        "zh_CN": "摄像头连接中断，正在重新连接。工作人员可以帮您继续办理。",
        "en": "The camera stopped working; reconnecting. A helper can help you go on.",
    },
})

# The still image behind the simulated camera: NASA's public-domain portrait of
# Eileen Collins (as shipped in scikit-image's sample data), framed at 640×480.
BUNDLED_STILL = Path(__file__).with_name("data") / "simulated_camera.jpg"

_STREAM_SCHEMES = {"rtsp", "rtsps", "rtmp", "http", "https", "udp", "tcp", "srt"}
_SEQUENCE_PATTERN = re.compile(r"%0?\d*d")
_MAX_DEVICE_INDEX = 63  # V4L2 allows /dev/video0…63 by default
_STREAM_TIMEOUT_MS = 5000  # open/read timeout for network streams: a stalled stream must not hang stop()


class SourceKind(str, Enum):
    DEVICE = "device"
    STREAM = "stream"
    SEQUENCE = "sequence"
    FILE = "file"
    SIMULATED = "simulated"
    NONE = "none"  # no camera fitted: face and document steps go to a helper


@dataclass(frozen=True)
class CameraSource:
    """A parsed camera source: what it is and the value OpenCV needs."""

    kind: SourceKind
    target: str | int  # device index or path, URL, pattern; "" = bundled still

    @property
    def loops(self) -> bool:
        """Files and sequences restart at the end (demos); live sources do not end."""
        return self.kind in (SourceKind.FILE, SourceKind.SEQUENCE)

    def describe(self) -> str:
        """For IT (doctor, logs): stream credentials are redacted."""
        if self.kind is SourceKind.STREAM:
            return f"stream {redact_url(str(self.target))}"
        if self.kind is SourceKind.SIMULATED:
            return f"simulated still {self.target or BUNDLED_STILL.name}"
        return f"{self.kind.value} {self.target}"


def redact_url(url: str) -> str:
    """Hide the password of `user:password@host` in a URL."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def parse_source(value: str | int) -> CameraSource:
    """Classify a config value as a device, stream, image sequence, video file or simulation."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ConfigError(key="devices.camera", problem=f"expected text or a number, got {type(value).__name__}")
    text = str(value).strip()
    if not text:
        raise ConfigError(key="devices.camera", problem="empty; use a device number, a file, a URL or 'simulated'")
    if re.fullmatch(r"-?[0-9]+", text):  # ASCII digits only: "²".isdigit() is True in Python
        index = int(text)
        if not 0 <= index <= _MAX_DEVICE_INDEX:
            raise ConfigError(key="devices.camera", problem=f"a device number is 0 to {_MAX_DEVICE_INDEX}")
        return CameraSource(SourceKind.DEVICE, index)
    if text.lower() == "none":
        return CameraSource(SourceKind.NONE, "")
    if text.lower() == "simulated":
        return CameraSource(SourceKind.SIMULATED, "")
    if text.lower().startswith("simulated:"):
        return CameraSource(SourceKind.SIMULATED, text.split(":", 1)[1].strip())
    if text.startswith("/dev/video"):
        return CameraSource(SourceKind.DEVICE, text)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in _STREAM_SCHEMES:
        return CameraSource(SourceKind.STREAM, text)
    if scheme == "file":
        text = text[len("file://"):]
    elif scheme:
        raise ConfigError(key="devices.camera", problem=f"unsupported URL scheme {scheme!r}")
    if _SEQUENCE_PATTERN.search(text):
        return CameraSource(SourceKind.SEQUENCE, text)
    return CameraSource(SourceKind.FILE, text)


class FrameSource(Protocol):
    """What the grabber reads from; owned by the grabber thread only."""

    def read(self) -> np.ndarray | None: ...
    def release(self) -> None: ...


class _CaptureSource:
    """A `cv2.VideoCapture` opened for one `CameraSource`."""

    def __init__(self, source: CameraSource, width: int, height: int) -> None:
        if source.kind is SourceKind.STREAM:
            params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, _STREAM_TIMEOUT_MS,
                      cv2.CAP_PROP_READ_TIMEOUT_MSEC, _STREAM_TIMEOUT_MS]
            cap = cv2.VideoCapture(str(source.target), cv2.CAP_FFMPEG, params)
        elif source.kind is SourceKind.SEQUENCE:
            cap = cv2.VideoCapture(str(source.target), cv2.CAP_IMAGES)
        elif source.kind is SourceKind.FILE:
            if not Path(str(source.target)).is_file():  # fail fast and clearly, before FFmpeg guesses
                raise CameraError("camera.unavailable", detail=f"video file not found: {source.target}")
            cap = cv2.VideoCapture(str(source.target))
        else:
            node = Path(f"/dev/video{source.target}" if isinstance(source.target, int) else source.target)
            if _is_linux() and not node.exists():
                # Checked here so that retrying an unplugged camera does not fill the journal
                # with OpenCV's own warnings every few seconds.
                raise CameraError("camera.unavailable", detail=f"no camera at {node}")
            cap = cv2.VideoCapture(source.target, cv2.CAP_V4L2 if _is_linux() else cv2.CAP_ANY)
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # keep the driver from queueing stale frames
        if not cap.isOpened():
            cap.release()
            raise CameraError("camera.unavailable", detail=f"cannot open {source.describe()}")
        self._cap = cap
        self.fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)

    def read(self) -> np.ndarray | None:
        ok, image = self._cap.read()
        return image if ok and image is not None and image.size else None

    def release(self) -> None:
        self._cap.release()


class _StillSource:
    """The simulated camera: the same picture every time."""

    fps = 0.0

    def __init__(self, path: Path) -> None:
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None:
            raise CameraError("camera.unavailable", detail=f"cannot read still image {path}")
        image.setflags(write=False)
        self._image = image

    def read(self) -> np.ndarray | None:
        return self._image

    def release(self) -> None:
        pass


def _is_linux() -> bool:
    return sys.platform.startswith("linux")


def open_frames(source: CameraSource, width: int = 640, height: int = 480) -> FrameSource:
    """Open `source` for reading; raises CameraError (clear message) when it cannot be opened."""
    if source.kind is SourceKind.SIMULATED:
        return _StillSource(Path(source.target) if source.target else BUNDLED_STILL)
    if source.kind is SourceKind.NONE:
        raise CameraError("camera.unavailable", detail="no camera configured (devices.camera = none)")
    return _CaptureSource(source, width, height)
