"""Logging for the kiosk: to stderr (the systemd journal under the unit) and a rotating file.

Code never logs personal data on purpose; as a second guard a filter masks
anything in a log record that looks like an ID number or a mobile number.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from kiosk import id_number

_ID_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])|(?<!\d)\d{15}(?!\d)")
_MOBILE_LIKE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def scrub(text: str) -> str:
    """Mask ID-number-like and mobile-number-like digit runs in `text`."""
    text = _ID_LIKE.sub(lambda m: id_number.mask(m.group(0)), text)
    return _MOBILE_LIKE.sub(lambda m: m.group(0)[:3] + "****" + m.group(0)[-4:], text)


class ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        return True


def setup(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send logs to stderr and, when `log_dir` is given, to log_dir/waystation.log."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_waystation", False):
            root.removeHandler(handler)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    path = None
    if log_dir is not None:
        Path(log_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
        path = Path(log_dir) / "waystation.log"
        handlers.append(logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=3, encoding="utf-8"))
    for handler in handlers:
        handler._waystation = True  # type: ignore[attr-defined]
        handler.setFormatter(formatter)
        handler.addFilter(ScrubFilter())
        root.addHandler(handler)
    return path
