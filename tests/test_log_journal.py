"""Logs under systemd: one journal line per record with a syslog priority prefix, still masked.

A real child process logs with its stderr on a real file and $JOURNAL_STREAM naming that file's
device and inode, as systemd sets it for a unit whose stderr is the journal; the file then holds
exactly what journald would read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ID = "11010519491231002X"
MOBILE = "13800138000"

CHILD = f"""
import logging
from kiosk import log
log.setup(None, logging.DEBUG)
logger = logging.getLogger("waystation.test")
logger.debug("debug line")
logger.info("card read for %s", "{ID}")
logger.warning("two\\nlines {MOBILE}")
try:
    raise ValueError("bad number {ID}")
except ValueError:
    logger.exception("failed")
logger.critical("the end")
"""


def _run(tmp_path: Path, journal: str | None) -> list[str]:
    out = tmp_path / "stderr.txt"
    with out.open("wb") as stderr:
        env = {k: v for k, v in os.environ.items() if k != "JOURNAL_STREAM"}
        if journal == "match":
            status = os.fstat(stderr.fileno())
            env["JOURNAL_STREAM"] = f"{status.st_dev}:{status.st_ino}"
        elif journal is not None:
            env["JOURNAL_STREAM"] = journal
        subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, stderr=stderr, check=True, timeout=60)
    return out.read_text(encoding="utf-8").splitlines()


def test_under_the_journal_each_record_is_one_line_with_its_priority(tmp_path):
    lines = _run(tmp_path, "match")
    assert [line[:3] for line in lines] == ["<7>", "<6>", "<4>", "<3>", "<2>"]
    assert lines[1] == "<6>INFO waystation.test: card read for 110105********002X"
    assert lines[2] == "<4>WARNING waystation.test: two\\nlines 138****8000"
    assert lines[3].startswith("<3>ERROR waystation.test: failed\\nTraceback (most recent call last):\\n")
    assert "ValueError: bad number 110105********002X" in lines[3]
    text = "\n".join(lines)
    assert ID not in text and MOBILE not in text


def test_a_terminal_or_file_keeps_the_plain_format(tmp_path):
    """No $JOURNAL_STREAM, or one naming another file (inherited from a parent): plain lines with times."""
    for journal in (None, "1:2", "garbage"):
        lines = _run(tmp_path, journal)
        assert not any(line.startswith("<") for line in lines), journal
        assert any(" INFO waystation.test: card read for 110105********002X" in line for line in lines)
        assert any(line.startswith("Traceback") for line in lines)  # the traceback on lines of its own
