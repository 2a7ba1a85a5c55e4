"""Files only the kiosk's own user may touch: the data dir, what the kiosk writes there, its secrets.

The data dir holds sealed personal data, receipts, logs and caches; the station token lets
anyone who reads it speak for the station, and a CA bundle anyone can write lets them
impersonate the centre.  So the kiosk and sync processes create everything owner-only
(umask 077: 0700 folders, 0600 files, whatever library writes them), tighten what an
older version left looser, and refuse a token file or CA bundle others can read or write.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from kiosk.errors import ConfigError

OWNER_ONLY_UMASK = 0o077
_OTHERS = stat.S_IRWXG | stat.S_IRWXO


def owner_only_umask() -> None:
    """Make every file and folder this process (and its children) creates owner-only."""
    os.umask(OWNER_ONLY_UMASK)


def others_access(path: Path) -> str:
    """'' when only the owner may use `path`; else what others may do ('group-readable, world-writable')."""
    mode = Path(path).stat().st_mode
    found = [f"{who}-{what}" for who, bits in (("group", (stat.S_IRGRP, stat.S_IWGRP)),
                                               ("world", (stat.S_IROTH, stat.S_IWOTH)))
             for what, bit in zip(("readable", "writable"), bits) if mode & bit]
    return ", ".join(found)


def require_private(path: Path, key: str) -> None:
    """Refuse a secret file named by config `key` (token, CA bundle) that others can read or write."""
    try:
        exposed = others_access(path)
    except OSError as error:
        raise ConfigError("config.invalid", key=key, problem=f"{path}: {error.strerror or error}") from None
    if exposed:
        raise ConfigError("config.invalid", key=key, problem=f"{path} is {exposed}; chmod 600 it (owner only)")


def make_owner_only(*paths: Path) -> None:
    """Tighten folders to 0700 and files to 0600 where this user owns them (left looser by an older version)."""
    for path in paths:
        with contextlib.suppress(OSError):
            info = Path(path).stat()
            if info.st_uid != os.geteuid() or not info.st_mode & _OTHERS:
                continue
            Path(path).chmod(0o700 if stat.S_ISDIR(info.st_mode) else 0o600)


def make_tree_owner_only(root: Path) -> None:
    """`make_owner_only` for `root` and everything under it (receipts, logs, caches an older version
    left looser); symbolic links are neither followed nor changed.  Once a process, at start."""
    root = Path(root)
    if not root.is_dir() or root.is_symlink():
        return
    make_owner_only(root)
    for folder, dirs, files in os.walk(root, followlinks=False):
        make_owner_only(*(Path(folder) / name for name in dirs + files if not (Path(folder) / name).is_symlink()))
