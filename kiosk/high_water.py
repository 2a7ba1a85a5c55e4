"""The high-water mark of the store's counters, kept beside the key so it outlives the database.

Application numbers must never repeat on a station: a repeated number would send a
resident with a printed receipt to someone else's application.  The counter lives in
the database, which can be lost or emptied while the key (and this file beside it)
remains.  So each new value is first written here, atomically and durably (the file
and its folder fsynced), and only then used; the next value is one more than the
larger of the database's counter and this mark.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from kiosk.errors import DiskFullError, StoreError


class HighWaterMark:
    """A small JSON file {counter name: highest value handed out}, replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def check_usable(self) -> None:
        """At start-up, not at the first resident's submit: the file reads and its folder is writable."""
        self.read()
        folder = self.path.parent
        if folder.exists() and not os.access(folder, os.W_OK):
            raise StoreError("store.sequence_unusable", path=str(self.path), problem="its folder is not writable")

    def read(self) -> dict[str, int]:
        try:
            values = json.loads(self.path.read_text(encoding="ascii"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise StoreError("store.sequence_unusable", path=str(self.path),
                             problem=getattr(error, "strerror", None) or "not readable") from None
        if not isinstance(values, dict) or not all(isinstance(v, int) for v in values.values()):
            raise StoreError("store.sequence_unusable", path=str(self.path), problem="not a sequence file")
        return values

    def get(self, name: str) -> int:
        return self.read().get(name, 0)

    def raise_to(self, name: str, value: int) -> None:
        """Record that `value` of counter `name` is handed out, durably, before it is used."""
        values = self.read()
        if values.get(name, 0) >= value:
            return
        values[name] = value
        folder = self.path.parent
        tmp = folder / (self.path.name + ".tmp")
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(json.dumps(values, sort_keys=True) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as error:
            if error.errno == errno.ENOSPC:
                raise DiskFullError(detail=f"{self.path}: {error.strerror}") from None
            raise StoreError("store.sequence_unusable", path=str(self.path),
                             problem=error.strerror or str(error)) from None
