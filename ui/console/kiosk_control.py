"""What a supervisor may do to the kiosk itself: leave it, restart it, shut the machine down.

Each ends the Qt event loop with an exit code the session unit can tell from a crash
(kiosk/exit_codes.py); `waystation run` starts itself again on RESTART.  Shutting down first runs
the configured command (`[helpers] shutdown_command`, default `systemctl poweroff`; tests give a
harmless one) off the GUI thread; if it fails, the kiosk stays and says why.  The desk asks for the
PIN again and writes the audit entry before calling any of these.
"""

from __future__ import annotations

import subprocess
from typing import Callable, Sequence

from kiosk import exit_codes, system_programs
from kiosk.errors import KioskError
from ui.qt import QApplication


def quit_event_loop(code: int) -> None:
    """End QApplication.exec() with `code`: run_kiosk returns it.  (Outside a running exec() Qt marks
    every later event loop of the thread to quit at once: never call it where no kiosk runs.)"""
    app = QApplication.instance()
    if app is not None:
        app.exit(code)


class KioskControl:
    def __init__(self, shutdown_command: Sequence[str] = ("systemctl", "poweroff"),
                 quit_app: Callable[[int], None] = quit_event_loop) -> None:
        self.shutdown_command = tuple(shutdown_command)
        self.quit_app = quit_app  # how the kiosk ends (tests record the code instead)
        self.requested_exit: int | None = None  # the exit code asked for

    def leave(self) -> None:
        """To the desktop or a shell (for IT): the unit must not start the kiosk again."""
        self._exit(exit_codes.LEFT_BY_SUPERVISOR)

    def restart(self) -> None:
        self._exit(exit_codes.RESTART)

    def run_shutdown_command(self) -> None:
        """Start the shutdown command (blocking, up to 30 s: call it off the GUI thread); KioskError if it failed."""
        try:
            result = system_programs.run(self.shutdown_command, capture_output=True, text=True, timeout=30,
                                         stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError) as error:
            raise KioskError("kiosk.shutdown_failed", detail=type(error).__name__, why=str(error)[:200]) from None
        if result.returncode != 0:
            why = (result.stderr or result.stdout).strip()[:200] or f"exit status {result.returncode}"
            raise KioskError("kiosk.shutdown_failed", detail=why, why=why)

    def shut_down(self) -> None:
        """After the command was started: the kiosk ends while the machine goes down."""
        self._exit(exit_codes.SHUT_DOWN)

    def _exit(self, code: int) -> None:
        self.requested_exit = code
        self.quit_app(code)
