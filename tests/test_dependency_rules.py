"""The dependency rules of DESIGN.md ("Architecture"), checked on every import in the code.

Every module of kiosk/, ui/, devices/ and sync/ is parsed with `ast`; every
import in it counts, at the top or inside a function (a lazy import is still a
dependency).  A broken rule fails naming the file, the line, the import and the rule.

The rules:
- kiosk/ (the Qt-free core) imports no Qt, ui/, sync/ or devices/.  The one
  exception is kiosk/cli.py, the composition root: it wires ui/, sync/ and
  devices/ together inside the commands that need them.  (doctor.py gets the
  device checks from the CLI as functions, so it imports no device module.)
- devices/ imports neither ui/ nor sync/; sync/ imports neither ui/ nor devices/.
- ui/ does not import sync/: sync talks to the UI through the database and the
  status callback the composition root passes in.
- Nothing but the composition root's caller imports kiosk.cli.
- Qt (PySide6, shiboken6) is imported in one place only: the shim ui/qt.py.

tests/test_core_is_qt_free.py checks the first rule at run time as well (a
third-party module that pulls Qt in would slip past a reading of our own imports).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("kiosk", "ui", "devices", "sync")
QT = ("PySide6", "shiboken6")
COMPOSITION_ROOT = "kiosk/cli.py"
QT_SHIM = "ui/qt.py"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in the file, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if node.module is None or node.level:  # `from . import x` imports submodule x
                found += [(node.lineno, f"{module}.{alias.name}".lstrip(".")) for alias in node.names]
            else:
                found.append((node.lineno, module))
    return found


def _top(name: str) -> str:
    return name.split(".")[0]


def rule_broken(path: str, imported: str) -> str | None:
    """The rule `path` (relative to the repository, with slashes) breaks by importing `imported`, or None."""
    top, home = _top(imported), path.split("/")[0]
    if top in QT and path != QT_SHIM:
        return "Qt is imported only through the shim ui/qt.py"
    if home == "kiosk" and path != COMPOSITION_ROOT and top in ("ui", "sync", "devices"):
        return f"kiosk/ (the core) never imports {top}/; only the composition root kiosk/cli.py wires it in"
    if home == "devices" and top in ("ui", "sync"):
        return f"devices/ never imports {top}/"
    if home == "sync" and top in ("ui", "devices"):
        return f"sync/ never imports {top}/"
    if home == "ui" and top == "sync":
        return "ui/ never imports sync/ (the composition root passes sync's status in)"
    if (imported == "kiosk.cli" or imported.startswith("kiosk.cli.")) and path != COMPOSITION_ROOT:
        return "only the entry point imports the composition root kiosk.cli"
    return None


def broken_rules(root: Path = ROOT) -> list[str]:
    """One line per import that breaks a rule: `file:line imports name: rule`."""
    problems = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            for line, imported in imports_of(path, root):
                rule = rule_broken(relative, imported)
                if rule:
                    problems.append(f"{relative}:{line} imports {imported}: {rule}")
    return problems


def test_every_import_keeps_the_dependency_rules():
    problems = broken_rules()
    assert not problems, "dependency rules broken (DESIGN.md, Architecture):\n" + "\n".join(problems)


def test_the_rules_see_lazy_and_relative_imports(tmp_path):
    """A rule broken inside a function, or through a relative import, is still found."""
    device = tmp_path / "devices" / "card"
    device.mkdir(parents=True)
    (tmp_path / "devices" / "__init__.py").write_text("")
    (device / "__init__.py").write_text("")
    (device / "reader.py").write_text("def show():\n    from ui.qt import QLabel\n")
    (device / "sender.py").write_text("from ...sync import client\n")
    for package in ("kiosk", "ui", "sync"):
        (tmp_path / package).mkdir()
    (tmp_path / "kiosk" / "cli.py").write_text("import ui.app\n")
    (tmp_path / "kiosk" / "session.py").write_text("import PySide6.QtCore\n")
    assert sorted(broken_rules(tmp_path)) == [
        "devices/card/reader.py:2 imports ui.qt: devices/ never imports ui/",
        "devices/card/sender.py:1 imports sync.client: devices/ never imports sync/",
        "kiosk/session.py:1 imports PySide6.QtCore: Qt is imported only through the shim ui/qt.py",
    ]


def test_every_package_is_checked():
    """The rules read the whole tree (a move must not hide a package from them)."""
    checked = {path.relative_to(ROOT).parts[0] for package in PACKAGES for path in (ROOT / package).rglob("*.py")}
    assert checked == set(PACKAGES)
    assert (ROOT / COMPOSITION_ROOT).exists() and (ROOT / QT_SHIM).exists()
    assert len(list((ROOT / "devices").rglob("*.py"))) >= 25
