"""System programs started from the kiosk get the system's library path back (kiosk/system_programs.py).

The frozen build's bootloader puts the bundle first on LD_LIBRARY_PATH and keeps the caller's value in
LD_LIBRARY_PATH_ORIG.  These tests start a real program (`env`) through the helper with such an
environment, as the frozen build has it, and read what the program saw.  (The frozen build itself is
checked by tests/package/test_frozen.py, whose self-check runs the same probe inside the bundle.)
"""

from __future__ import annotations

import os
import subprocess
import sys

from kiosk import system_programs

BUNDLE = "/opt/waystation/_internal"


def _seen_by_env(monkeypatch, environ: dict[str, str]) -> dict[str, str]:
    """What `env` prints when started through system_programs.run in a frozen process with `environ`."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    result = system_programs.run(["env"], env={"PATH": os.environ["PATH"], **environ}, capture_output=True,
                                 text=True, timeout=10)
    assert result.returncode == 0
    return dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)


def test_a_system_program_gets_the_library_path_from_before_the_bootloader(monkeypatch):
    seen = _seen_by_env(monkeypatch, {"LD_LIBRARY_PATH": f"{BUNDLE}:/usr/local/lib",
                                      "LD_LIBRARY_PATH_ORIG": "/usr/local/lib"})
    assert seen["LD_LIBRARY_PATH"] == "/usr/local/lib"
    assert "LD_LIBRARY_PATH_ORIG" not in seen


def test_without_a_library_path_before_the_bootloader_it_has_none(monkeypatch):
    seen = _seen_by_env(monkeypatch, {"LD_LIBRARY_PATH": BUNDLE})
    assert "LD_LIBRARY_PATH" not in seen


def test_popen_restores_it_too(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", BUNDLE)
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    proc = system_programs.popen(["env"], stdout=subprocess.PIPE, text=True)
    out, _ = proc.communicate(timeout=10)
    assert BUNDLE not in out


def test_from_source_the_environment_is_passed_on_unchanged(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    environ = {"LD_LIBRARY_PATH": "/somewhere", "LD_LIBRARY_PATH_ORIG": "/else"}
    assert system_programs.system_env(environ) == environ


def test_no_other_module_starts_processes_itself():
    """Every process the kiosk starts goes through the helper (a new call site cannot forget it)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    offenders = []
    for package in ("kiosk", "ui", "devices", "sync"):
        for path in (root / package).rglob("*.py"):
            relative = path.relative_to(root).as_posix()
            if relative in ("kiosk/system_programs.py", "sync/central/runner.py"):  # runner: the test centre
                continue
            text = path.read_text(encoding="utf-8")
            for call in ("subprocess.run(", "subprocess.Popen(", "subprocess.call(", "subprocess.check_output(",
                         "subprocess.check_call(", "os.system(", "os.popen(", "os.exec", "os.spawn"):
                if call in text:
                    offenders.append(f"{relative}: {call}")
    assert not offenders, "start processes through kiosk.system_programs:\n" + "\n".join(offenders)
