"""Logging for the kiosk: to stderr (the systemd journal under the unit) and a rotating file.

Code never logs personal data on purpose: names and addresses cannot be told
apart from other text, so they are never passed to a log call (wrap a value
that must be mentioned in `hidden()`).  As a second guard every handler set up
here masks, in the fully formatted line *including tracebacks and stack
dumps*, anything that looks like an ID number (110105********002X) or a mobile
number (138****8000), in every form the validators accept (spaced, hyphenated,
+86, a foreign permanent-residence number's letters).  Uncaught exceptions (main thread and other threads) go
through the same handlers instead of raw to stderr.

Under systemd (the packaged kiosk's units) stderr is a journal stream: then each
record is written as one line (a traceback's newlines escaped as `\\n`, so a
record never splits into several journal entries) with a syslog priority prefix
(`<3>` error, `<4>` warning, `<6>` info, `<7>` debug), which journald turns into
the entry's priority (`journalctl -p warning` finds warnings and worse).  The
journal is told apart the way systemd documents: $JOURNAL_STREAM names stderr's
device and inode.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

from kiosk import id_number
from kiosk.private_files import make_owner_only

# What the validators accept, written with any spaces or hyphens between characters (kiosk.fields,
# kiosk.id_number): a resident ID (18 characters, the last may be x), a 2017 foreign permanent-residence
# number (3 letters, 12 digits), a mobile (11 digits, optional +86).  Old 15-digit IDs only unbroken.
# ASCII [0-9], not \d: a digit of another script next to a number must not shield it from the mask.
_SEP = r"[\s-]*"
_ID_LIKE = re.compile(rf"(?<![0-9A-Za-z])[0-9](?:{_SEP}[0-9]){{16}}{_SEP}[0-9Xx](?![0-9A-Za-z])")
_OLD_ID_LIKE = re.compile(r"(?<![0-9])[0-9]{15}(?![0-9])")
_FOREIGN_LIKE = re.compile(rf"(?<![0-9A-Za-z])[A-Za-z](?:{_SEP}[A-Za-z]){{2}}(?:{_SEP}[0-9]){{12}}(?![0-9A-Za-z])")
_MOBILE_LIKE = re.compile(
    rf"(?P<cc>\+{_SEP}8{_SEP}6{_SEP})?(?(cc)|(?<![0-9]))1{_SEP}[3-9](?:{_SEP}[0-9]){{9}}(?![0-9])")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JOURNAL_FORMAT = "%(levelname)s %(name)s: %(message)s"  # the journal stamps the time itself


def _compact(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def _mask_id(match: re.Match) -> str | None:
    number = _compact(match.group(0))
    if number != match.group(0).upper():
        # Written with separators: mask only what could be an ID (a real birth date), so that digit-only
        # station ids in application numbers (1234-261124-000042-49) stay readable in the log.
        birth = id_number.birth_date(number)
        if birth is None or birth.year < 1800:
            return None
    return id_number.mask(number)


def _mask_mobile(match: re.Match) -> str:
    number = re.sub(r"[^0-9]", "", match.group(0)[len(match.group("cc") or ""):])
    return ("+86" if match.group("cc") else "") + number[:3] + "****" + number[-4:]


def _replace_each(pattern: re.Pattern, text: str, replace) -> str:
    """Like pattern.sub, but a match `replace` declines (None) is retried one character later, so a
    declined run of digits cannot hide a real number that overlaps its end."""
    out, done, pos = [], 0, 0
    while (match := pattern.search(text, pos)) is not None:
        masked = replace(match)
        if masked is None:
            pos = match.start() + 1
            continue
        out += [text[done:match.start()], masked]
        done = pos = match.end()
    return "".join(out) + text[done:]


def scrub(text: str) -> str:
    """Mask ID-number-like and mobile-number-like digit runs in `text`, however they are written."""
    text = _replace_each(_ID_LIKE, text, _mask_id)
    text = _OLD_ID_LIKE.sub(lambda m: id_number.mask(m.group(0)), text)
    text = _FOREIGN_LIKE.sub(lambda m: id_number.mask(_compact(m.group(0))), text)
    return _MOBILE_LIKE.sub(_mask_mobile, text)


class hidden:  # noqa: N801 - used like a function: log.info("for %s", hidden(name))
    """A value a log line may mention but never show: formats as `[hidden]`, in repr too."""

    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    def __str__(self) -> str:
        return "[hidden]"

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return "[hidden]"


class ScrubFormatter(logging.Formatter):
    """Formats the whole record (message, args, exception text, stack), then masks it."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        # Cached on the record as exc_text: other handlers then reuse the masked text.
        return scrub(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return scrub(super().formatStack(stack_info))


def syslog_priority(levelno: int) -> int:
    """The syslog priority of a logging level (sd-daemon.h: 2 crit, 3 err, 4 warning, 6 info, 7 debug)."""
    if levelno >= logging.CRITICAL:
        return 2
    if levelno >= logging.ERROR:
        return 3
    if levelno >= logging.WARNING:
        return 4
    if levelno >= logging.INFO:
        return 6
    return 7


class JournalFormatter(ScrubFormatter):
    """One line per record for the journal: `<priority>LEVEL name: message`, masked like the rest,
    newlines (tracebacks, multi-line messages) escaped so the record stays one journal entry."""

    def __init__(self) -> None:
        super().__init__(JOURNAL_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record).replace("\r\n", "\n").replace("\r", "\n")
        return f"<{syslog_priority(record.levelno)}>" + text.replace("\n", "\\n")


def is_journal(stream: Any) -> bool:
    """True when `stream` is the systemd journal's stream: $JOURNAL_STREAM is `device:inode` of it."""
    device, _, inode = os.environ.get("JOURNAL_STREAM", "").partition(":")
    try:
        status = os.fstat(stream.fileno())
        return (status.st_dev, status.st_ino) == (int(device), int(inode))
    except (AttributeError, OSError, ValueError):  # no such variable, no file descriptor, garbage
        return False


class ScrubFilter(logging.Filter):
    """Masks the message of a record (for handlers whose formatter is not a ScrubFormatter)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


def _log_uncaught(exc_type, exc, tb, thread_name: str | None = None) -> None:
    if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
        sys.__excepthook__(exc_type, exc, tb)
        return
    where = f" in thread {thread_name}" if thread_name else ""
    logging.getLogger("waystation").critical("uncaught %s%s", exc_type.__name__, where, exc_info=(exc_type, exc, tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback,
                  args.thread.name if args.thread is not None else None)


def setup(log_dir: Path | None = None, level: int = logging.INFO) -> Path | None:
    """Send logs to stderr (one line a record with priorities when it is the journal) and, when `log_dir`
    is given, to log_dir/waystation.log (both masked)."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_waystation", False):
            root.removeHandler(handler)
    formatter = ScrubFormatter(FORMAT)
    stderr = logging.StreamHandler()
    stderr.setFormatter(JournalFormatter() if is_journal(stderr.stream) else formatter)
    handlers: list[logging.Handler] = [stderr]
    path = None
    if log_dir is not None:
        Path(log_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
        path = Path(log_dir) / "waystation.log"
        handlers.append(logging.handlers.RotatingFileHandler(path, maxBytes=5_000_000, backupCount=3, encoding="utf-8"))
        make_owner_only(Path(log_dir), path)  # a log left readable by an older version
    for handler in handlers:
        handler._waystation = True  # type: ignore[attr-defined]
        if handler.formatter is None:
            handler.setFormatter(formatter)
        handler.addFilter(ScrubFilter())
        root.addHandler(handler)
    sys.excepthook = _log_uncaught
    threading.excepthook = _thread_hook
    return path
