"""Text-to-speech engines: text in, `Audio` out (never played here).

Two engines, chosen with `devices.speech` in the station config:
- `EspeakCliEngine` ("espeak-ng", the default on Linux) runs `espeak-ng --stdout`
  as a child process per text.
- `Pyttsx3Engine` ("pyttsx3", devices/speech/pyttsx3_engine.py) runs pyttsx3 in
  one long-lived helper process, for stations whose system voices are not
  espeak-ng (pyttsx3's other drivers).

Why never pyttsx3 inside the kiosk's own process:
- it keeps process-wide state (libespeak-ng initialised once, one synth
  callback shared by all engines) and prints "Audio saved to ..." on stdout;
- a hang cannot be timed out and a crash in the library takes the kiosk down;
- pyttsx3 2.99's espeak driver cut the last buffer (up to 0.75 s) off some
  renders: 20 renders of 请把身份证放在读卡器上。 gave 2.957 s twelve times and
  3.703 s eight times.  The helper fixes that (pyttsx3_child.py), and
  `bench/speech_latency.py --pyttsx3` checks that both engines give one duration.
A child process can be timed out and killed, has no shared state, and is what
IT can run by hand to reproduce a problem.  espeak-ng renders ~100x faster
than real time (~15 ms for a 4 s prompt here), so a process per text costs
little, and rendered audio is cached anyway.

Engines are called from one thread only (the speech worker's).
"""

from __future__ import annotations

import re
import shutil
import subprocess

from devices.speech.audio_sink import Audio
from kiosk import system_programs
from kiosk.errors import SpeechError


class SpeechEngine:
    """Renders text with a voice at a rate (words per minute)."""

    name = "engine"

    def check(self) -> str | None:
        """A problem in words for IT, or None when the engine can render."""
        return None

    def check_voice(self, voice: str) -> str | None:
        """A problem with one voice, or None when it exists."""
        return None

    def render(self, text: str, voice: str, rate: int) -> Audio:
        """Speech for `text`; raises SpeechError (never anything else)."""
        raise NotImplementedError

    def describe(self) -> str:
        """Name and version: part of the cache key, so another engine or an upgrade re-renders."""
        return self.name

    def close(self) -> None:
        """Release what the engine holds (a helper process); the Speaker calls it on close."""


class EspeakCliEngine(SpeechEngine):
    """espeak-ng run as a command (`espeak-ng -v VOICE -s RATE --stdout`).

    The text goes in on stdin, so it is never parsed as an option and has no
    command-line length limit.  The executable is looked up on PATH at each
    call: installing espeak-ng while the kiosk runs brings speech back."""

    name = "espeak-ng"

    def __init__(self, executable: str = "espeak-ng", timeout: float = 10.0) -> None:
        self.executable = executable
        self.timeout = timeout
        self.version = ""

    def _exe(self) -> str:
        exe = shutil.which(self.executable)
        if exe is None:
            raise SpeechError("speech.no_engine", detail=f"{self.executable} not found on PATH (install espeak-ng)")
        return exe

    def _run(self, argv: list[str], text: str = "", timeout: float | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return system_programs.run(
                [self._exe(), *argv], input=text.encode("utf-8"), capture_output=True, timeout=timeout or self.timeout
            )
        except subprocess.TimeoutExpired as exc:  # run() has killed the child already
            raise SpeechError("speech.engine_failed", detail=f"espeak-ng took longer than {exc.timeout:.0f} s") from exc
        except OSError as exc:
            raise SpeechError("speech.engine_failed", detail=f"espeak-ng: {exc}") from exc

    def check(self) -> str | None:
        try:
            result = self._run(["--version"], timeout=5)
        except SpeechError as exc:
            return exc.detail
        if result.returncode != 0:
            return _tail(result.stderr) or f"espeak-ng --version exited with {result.returncode}"
        found = re.search(r"\d+\.\d+[\w.\-]*", result.stdout.decode("utf-8", "replace"))
        self.version = f"espeak-ng {found.group(0)}" if found else "espeak-ng"
        return None

    def check_voice(self, voice: str) -> str | None:
        try:  # a missing voice exits 1 with a message, or renders nothing
            self._synthesise("a", voice, 175)
        except SpeechError as exc:
            return exc.detail
        return None

    def render(self, text: str, voice: str, rate: int) -> Audio:
        return self._synthesise(text, voice, rate)

    def _synthesise(self, text: str, voice: str, rate: int) -> Audio:
        # -b 1: input is UTF-8.  A long text gets more time (about 1 s per 500 chars).
        timeout = max(self.timeout, len(text) / 500)
        result = self._run(["-v", voice, "-s", str(int(rate)), "-b", "1", "--stdout"], text=text, timeout=timeout)
        if result.returncode != 0 or not result.stdout:
            raise SpeechError(
                "speech.engine_failed",
                detail=f"voice {voice}: {_tail(result.stderr) or f'exit status {result.returncode}'}",
            )
        return Audio.from_wav_bytes(result.stdout)

    def describe(self) -> str:
        return self.version or self.name


def _tail(stderr: bytes | None) -> str:
    lines = [ln.strip() for ln in (stderr or b"").decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1] if lines else ""
