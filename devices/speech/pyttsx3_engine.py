"""pyttsx3 as a speech engine, run in one long-lived helper process.

For stations whose system voices are not espeak-ng (pyttsx3's other drivers),
chosen with `devices.speech = "pyttsx3"`.  pyttsx3 itself never runs in the
kiosk's process (the reasons are in devices/speech/engine.py): the helper
(devices/speech/pyttsx3_child.py) renders each text to a WAV file in a private
folder, the engine reads it back as `Audio`, and the `Speaker` caches and plays
it as it does the espeak-ng command's audio (so stopping within 100 ms is
still the audio sink's job).

The helper is started on first use and kept: loading pyttsx3 and its driver
costs more than a render.  A helper that exits is started again on the next
request; one that takes longer than the time limit is killed, the request
fails with `speech.engine_failed` (the Speaker's health record shows it to
IT and helpers), and the next request starts a fresh helper.

The helper process itself (start, restart, time limit) is devices/helper_process.py,
shared with dlib's face child.  The command that starts it is the composition root's choice:
`python -m devices.speech.pyttsx3_child` from source, the kiosk's own
executable with `speech-child` in the frozen build (kiosk/cli.py).
"""

from __future__ import annotations

import itertools
import shutil
import sys
import tempfile
import wave
from pathlib import Path

from devices.helper_process import HelperFailed, HelperProcess
from devices.speech.audio_sink import Audio
from devices.speech.engine import SpeechEngine
from kiosk.errors import SpeechError

CHILD_MODULE = "devices.speech.pyttsx3_child"


def child_command(driver: str | None = None) -> list[str]:
    """How to start the helper: the frozen kiosk runs itself with `speech-child`."""
    if getattr(sys, "frozen", False):
        argv = [sys.executable, "speech-child"]
    else:
        argv = [sys.executable, "-m", CHILD_MODULE]
    return argv + (["--driver", driver] if driver else [])


class Pyttsx3Engine(SpeechEngine):
    """Renders through a pyttsx3 helper process, restarted when it dies or hangs."""

    name = "pyttsx3"

    def __init__(self, driver: str | None = None, timeout: float = 10.0, command: list[str] | None = None,
                 start_timeout: float = 15.0) -> None:
        self.command = command or child_command(driver)
        self.timeout = timeout
        self.start_timeout = start_timeout  # the first answer also waits for pyttsx3 to load
        self.version = ""
        self.helper = HelperProcess(self.command, "pyttsx3", start_timeout)
        self._dir = Path(tempfile.mkdtemp(prefix="waystation-pyttsx3-"))  # 0700: renders may be personal
        self._names = itertools.count()

    @property
    def restarts(self) -> int:
        """Helpers started after the first (tests and doctor read it)."""
        return self.helper.restarts

    # --- the SpeechEngine interface ---------------------------------------------------

    def check(self) -> str | None:
        try:
            answer = self._ask({"op": "check"}, self.start_timeout)
        except SpeechError as exc:
            return exc.detail
        self.version = answer.get("describe", "")
        return None

    def check_voice(self, voice: str) -> str | None:
        try:
            self._ask({"op": "voice", "voice": voice}, self.start_timeout)
        except SpeechError as exc:
            return exc.detail
        return None

    def render(self, text: str, voice: str, rate: int) -> Audio:
        path = self._dir / f"render-{next(self._names)}.wav"
        timeout = max(self.timeout, len(text) / 500)  # a long text gets more time, as with espeak-ng
        try:
            self._ask({"op": "render", "text": text, "voice": voice, "rate": int(rate), "path": str(path)}, timeout)
            return Audio.read_wav(path)
        except (OSError, EOFError, ValueError, wave.Error) as exc:  # a file the helper did not finish
            raise SpeechError("speech.engine_failed", detail=f"voice {voice}: unreadable render ({exc})") from exc
        finally:
            path.unlink(missing_ok=True)

    def describe(self) -> str:
        return self.version or self.name

    def close(self) -> None:
        """Stop the helper and remove its folder."""
        self.helper.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _ask(self, request: dict, timeout: float) -> dict:
        """Send one request and wait for its answer; raises SpeechError (never anything else)."""
        try:
            answer = self.helper.ask(request, timeout)
        except HelperFailed as failed:
            code = "speech.no_engine" if failed.kind == "start" else "speech.engine_failed"
            raise SpeechError(code, detail=failed.detail) from None
        if not answer.get("ok"):
            error = str(answer.get("error") or "failed")
            code = "speech.no_engine" if error.startswith("pyttsx3 could not start") else "speech.engine_failed"
            raise SpeechError(code, detail=error)
        return answer
