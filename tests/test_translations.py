"""The Qt translations in locales/: finished, consistent, compiled, and covering every tr() in ui/.

A resident must never meet an English string in the Chinese kiosk (or a
placeholder shown raw), so the build fails on an unfinished entry, a missing
plural form, a translation whose %1/%n differ from the source (the way
Electrum rejects translations whose {placeholders} differ), a stale .qm, or a
tr() string that lupdate would add.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
BIN = ROOT / ".venv" / "bin"
TS_FILES = sorted(LOCALES.glob("waystation_*.ts"))
PLURAL_FORMS = {"zh_CN": 1, "en": 2}  # Qt's plural rules: Chinese has one form, English two
PLACEHOLDER = re.compile(r"%(?:n|\d+)")


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    assert found, f"{name} not found (it comes with PySide6-Essentials)"
    return found


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    """(context name, <message>) for every message of a .ts file."""
    root = ET.parse(ts).getroot()
    return [(context.findtext("name"), message) for context in root.iter("context")
            for message in context.iter("message")]


def locale_of(ts: Path) -> str:
    return ts.stem.removeprefix("waystation_")


def test_there_are_both_languages() -> None:
    assert {locale_of(ts) for ts in TS_FILES} == {"zh_CN", "en"}


@pytest.mark.parametrize("ts", TS_FILES, ids=locale_of)
def test_every_message_is_finished_with_the_same_placeholders(ts: Path) -> None:
    forms_wanted = PLURAL_FORMS[locale_of(ts)]
    problems = []
    for context, message in messages(ts):
        source = message.findtext("source")
        where = f"{context}: {source!r}"
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "missing"
        if kind:  # unfinished, vanished, obsolete, or no <translation> at all
            problems.append(f"{where} is {kind}")
            continue
        if message.get("numerus") == "yes":
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if len(forms) != forms_wanted:
                problems.append(f"{where} has {len(forms)} plural forms, {forms_wanted} wanted")
        else:
            forms = [translation.text or ""]
        for form in forms:
            if not form.strip():
                problems.append(f"{where} has an empty translation")
            elif set(PLACEHOLDER.findall(form)) != set(PLACEHOLDER.findall(source)):
                problems.append(f"{where} → {form!r}: placeholders differ")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("ts", TS_FILES, ids=locale_of)
def test_compiled_qm_is_up_to_date(ts: Path, tmp_path: Path) -> None:
    fresh = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(fresh)], check=True, capture_output=True)
    committed = ts.with_suffix(".qm")
    assert committed.exists(), f"{committed.name} missing: run pyside6-lrelease locales/*.ts"
    assert committed.read_bytes() == fresh.read_bytes(), f"{committed.name} is stale: run pyside6-lrelease"


def test_every_tr_string_in_ui_is_in_the_ts_files(tmp_path: Path) -> None:
    copies = [Path(shutil.copy(ts, tmp_path / ts.name)) for ts in TS_FILES]
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", *map(str, copies)], check=True, capture_output=True,
                   cwd=ROOT)
    for ts, copy in zip(TS_FILES, copies):
        before = {(c, m.findtext("source")) for c, m in messages(ts)}
        after = {(c, m.findtext("source")): m for c, m in messages(copy)}
        new = sorted(key for key in after if key not in before)
        gone = sorted(key for key, m in after.items() if m.find("translation").get("type") in ("vanished", "obsolete"))
        assert not new, f"{ts.name}: tr() strings missing (run pyside6-lupdate, then translate): {new}"
        assert not gone, f"{ts.name}: entries no tr() uses any more (run pyside6-lupdate -no-obsolete): {gone}"
