"""Receipt printing through CUPS (`lp`), when the station has a printer.

The receipt is always saved as a PDF first; printing hands that file to the
configured CUPS queue.  A missing `lp`, an unknown queue or a printer that
refuses the job raises PrinterError: the resident is told the receipt was
saved and a helper can print it later.  Runs on a worker thread (it spawns a
process and may wait for CUPS).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kiosk import system_programs
from kiosk.errors import PrinterError


class CupsPrinter:
    def __init__(self, queue: str, timeout: float = 20.0) -> None:
        self.queue = queue
        self.timeout = timeout

    def print_pdf(self, path: Path) -> str:
        """Send `path` to the queue; returns CUPS's job line ("request id is ...")."""
        lp = shutil.which("lp")
        if lp is None:
            raise PrinterError(detail="lp (cups-client) is not installed")
        try:
            result = system_programs.run([lp, "-d", self.queue, "-t", path.stem, str(path)], capture_output=True,
                                    text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise PrinterError(detail=f"printer {self.queue} did not take the job in {self.timeout:.0f} s") from None
        if result.returncode != 0:
            raise PrinterError(detail=(result.stderr or result.stdout).strip()[:200])
        return result.stdout.strip()

    def describe(self) -> str:
        return f"CUPS printer {self.queue}"
