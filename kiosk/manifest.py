"""The packaged build's manifest: a sha256 sum of every file it ships, written at build time.

`build/package.sh` writes it (`python -m kiosk.manifest write DIR`) into the frozen
app's folder once PyInstaller has finished, and `waystation self-check` verifies
the installed files against it, naming each changed or missing one (a disk
error, a half-finished copy, a file edited by hand).  The format is sha256sum's
(`<hex>  <path relative to the app folder>`), so IT can also check by hand:

    cd /opt/waystation && sha256sum --check --quiet _internal/waystation-manifest.sha256

Symbolic links (PyInstaller's one-folder builds use them) are followed, as
sha256sum does; the manifest itself is not listed.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST_NAME = "waystation-manifest.sha256"
BUNDLE_DIR = "_internal"  # PyInstaller's folder beside the executable (its contents_directory)
MANIFEST_PATH = f"{BUNDLE_DIR}/{MANIFEST_NAME}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _files(app_dir: Path) -> list[str]:
    """Every file under `app_dir` (links followed, as sha256sum would), sorted, relative, with slashes."""
    found = []
    for folder, dirs, files in os.walk(app_dir, followlinks=False):
        for name in files + [d for d in dirs if (Path(folder) / d).is_symlink()]:
            path = Path(folder) / name
            if path.is_file():  # a link to a folder is not a file: its files are listed where they live
                found.append(path.relative_to(app_dir).as_posix())
    return sorted(relative for relative in found if relative != MANIFEST_PATH)


def write(app_dir: Path) -> Path:
    """Write the manifest of `app_dir` (a frozen app's folder) into it; returns its path."""
    app_dir = Path(app_dir)
    lines = [f"{_sha256(app_dir / relative)}  {relative}\n" for relative in _files(app_dir)]
    target = app_dir / MANIFEST_PATH
    target.write_text("".join(lines), encoding="utf-8")
    return target


@dataclass
class Verdict:
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing)

    def describe(self, limit: int = 5) -> str:
        if self.ok:
            return f"{self.checked} files match the build's sha256 manifest"
        parts = []
        for word, paths in (("changed", self.changed), ("missing", self.missing)):
            if paths:
                more = f" and {len(paths) - limit} more" if len(paths) > limit else ""
                parts.append(f"{word}: {', '.join(paths[:limit])}{more}")
        return "; ".join(parts)


def verify(app_dir: Path) -> Verdict:
    """Compare the files under `app_dir` with its manifest.  FileNotFoundError when there is none."""
    app_dir = Path(app_dir)
    verdict = Verdict()
    for line in (app_dir / MANIFEST_PATH).read_text(encoding="utf-8").splitlines():
        expected, _, relative = line.partition("  ")
        if not relative:
            continue
        verdict.checked += 1
        path = app_dir / relative
        try:
            if _sha256(path) != expected:
                verdict.changed.append(relative)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            verdict.missing.append(relative)
    return verdict


def frozen_app_dir() -> Path | None:
    """The installed app's folder (where the executable is) in the frozen build; None from source."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("write", "verify"):
        print("usage: python -m kiosk.manifest write|verify APP_DIR", file=sys.stderr)
        return 2
    if argv[0] == "write":
        print(write(Path(argv[1])))
        return 0
    verdict = verify(Path(argv[1]))
    print(verdict.describe(limit=50))
    return 0 if verdict.ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
