"""Running the system's own programs (espeak-ng, aplay, lp, fc-list, systemctl) from the kiosk.

The packaged kiosk is a PyInstaller build: its bootloader puts the bundle's folder
(/opt/waystation/_internal) first on LD_LIBRARY_PATH, so that the bundled Python
and Qt find their libraries, and keeps what was there before in
LD_LIBRARY_PATH_ORIG.  A system program started with that environment loads the
bundle's copies of libraries (OpenSSL, ICU, libstdc++ ...) instead of its own,
and fails or misbehaves in ways that never show from source.  So every place
that starts a process goes through `run()` / `popen()` here, which pass
`system_env()`: the environment with the original library path restored (or
removed when there was none), as PyInstaller's documentation says to.  From
source the environment is passed on unchanged.

The kiosk's own helper processes (`waystation face-child`, `speech-child`) go
through here too: their bootloader sets the bundle's path again for them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Any

LIBRARY_PATH = "LD_LIBRARY_PATH"
ORIGINAL_SUFFIX = "_ORIG"  # PyInstaller's bootloader keeps the caller's value under NAME_ORIG


def frozen() -> bool:
    """True in the packaged (PyInstaller) build."""
    return bool(getattr(sys, "frozen", False))


def system_env(environ: Mapping[str, str] | None = None, *, is_frozen: bool | None = None) -> dict[str, str]:
    """`environ` (default: this process's) as a system program must see it: in the frozen build,
    LD_LIBRARY_PATH is what it was before the bootloader changed it (absent if it was absent)."""
    env = dict(os.environ if environ is None else environ)
    if not (frozen() if is_frozen is None else is_frozen):
        return env
    original = env.pop(LIBRARY_PATH + ORIGINAL_SUFFIX, None)
    if original:
        env[LIBRARY_PATH] = original
    else:
        env.pop(LIBRARY_PATH, None)
    return env


def _with_env(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs["env"] = system_env(kwargs.get("env"))
    return kwargs


def run(argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess:
    """subprocess.run with the system's library path (see the module's docstring)."""
    return subprocess.run(list(argv), **_with_env(kwargs))


def popen(argv: Sequence[str], **kwargs: Any) -> subprocess.Popen:
    """subprocess.Popen with the system's library path (see the module's docstring)."""
    return subprocess.Popen(list(argv), **_with_env(kwargs))


def replace_process(argv: Sequence[str]) -> None:
    """os.execve of argv[0] with the system's library path: a supervisor's restart starts the kiosk
    again as its service started it (the frozen build's bootloader sets its own path afresh)."""
    os.execve(argv[0], list(argv), system_env())
