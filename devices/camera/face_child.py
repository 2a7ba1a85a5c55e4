"""The face child: dlib's face matcher in a long-lived helper process, both ends.

dlib's Python binding keeps the GIL during each call (~100 ms for a HOG pass or a
descriptor, ~0.5 s to read the models), so in the kiosk's process it held the GUI
thread up that long.  Here it runs in a helper (devices/helper_process.py, as
pyttsx3 does): `ChildModels` is the kiosk's side, with the same `load` /
`distance` as `face_dlib.DlibModels`, which is what the child runs.

Started as `python -m devices.camera.face_child --models DIR` from source, or in
the frozen build as `waystation face-child --models DIR` (kiosk/cli.py hands that
over here before parsing any other command).

Protocol: one JSON object a line on stdin, one answer a line on stdout; every
answer carries the child's `pid`.
- `{"op": "ping"}` -> `{"ok": true}`
- `{"op": "load"}` -> `{"ok": true, "dlib": "20.0.0"}`, or `{"ok": false, "error": "models",
  "path": P, "problem": ...}` when a model file cannot be read
- `{"op": "compare", "live": B64, "card": B64}` (the encoded photos, base64) ->
  `{"ok": true, "distance": D, "score": S}`, both null when a photo is not a picture or
  shows no face.  The kiosk decides with its thresholds.
Photos are personal data: they come over the pipe only (never a file), and are
never logged or echoed; an error answer names the exception, not the input.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
from pathlib import Path

from devices.helper_process import HelperFailed, HelperProcess, protocol_out, serve
from kiosk import messages
from kiosk.errors import ConfigError, DeviceError

CHILD_MODULE = "devices.camera.face_child"
FACE_CHILD = "face-child"  # the frozen build's hidden command (kiosk/cli.py)

messages.register({
    "face_match.child_failed": {
        "zh_CN": "人脸比对进程出错：{problem}",
        "en": "The face matching process failed: {problem}",
    },
})


def child_command(directory: Path) -> list[str]:
    """How to start the face child: the frozen kiosk runs itself with `face-child`."""
    if getattr(sys, "frozen", False):
        argv = [sys.executable, FACE_CHILD]
    else:
        argv = [sys.executable, "-m", CHILD_MODULE]
    return argv + ["--models", str(directory)]


class ChildModels:
    """The kiosk's side: dlib's models in the face child, asked over its pipe."""

    def __init__(self, directory: Path, timeout: float = 5.0, start_timeout: float = 20.0,
                 command: list[str] | None = None) -> None:
        self.directory = directory
        self.timeout = timeout  # a comparison takes ~0.2 s; the first also waits for start-up (start_timeout)
        self.helper = HelperProcess(command or child_command(directory), "face matching", start_timeout)
        self.version = ""
        self.pid: int | None = None  # the process that answered last (tests: never this one)
        self._load_error: ConfigError | None = None

    def load(self) -> None:
        """Have the child read the models; ConfigError (models) or DeviceError (the process) if it cannot."""
        if self._load_error is not None:  # a damaged file stays damaged: not read again for each resident
            raise self._load_error
        answer = self._ask({"op": "load"})
        self.version = str(answer.get("dlib", ""))

    def distance(self, live_photo: bytes, card_photo: bytes) -> tuple[float, float] | None:
        """As `DlibModels.distance`, computed in the child."""
        if self._load_error is not None:
            raise self._load_error
        answer = self._ask({"op": "compare", "live": base64.b64encode(live_photo).decode("ascii"),
                            "card": base64.b64encode(card_photo).decode("ascii")})
        if answer.get("distance") is None:
            return None
        return float(answer["distance"]), float(answer["score"])

    def ping(self) -> int:
        """The child's process id (it is started if need be)."""
        return int(self._ask({"op": "ping"})["pid"])

    def close(self) -> None:
        self.helper.close()

    def _ask(self, request: dict) -> dict:
        try:
            answer = self.helper.ask(request, self.timeout)
        except HelperFailed as failed:
            raise DeviceError("face_match.child_failed", problem=failed.detail) from None
        self.pid = answer.get("pid", self.pid)
        if answer.get("ok"):
            return answer
        if answer.get("error") == "models":
            self._load_error = ConfigError("face_match.models_unusable", path=str(answer.get("path", "")),
                                           problem=str(answer.get("problem", "")))
            raise self._load_error
        raise DeviceError("face_match.child_failed", problem=str(answer.get("error") or "failed")[:200])


def answer(models, request: dict) -> dict:  # noqa: ANN001 (a face_dlib.DlibModels)
    """The answer to one request (never raises; never echoes a photo)."""
    pid = os.getpid()
    try:
        op = request.get("op")
        if op == "ping":
            return {"ok": True, "pid": pid}
        if op == "load":
            models.load()
            return {"ok": True, "pid": pid, "dlib": models.version}
        if op == "compare":
            live, card = (base64.b64decode(request[key], validate=True) for key in ("live", "card"))
            measured = models.distance(live, card)
            distance, score = measured if measured is not None else (None, None)
            return {"ok": True, "pid": pid, "distance": distance, "score": score}
        return {"ok": False, "pid": pid, "error": f"unknown op {op!r}"}
    except ConfigError as error:
        return {"ok": False, "pid": pid, "error": "models", **{k: str(v) for k, v in error.params.items()}}
    except Exception as exc:  # noqa: BLE001 - the child answers every request; the kiosk decides
        return {"ok": False, "pid": pid, "error": type(exc).__name__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"waystation {FACE_CHILD}", description=__doc__.splitlines()[0])
    parser.add_argument("--models", required=True, help="folder with the two dlib model files")
    args = parser.parse_args(argv)
    out = protocol_out()
    from devices.camera.face_dlib import DlibModels

    models = DlibModels(Path(args.models))
    serve(lambda request: answer(models, request), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
