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

The command that starts the helper is the composition root's choice:
`python -m devices.speech.pyttsx3_child` from source, the kiosk's own
executable with `speech-child` in the frozen build (kiosk/cli.py).
"""

from __future__ import annotations

import itertools
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import wave
from pathlib import Path

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
        self.restarts = 0  # helpers started after the first (tests and doctor read it)
        self._proc: subprocess.Popen[bytes] | None = None
        self._started_once = False
        self._buffer = b""
        self._lock = threading.Lock()
        self._dir = Path(tempfile.mkdtemp(prefix="waystation-pyttsx3-"))  # 0700: renders may be personal
        self._names = itertools.count()
        self._stderr = self._dir / "helper-stderr.txt"

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
        with self._lock:
            self._stop_helper()
        shutil.rmtree(self._dir, ignore_errors=True)

    # --- the helper -------------------------------------------------------------------

    def _ask(self, request: dict, timeout: float) -> dict:
        """Send one request and wait for its answer; raises SpeechError (never anything else)."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start_helper()
                timeout = max(timeout, self.start_timeout)
            assert self._proc is not None and self._proc.stdin is not None
            try:
                self._proc.stdin.write((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8"))
                self._proc.stdin.flush()
                line = self._read_line(time.monotonic() + timeout)
            except TimeoutError:
                self._stop_helper()
                raise SpeechError("speech.engine_failed",
                                  detail=f"pyttsx3 took longer than {timeout:.0f} s (helper restarted)") from None
            except (OSError, EOFError):
                status = self._stop_helper()
                raise SpeechError("speech.engine_failed",
                                  detail=f"pyttsx3 helper exited ({status}): {self._stderr_tail()}") from None
        try:
            answer = json.loads(line)
        except ValueError:
            answer = {"ok": False, "error": "pyttsx3 helper answered garbage"}
        if not answer.get("ok"):
            error = str(answer.get("error") or "failed")
            code = "speech.no_engine" if error.startswith("pyttsx3 could not start") else "speech.engine_failed"
            raise SpeechError(code, detail=error)
        return answer

    def _start_helper(self) -> None:
        if self._started_once:
            self.restarts += 1
        self._started_once = True
        self._buffer = b""
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        try:
            with open(self._stderr, "wb") as stderr:
                self._proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                              stderr=stderr, env=env)
        except OSError as exc:
            self._proc = None
            raise SpeechError("speech.no_engine", detail=f"pyttsx3 helper: {exc}") from exc

    def _stop_helper(self) -> str:
        """Kill the helper if it runs; its exit status in words."""
        proc, self._proc = self._proc, None
        if proc is None:
            return "not running"
        if proc.poll() is None:
            proc.kill()
        status = proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            try:
                if pipe:
                    pipe.close()
            except OSError:
                pass
        return f"status {status}"

    def _read_line(self, deadline: float) -> str:
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            data = os.read(fd, 65536)
            if not data:
                raise EOFError
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _stderr_tail(self) -> str:
        try:
            lines = [ln.strip() for ln in self._stderr.read_text("utf-8", "replace").splitlines() if ln.strip()]
        except OSError:
            return "no message"
        return lines[-1][:200] if lines else "no message"
