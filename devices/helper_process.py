"""A long-lived helper process spoken to in JSON lines, both ends.

Work that must not run in the kiosk's process (a library that keeps the GIL for
100 ms at a time, a driver with process-wide state or one that can hang) runs in
a helper: one request a line on its stdin, one answer a line on its stdout.

Kiosk side: `HelperProcess` starts the helper on first use (or when `start()`
warms it), restarts it when it has exited, and kills it when an answer takes
longer than the time limit; the caller gets `HelperFailed` saying which, and the
next request starts a fresh helper.  Requests are written without blocking, so a
stopped helper with a full pipe still times out.  The helper's stderr goes to an
unnamed temporary file (nothing on disk by name) whose last line explains an exit.

Helper side: `protocol_out()` keeps the real stdout for answers and sends what
libraries print elsewhere; `serve()` answers each request line.

Users: devices/speech/pyttsx3_engine.py (+ pyttsx3_child.py) and
devices/camera/face_child.py (dlib's face matcher).
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from typing import IO, Callable, TextIO

from kiosk import system_programs


class HelperFailed(Exception):
    """The helper did not answer: `kind` is "start" (could not start), "timeout" (killed after the
    time limit) or "exited" (it died); `detail` says it for IT, never with request data."""

    def __init__(self, kind: str, detail: str) -> None:
        self.kind, self.detail = kind, detail
        super().__init__(detail)


class HelperProcess:
    """One helper process; `ask` sends a request and waits for its answer line."""

    def __init__(self, command: list[str], name: str, start_timeout: float = 15.0) -> None:
        self.command = command
        self.name = name                    # for messages: "pyttsx3", "face matching"
        self.start_timeout = start_timeout  # the first answer of a new helper also waits for its start-up
        self.restarts = 0                   # helpers started after the first
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._started_once = False
        self._buffer = b""
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        """The running helper's process id, if one runs."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def ask(self, request: dict, timeout: float) -> dict:
        """Send one request, return the answer (a dict); raises HelperFailed, never anything else."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
                timeout = max(timeout, self.start_timeout)
            deadline = time.monotonic() + timeout
            try:
                self._write((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8"), deadline)
                line = self._read_line(deadline)
            except TimeoutError:
                self._stop()
                raise HelperFailed("timeout", f"{self.name} took longer than {timeout:.0f} s "
                                              "(helper restarted)") from None
            except (OSError, EOFError):
                status = self._stop()
                raise HelperFailed("exited", f"{self.name} helper exited ({status}): {self._stderr_tail()}") from None
        try:
            answer = json.loads(line)
        except ValueError:
            answer = None
        return answer if isinstance(answer, dict) else {"ok": False, "error": f"{self.name} helper answered garbage"}

    def close(self) -> None:
        """Stop the helper (a later request starts a new one)."""
        with self._lock:
            self._stop()

    # --- the process ------------------------------------------------------------------

    def _start(self) -> None:
        self._stop()
        if self._started_once:
            self.restarts += 1
        self._started_once = True
        self._buffer = b""
        if self._stderr is not None:
            self._stderr.close()
        self._stderr = tempfile.TemporaryFile()  # unnamed: gone with the file object
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        try:
            self._proc = system_programs.popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=self._stderr, env=env)
        except OSError as exc:
            self._proc = None
            raise HelperFailed("start", f"{self.name} helper: {exc}") from exc
        assert self._proc.stdin is not None
        os.set_blocking(self._proc.stdin.fileno(), False)  # a stopped helper must not block a write

    def _stop(self) -> str:
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

    def _write(self, data: bytes, deadline: float) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        fd = self._proc.stdin.fileno()
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            _, ready, _ = select.select([], [fd], [], left)
            if ready:
                try:
                    view = view[os.write(fd, view):]
                except BlockingIOError:
                    continue

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
            data = os.read(fd, 1 << 16)
            if not data:
                raise EOFError
            self._buffer += data
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return "no message"
        try:
            self._stderr.seek(0)
            text = self._stderr.read()[-4096:].decode("utf-8", "replace")
        except (OSError, ValueError):
            return "no message"
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        return lines[-1][:200] if lines else "no message"


# --- the helper's side ----------------------------------------------------------------

def protocol_out() -> TextIO:
    """The real stdout, for answers; fd 1 and sys.stdout then go nowhere (libraries that print
    cannot break the protocol; errors still reach stderr)."""
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the process's lifetime)
    return out


def serve(answer: Callable[[dict], dict], out: TextIO, requests: IO[bytes] | None = None) -> None:
    """Answer every request line until stdin closes (the kiosk has gone: so does the helper)."""
    for line in requests or sys.stdin.buffer:
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        if not isinstance(request, dict):
            request = {"op": None}
        out.write(json.dumps(answer(request), ensure_ascii=False) + "\n")
