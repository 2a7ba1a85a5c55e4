"""Start and stop a real pcscd with a vpcd virtual reader, for the PC/SC tests.

pcscd 1.9.9 (Debian 12) always serves clients on /run/pcscd/pcscd.comm: the
daemon ignores PCSCLITE_CSOCK_NAME (only the client library reads it), so one
pcscd serves the whole machine.  Hence:

- it must run as root (it creates /run/pcscd), with no systemd needed:
  `pcscd --foreground --config DIR` runs in the foreground, logs to stdout and
  reads only our reader.conf directory; without `--auto-exit` it stays up;
- a pcscd already running (a system service, another test run) is never
  killed: we wait for a lock file other test runs hold, then fail with a clear
  message if a foreign pcscd still owns the socket;
- our reader.conf gives vpcd a free port, so a system vpcd on 35963 is untouched.

vpcd opens two slots, "<name> 00 00" on `port` and "<name> 00 01" on `port + 1`;
it binds them on all interfaces (INADDR_ANY is hard-wired in vpcd).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Self

from smartcard import scard

SOCKET = Path("/run/pcscd/pcscd.comm")
PID_FILE = Path("/run/pcscd/pcscd.pid")
LOCK_FILE = Path("/tmp/waystation-pcscd-tests.lock")
VPCD_DRIVERS = (
    Path("/usr/lib/pcsc/drivers/serial/libifdvpcd.so"),
    Path("/usr/lib/x86_64-linux-gnu/pcsc/drivers/serial/libifdvpcd.so"),
)
READER_NAME = "Waystation Test PCD"


class PcscServiceError(RuntimeError):
    """pcscd could not be started for the tests; the message says why and what to do."""


def _port_pair_free(port: int) -> bool:
    for p in (port, port + 1):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("0.0.0.0", p))  # vpcd binds INADDR_ANY, so probe the same
            except OSError:
                return False
    return True


def free_port_pair() -> int:
    """A port p such that p and p + 1 are free (vpcd's two slots)."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 65535 and _port_pair_free(port):
            return port
    raise PcscServiceError("no two adjacent free TCP ports for vpcd")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def foreign_pcscd_pid() -> int | None:
    """The pid of a running pcscd we did not start, if any."""
    if not SOCKET.exists():
        return None
    try:
        pid = int(PID_FILE.read_text().strip("\0 \n"))  # pcscd ends the file with a NUL
    except (OSError, ValueError):
        return -1  # a socket with no pid file: someone else's pcscd (e.g. socket activation)
    return pid if _pid_alive(pid) else None


def reader_names() -> list[str]:
    """Readers pcscd lists now ([] if pcscd is not reachable)."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return []
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        return list(readers) if hresult == scard.SCARD_S_SUCCESS else []
    finally:
        scard.SCardReleaseContext(context)


def wait_for_card(reader: str, present: bool = True, timeout: float = 10.0) -> None:
    """Block until pcscd sees a card on `reader` (or sees none, with present=False)."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        raise PcscServiceError("pcscd is not reachable")
    try:
        state = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hresult, states = scard.SCardGetStatusChange(context, 200, [(reader, state)])
            if hresult == scard.SCARD_S_SUCCESS:
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                if bool(state & scard.SCARD_STATE_PRESENT) == present:
                    return
        raise PcscServiceError(f"pcscd did not see the card {'placed' if present else 'removed'} in {timeout} s")
    finally:
        scard.SCardReleaseContext(context)


class PcscService:
    """One pcscd process with one vpcd reader; `start()` returns once the reader is listed."""

    def __init__(self, workdir: Path, lock_wait: float = 120.0) -> None:
        self.workdir = Path(workdir)
        self.confdir = self.workdir / "reader.conf.d"
        self.log_path = self.workdir / "pcscd.log"
        self.lock_wait = lock_wait
        self.port = 0
        self.reader = f"{READER_NAME} 00 00"       # the slot our cards use
        self.spare_reader = f"{READER_NAME} 00 01"  # vpcd's second slot, on port + 1
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock_fd: int | None = None

    # -- lifecycle -----------------------------------------------------------
    def open(self) -> PcscService:
        """Check prerequisites, take the machine-wide lock, write the config, start pcscd."""
        pcscd = shutil.which("pcscd") or ("/usr/sbin/pcscd" if Path("/usr/sbin/pcscd").exists() else None)
        if pcscd is None:
            raise PcscServiceError("pcscd is not installed: apt-get install pcscd vsmartcard-vpcd")
        driver = next((p for p in VPCD_DRIVERS if p.exists()), None)
        if driver is None:
            raise PcscServiceError("the vpcd driver is missing: apt-get install vsmartcard-vpcd")
        if os.geteuid() != 0:
            raise PcscServiceError("pcscd must run as root for the PC/SC tests (it owns /run/pcscd)")
        self._pcscd, self._driver = pcscd, driver
        self._take_lock()
        foreign = foreign_pcscd_pid()
        if foreign is not None:
            self._release_lock()
            raise PcscServiceError(
                f"another pcscd is running (pid {foreign}); stop it (e.g. `systemctl stop pcscd.socket "
                "pcscd`) so the tests can start their own with a virtual reader")
        self.port = free_port_pair()
        self.confdir.mkdir(parents=True, exist_ok=True)
        (self.confdir / "waystation-vpcd").write_text(
            f'FRIENDLYNAME "{READER_NAME}"\n'
            f"DEVICENAME   /dev/null:{self.port}\n"
            f"LIBPATH      {driver}\n"
            f"CHANNELID    {self.port}\n")
        self.start()
        return self

    def close(self) -> None:
        self.stop()
        self._release_lock()

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, timeout: float = 15.0) -> None:
        """Run pcscd in the foreground and wait until our reader is listed."""
        if self.running:
            return
        # --foreground: no daemonising, logs to stdout (our log file); no --auto-exit, so it
        # stays up until stop().  WAYSTATION_PCSCD_DEBUG=1 logs every driver call.
        with open(self.log_path, "ab") as log:
            self._proc = subprocess.Popen(
                [self._pcscd, "--foreground", "--config", str(self.confdir),
                 "--debug" if os.environ.get("WAYSTATION_PCSCD_DEBUG") else "--info"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise PcscServiceError(f"pcscd exited with {self._proc.returncode}:\n{self.log_tail()}")
            if self.reader in reader_names():
                return
            time.sleep(0.05)
        self.stop()
        raise PcscServiceError(f"pcscd did not list {self.reader} within {timeout} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 10.0) -> None:
        """Stop pcscd (SIGTERM, then SIGKILL); it removes its socket and pid file itself."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)
            for leftover in (SOCKET, PID_FILE):  # a killed pcscd cannot clean up after itself
                leftover.unlink(missing_ok=True)

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no pcscd log)"

    # -- the machine-wide lock ---------------------------------------------------
    def _take_lock(self) -> None:
        fd = os.open(LOCK_FILE, os.O_CREAT | os.O_RDWR, 0o666)
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise PcscServiceError(
                        f"another test run holds {LOCK_FILE} (it runs pcscd) for over {self.lock_wait} s")
                time.sleep(0.2)
        self._lock_fd = fd

    def _release_lock(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
