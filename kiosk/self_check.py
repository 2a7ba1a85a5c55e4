"""`waystation self-check`: does this build work here?  One line a check; exit 0 only when all pass.

What IT (and CI, on the frozen build) runs after installing: PyInstaller's own
advice is to smoke-test a frozen Qt app, because a module, plugin or data file
left out of a bundle shows only when it is first used.  The checks:

- every module of the kiosk imports (in the frozen build: every module the
  build listed when it was made, so one missing from the bundle is named);
- the home screen and one screen of each service render offscreen (ui/self_check.py);
- a temporary store takes an application with a photo and gives it back, sealed on disk;
- a sentence renders with the speech engine, when one is installed (devices/self_check.py);
- the face is found in the bundled camera still and dlib compares it, through the face child;
- a receipt's QR code decodes back to its number;
- the bundled files match the sha256 manifest written at build time (kiosk/manifest.py).

This module runs the checks and holds those of the core; the composition root
(kiosk/cli.py) hands in the ones of ui/ and devices/.  A check is a function that
returns a short detail, raises `Skipped` when it cannot apply here (no speech
engine installed: not a failure), and raises anything else to fail.  Details and
errors never carry personal data (there is none: everything here is made up).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from kiosk import manifest

PACKAGES = ("kiosk", "ui", "devices", "sync")
NOT_SHIPPED = ("sync.central",)  # the reference centre (FastAPI): for tests and demos, not in the package
MODULES_FILE = "waystation-modules.txt"  # in the frozen bundle: every module the build put in it

Check = tuple[str, Callable[[], str]]


class Skipped(Exception):
    """The check does not apply on this machine (said why); not a failure."""


class CheckFailed(Exception):
    """The check ran and found something wrong (said what)."""


# --- running -----------------------------------------------------------------------------------


def run(checks: Iterable[Check], out: TextIO | None = None) -> int:
    """Run each check, print one line each and a summary; 0 when none failed, else 1."""
    out = out or sys.stdout
    failed = 0
    for name, check in checks:
        started = time.monotonic()
        try:
            status, detail = "PASS", check()
        except Skipped as why:
            status, detail = "SKIP", str(why)
        except Exception as error:  # noqa: BLE001 - a check's failure is a line of the report
            status, detail = "FAIL", _why(error)
            failed += 1
        took = (time.monotonic() - started) * 1000
        print(f"{status}  {name:<16} {detail} ({took:.0f} ms)", file=out, flush=True)
    print("self-check passed" if not failed else f"self-check: {failed} check(s) failed", file=out, flush=True)
    return 0 if not failed else 1


def _why(error: BaseException) -> str:
    if isinstance(error, CheckFailed):
        return str(error)
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    at = f" at {Path(where.filename).name}:{where.lineno}" if where else ""
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}{at}"[:400]


# --- imports -----------------------------------------------------------------------------------


def shipped_modules(root: Path, packages: Sequence[str] = PACKAGES) -> list[str]:
    """Every module of `packages` in the source tree at `root`, but the ones not shipped."""
    names = []
    for package in packages:
        names.append(package)
        for info in pkgutil.walk_packages([str(root / package)], prefix=package + "."):
            names.append(info.name)
    return sorted(name for name in names if not any(name == n or name.startswith(n + ".") for n in NOT_SHIPPED))


def expected_modules() -> list[str]:
    """What must import here: the frozen build's list, or the source tree's modules."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return (Path(bundle) / MODULES_FILE).read_text(encoding="utf-8").split()
    return shipped_modules(Path(__file__).resolve().parents[1])


def check_imports() -> str:
    modules = expected_modules()
    if not modules:
        raise CheckFailed("no module list")
    broken = []
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - every module is tried, every failure named
            broken.append(f"{name} ({type(error).__name__}: {error})")
    if broken:
        raise CheckFailed(f"{len(broken)} of {len(modules)} modules do not import: " + "; ".join(broken[:5]))
    return f"{len(modules)} modules"


# --- the store ---------------------------------------------------------------------------------


def check_store(photo: bytes) -> str:
    """A temporary store takes an application with `photo`, seals it on disk, and gives it back whole."""
    from kiosk import applications, catalog, crypto
    from kiosk.store import Store

    service = catalog.bundled().services[0]
    marker = "self-check answer 7f3a"  # made up: no personal data
    with tempfile.TemporaryDirectory(prefix="waystation-self-check-") as tmp:
        key = crypto.load_or_create_key(Path(tmp) / "keys" / "store.key")
        store = Store(Path(tmp) / "waystation.db", crypto.Sealer(key))
        try:
            draft = applications.Draft(service.id, "zh_CN", {"note": marker},
                                       [applications.Attachment("photo", "image/jpeg", photo)])
            receipt = applications.submit(store, draft, "SELFCK")
            back = applications.load(store, draft.uuid)
        finally:
            store.close()
        raw = b"".join(path.read_bytes() for path in Path(tmp).glob("waystation.db*"))
    if back.number != receipt.number or back.answers != {"note": marker}:
        raise CheckFailed("the application read back differs from the one submitted")
    if len(back.attachments) != 1 or back.attachments[0].data != photo:
        raise CheckFailed("the photo read back differs from the one submitted")
    if marker.encode() in raw or photo[:64] in raw:
        raise CheckFailed("the application is in clear in the database file (not sealed)")
    return f"application {receipt.number} with a {len(photo) // 1024} KB photo stored sealed and read back"


# --- the build's own files ---------------------------------------------------------------------


def check_manifest(app_dir: Path | None = None) -> str:
    app_dir = app_dir or manifest.frozen_app_dir()
    if app_dir is None:
        raise Skipped("running from source: no build manifest")
    try:
        verdict = manifest.verify(app_dir)
    except FileNotFoundError:
        raise CheckFailed(f"no manifest {app_dir / manifest.MANIFEST_PATH}") from None
    if not verdict.ok:
        raise CheckFailed(verdict.describe())
    return verdict.describe()


def check_system_programs() -> str:
    """A system program started by the kiosk sees the system's library path, not the bundle's."""
    from kiosk import system_programs

    result = system_programs.run(["env"], capture_output=True, text=True, timeout=10)
    seen = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return "running from source: environment passed on unchanged"
    if bundle in seen.get("LD_LIBRARY_PATH", ""):
        raise CheckFailed(f"LD_LIBRARY_PATH still names the bundle: {seen['LD_LIBRARY_PATH']}")
    return f"LD_LIBRARY_PATH restored ({seen.get('LD_LIBRARY_PATH', 'unset')}) for espeak-ng, aplay, lp"


def core_checks(photo: Callable[[], bytes]) -> list[Check]:
    """The core's checks (`photo`: the bundled camera still's bytes, from devices/)."""
    return [("imports", check_imports), ("store", lambda: check_store(photo())),
            ("system programs", check_system_programs), ("manifest", check_manifest)]


def main(checks: list[Check]) -> int:
    return run(checks)
