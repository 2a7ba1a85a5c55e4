"""The packaged build, made once per test session: `bash build/package.sh --fast` (PyInstaller + .deb).

The package tests install it for real (`dpkg -i`, as root: CI runs as root on a fresh Debian 12) and
purge it again, so the suite can run again.  `--fast` only swaps the .deb's compression (gzip -1
instead of xz -6, ~5 s instead of ~4 min); the frozen app, the files and the scripts are the release's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = Path("/var/lib/waystation")
CONF = Path("/etc/waystation")


@dataclass(frozen=True)
class Package:
    app_dir: Path     # dist/waystation: the frozen one-folder app
    deb: Path         # dist/waystation_<version>_<arch>.deb
    version: str
    arch: str
    build_seconds: float


def run(argv: list[str], *, check: bool = True, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, text in and out; on failure the assertion shows its output."""
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kwargs)
    if check:
        assert result.returncode == 0, f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def as_waystation(argv: list[str], *, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run `argv` as the package's waystation user with a clean environment (as systemd would)."""
    environ = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(DATA), **(env or {})}
    return run(["runuser", "-u", "waystation", "--", "env", "-i", *[f"{k}={v}" for k, v in environ.items()], *argv],
               cwd="/", **kwargs)


def installed_version() -> str | None:
    result = run(["dpkg-query", "-W", "-f", "${db:Status-Abbrev} ${Version}", "waystation"], check=False)
    if result.returncode != 0 or not result.stdout.startswith("ii"):
        return None
    return result.stdout.split()[-1]


def purge() -> None:
    """Take the package and everything it made away (as `apt purge` does)."""
    run(["dpkg", "--purge", "waystation"], check=False, timeout=120)
    assert installed_version() is None
    assert not DATA.exists() and not CONF.exists() and not Path("/opt/waystation").exists()


def install(deb: Path) -> subprocess.CompletedProcess:
    return run(["dpkg", "-i", str(deb)], timeout=300)


@pytest.fixture(scope="session")
def package() -> Package:
    if os.geteuid() != 0 or shutil.which("dpkg-deb") is None:
        pytest.skip("the package tests build and install a .deb: they need root on a Debian-family system")
    started = time.monotonic()
    result = run(["bash", "build/package.sh", "--fast"], cwd=ROOT, timeout=1800)
    seconds = time.monotonic() - started
    version = run([str(ROOT / ".venv/bin/python"), "-c", "import kiosk; print(kiosk.__version__)"]).stdout.strip()
    arch = run(["dpkg", "--print-architecture"]).stdout.strip()
    deb = ROOT / "dist" / f"waystation_{version}_{arch}.deb"
    assert deb.is_file(), result.stdout
    print(f"\npackage built in {seconds:.0f} s: {result.stdout.strip().splitlines()[-1]}")
    return Package(ROOT / "dist" / "waystation", deb, version, arch, seconds)


@pytest.fixture
def clean_system(package: Package):
    """No waystation package before the test and none after it (purged: data, config and user too)."""
    purge()
    yield package
    purge()
