"""Rendered speech audio and the sinks that play it.

`Audio` is mono 16-bit PCM as espeak-ng renders it.  A sink receives it in
small chunks (about 20 ms) from the speech worker thread, which paces the
writes in real time; that is what lets speech stop within one chunk: the
worker checks for a stop between chunks, and `abort()` drops whatever the
sink has already buffered.

Sinks:
- `AplaySink`: pipes PCM into an `aplay` child process (alsa-utils).  A child
  process is the simplest thing that can be silenced at once from any thread
  (kill it: ALSA drops its buffer when the device is closed) and whose crash or
  hang cannot take the kiosk down.  Works with PipeWire/PulseAudio through
  their ALSA plugins.
- `NullSink`: discards (no sound device); playback still takes real time so
  "speaking" means the same thing with and without sound.
- `RecordingSink`: a test double that records what it was given and when.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kiosk import system_programs
from kiosk.errors import SpeechError

CHUNK_SECONDS = 0.02  # 20 ms: the granularity of stop and of volume changes


@dataclass(frozen=True)
class Audio:
    """Mono signed 16-bit little-endian PCM at `rate` frames per second."""

    pcm: bytes
    rate: int = 22050

    @property
    def frames(self) -> int:
        return len(self.pcm) // 2

    @property
    def duration(self) -> float:
        return self.frames / self.rate if self.rate else 0.0

    def chunks(self, seconds: float = CHUNK_SECONDS) -> list[bytes]:
        """The PCM cut into pieces of `seconds` (the last may be shorter)."""
        size = max(2, int(self.rate * seconds) * 2)
        return [self.pcm[i : i + size] for i in range(0, len(self.pcm), size)]

    @classmethod
    def from_wav_bytes(cls, data: bytes) -> "Audio":
        """Parse a WAV file.  espeak-ng's `--stdout` header carries a bogus
        length (it is streamed), so read whatever frames are really there."""
        try:
            with wave.open(io.BytesIO(data)) as wav:
                if wav.getsampwidth() != 2:
                    raise SpeechError("speech.engine_failed", detail=f"unsupported sample width {wav.getsampwidth()}")
                channels, rate = wav.getnchannels(), wav.getframerate()
                pcm = wav.readframes(2**31 - 1)
        except (wave.Error, EOFError) as exc:
            raise SpeechError("speech.engine_failed", detail=f"not a WAV file: {exc}") from exc
        if channels > 1:  # keep the first channel: the player is mono
            pcm = np.frombuffer(pcm[: len(pcm) // (2 * channels) * 2 * channels], "<i2")[::channels].tobytes()
        return cls(pcm[: len(pcm) // 2 * 2], rate)

    @classmethod
    def read_wav(cls, path: Path) -> "Audio":
        return cls.from_wav_bytes(Path(path).read_bytes())

    def write_wav(self, path: Path) -> None:
        """Write atomically (temp file + rename) so a crash leaves no half file."""
        path = Path(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".wav")
        try:
            with os.fdopen(fd, "wb") as raw, wave.open(raw, "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(self.rate)
                wav.writeframes(self.pcm)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def scale_volume(pcm: bytes, volume: float) -> bytes:
    """Scale 16-bit samples by `volume` (0.0-1.0, linear amplitude).

    Done on the samples, not in the engine or the mixer, so it works for
    every sink, changes mid-phrase, and leaves cached audio untouched."""
    volume = min(1.0, max(0.0, volume))
    if volume >= 0.999:
        return pcm
    samples = np.frombuffer(pcm, "<i2").astype(np.float32) * volume
    return np.clip(np.rint(samples), -32768, 32767).astype("<i2").tobytes()


class AudioSink:
    """Where PCM goes.  The speech worker calls open/write/finish from its own
    thread; `abort()` may be called from any thread and must return at once."""

    #: how far ahead of real time the worker may write (fills device buffers)
    lead_seconds: float = 0.0

    def check(self) -> str | None:
        """A problem in words for IT (None when the sink looks usable)."""
        return None

    def open(self, rate: int) -> None:
        raise NotImplementedError

    def write(self, chunk: bytes) -> None:
        """Queue a chunk; raises SpeechError when the device is gone."""
        raise NotImplementedError

    def finish(self) -> None:
        """All chunks written: let the buffered tail play out, then close."""
        raise NotImplementedError

    def abort(self) -> None:
        """Silence now and drop anything buffered.  Safe to call twice, from any thread."""
        raise NotImplementedError

    def release(self) -> None:
        """After an abort: free what the utterance held (called by the worker)."""

    def describe(self) -> str:
        return type(self).__name__


class NullSink(AudioSink):
    """No sound device: discard the audio."""

    def open(self, rate: int) -> None:
        pass

    def write(self, chunk: bytes) -> None:
        pass

    def finish(self) -> None:
        pass

    def abort(self) -> None:
        pass

    def describe(self) -> str:
        return "no sound output"


@dataclass
class Playback:
    """One utterance as a RecordingSink saw it."""

    rate: int
    opened_at: float
    writes: list[tuple[float, bytes]] = field(default_factory=list)
    ended: str = ""  # "finished" | "aborted" | "" while playing
    ended_at: float = 0.0

    @property
    def pcm(self) -> bytes:
        return b"".join(chunk for _, chunk in self.writes)


class RecordingSink(AudioSink):
    """Test double: records each utterance's chunks with `time.monotonic()` stamps.

    Used by tests and the benchmark where no sound device exists; it also
    stands for a real device in the stop-latency checks."""

    def __init__(self, fail_with: str | None = None) -> None:
        self.playbacks: list[Playback] = []
        self.fail_with = fail_with  # make every open() fail like a missing device
        self._lock = threading.Lock()
        self.first_write = threading.Event()

    def open(self, rate: int) -> None:
        if self.fail_with:
            raise SpeechError("speech.no_sound_device", detail=self.fail_with)
        with self._lock:
            self.playbacks.append(Playback(rate, time.monotonic()))

    def write(self, chunk: bytes) -> None:
        with self._lock:
            self.playbacks[-1].writes.append((time.monotonic(), chunk))
        self.first_write.set()

    def _end(self, how: str) -> None:
        with self._lock:
            if self.playbacks and not self.playbacks[-1].ended:
                self.playbacks[-1].ended = how
                self.playbacks[-1].ended_at = time.monotonic()

    def finish(self) -> None:
        self._end("finished")

    def abort(self) -> None:
        self._end("aborted")

    def last_write_at(self) -> float:
        with self._lock:
            stamps = [t for p in self.playbacks for t, _ in p.writes]
        return max(stamps, default=0.0)

    def describe(self) -> str:
        return "recording test sink"


class AplaySink(AudioSink):
    """Plays through `aplay` (ALSA), one child process per utterance.

    aplay starts the device only once its buffer is full, so the worker writes
    `buffer_ms` of audio at once (`lead_seconds`) and then keeps that lead:
    sound starts at once, and a worker delayed by up to `buffer_ms` on a busy
    2-core kiosk causes no gap.  A longer buffer costs nothing on stop, which
    kills the process and so drops the buffer."""

    def __init__(self, device: str | None = None, buffer_ms: int = 200, executable: str = "aplay") -> None:
        self.device = device
        self.buffer_ms = buffer_ms
        self.executable = executable
        self.lead_seconds = buffer_ms / 1000
        self._proc: subprocess.Popen[bytes] | None = None

    def _argv(self, rate: int) -> list[str]:
        exe = shutil.which(self.executable)
        if exe is None:
            raise SpeechError("speech.no_sound_device", detail=f"{self.executable} not found (install alsa-utils)")
        argv = [exe, "-q", "-t", "raw", "-f", "S16_LE", "-c", "1", "-r", str(rate)]
        argv += [f"--buffer-time={self.buffer_ms * 1000}", f"--period-time={int(CHUNK_SECONDS * 1e6)}"]
        if self.device:
            argv += ["-D", self.device]
        return argv

    def check(self) -> str | None:
        """Open the device with a few milliseconds of silence."""
        try:
            result = system_programs.run(self._argv(22050), input=b"\0" * 441 * 2, capture_output=True, timeout=5)
        except SpeechError as exc:
            return exc.detail
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"aplay: {exc}"
        if result.returncode != 0:
            return _last_line(result.stderr) or f"aplay exited with {result.returncode}"
        return None

    def open(self, rate: int) -> None:
        try:
            self._proc = system_programs.popen(
                self._argv(rate), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        except OSError as exc:
            raise SpeechError("speech.no_sound_device", detail=f"aplay: {exc}") from exc

    def _failed(self, proc: subprocess.Popen[bytes]) -> SpeechError:
        proc.kill()
        try:
            _, err = proc.communicate(timeout=1)
        except (subprocess.TimeoutExpired, ValueError, OSError):
            err = b""
        return SpeechError("speech.no_sound_device", detail=_last_line(err) or f"aplay exited with {proc.returncode}")

    def write(self, chunk: bytes) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            raise SpeechError("speech.no_sound_device", detail="aplay is not running")
        if proc.poll() is not None:
            raise self._failed(proc)
        try:
            proc.stdin.write(chunk)
            proc.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            try:
                proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
            if proc.returncode == -signal.SIGKILL:  # killed by abort(): not a device problem
                return
            raise self._failed(proc) from None

    def finish(self) -> None:
        proc = self._proc
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
        except OSError:
            pass
        try:  # the tail (<= buffer_ms) plays out; abort() can still kill it meanwhile
            proc.wait(timeout=self.lead_seconds + 2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self._proc = None
        err = b""
        if proc.stderr:
            if proc.returncode not in (0, -signal.SIGKILL):
                err = proc.stderr.read()
            proc.stderr.close()
        if proc.returncode not in (0, -signal.SIGKILL):
            raise SpeechError("speech.no_sound_device", detail=_last_line(err) or f"aplay exited with {proc.returncode}")

    def abort(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()  # the kernel closes the PCM; ALSA drops what was buffered

    def release(self) -> None:
        """Reap the child after an abort (called by the worker, not by stop())."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stderr):
            try:
                if pipe:
                    pipe.close()
            except OSError:
                pass

    def describe(self) -> str:
        return f"aplay (ALSA device {self.device or 'default'})"


def _last_line(stderr: bytes | None) -> str:
    lines = [ln.strip() for ln in (stderr or b"").decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1] if lines else ""
