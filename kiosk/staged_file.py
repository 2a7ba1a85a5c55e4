"""Replacing a file whole or not at all: its new content is written beside it, then renamed over it.

`StagedFile(path, mode, owner)` creates the temporary file at once, so a caller
that must change several files (enrollment: token, CA bundle, config) learns
that it cannot write one of them *before* doing anything that cannot be undone;
`commit(data)` writes, sets the mode and owner, syncs and renames; `discard()`
removes the temporary file.  A reader (the kiosk starting, `sync --watch`) sees
the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


class StagedFile:
    """A temporary file beside `path`, renamed over it by `commit`.

    `mode` is set exactly (not through the umask); `owner` (uid, gid) is given to the
    new file, and tried at once on the empty temporary file, so a process that may not
    give it (not root, not in the group) finds out before anything is written."""

    def __init__(self, path: Path, mode: int, owner: tuple[int, int] | None = None) -> None:
        self.path = Path(path)
        self.mode, self.owner = mode, owner
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        fd = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            if owner is not None and owner != _owner_of(fd):
                os.fchown(fd, *owner)
            os.fchmod(fd, mode)
        except OSError:
            os.close(fd)
            self.temporary.unlink(missing_ok=True)
            raise
        self._fd: int | None = fd

    def commit(self, data: bytes) -> None:
        """Write `data`, make it durable, and put it in place of `path` in one rename."""
        fd, self._fd = self._fd, None
        if fd is None:
            raise RuntimeError(f"{self.path}: already committed or discarded")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(self.temporary, self.path)
        except BaseException:
            self.temporary.unlink(missing_ok=True)
            raise
        _sync_folder(self.path.parent)

    def discard(self) -> None:
        """Remove the temporary file; `path` stays as it was."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)
            self.temporary.unlink(missing_ok=True)


def _owner_of(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_uid, info.st_gid


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a crash right after must not bring the old file back)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
