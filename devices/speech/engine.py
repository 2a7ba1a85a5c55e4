"""Text-to-speech engines: text in, `Audio` out (never played here).

`EspeakCliEngine` runs `espeak-ng --stdout` as a child process per text.
pyttsx3's espeak driver (libespeak-ng inside this process, `save_to_file`)
was tried and rejected:
- its output varies from run to run for the same text: here, 20 renders of
  请把身份证放在读卡器上。 once gave 2.957 s (the last 0.75 s cut off) twelve
  times and 3.703 s eight times, another run produced an empty file; English
  renders come out 2.392 or 2.393 s at random.  The command gave the same
  audio every time (`bench/speech_latency.py --pyttsx3` compares the two;
  the truncation is intermittent and load-dependent);
- it keeps process-wide state (libespeak-ng initialised once, one synth
  callback shared by all engines), prints "Audio saved to ..." on stdout for
  every file, and assumes 22050 Hz;
- a hang cannot be timed out and a crash in the library takes the kiosk down.
A child process can be timed out and killed, has no shared state, and is what
IT can run by hand to reproduce a problem.  Rendering is ~100x faster than
real time (~15 ms for a 4 s prompt here), so the process start costs little,
and rendered audio is cached anyway.

Engines are called from one thread only (the speech worker's).
"""

from __future__ import annotations

import re
import shutil
import subprocess

from devices.speech.audio_sink import Audio
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
        return self.name


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
            return subprocess.run(
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
