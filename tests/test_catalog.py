import json

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import catalog as catalog_mod
from kiosk.errors import CatalogError

REQUIRED_SERVICES = {"social_security_card", "senior_card", "residence_permit", "household_certificate",
                     "housing_fund_withdrawal", "newborn_bundle"}


def test_bundled_catalog_has_the_stations_services_in_both_languages(catalog):
    assert REQUIRED_SERVICES <= {s.id for s in catalog.services}
    for service in catalog.services:
        assert service.guide.zh_CN != service.guide.en
        assert service.documents and service.steps and service.fields
        assert any(f.prefill for f in service.fields), service.id


def test_newborn_bundle_fills_several_sub_services_from_one_form(catalog):
    bundle = catalog.service("newborn_bundle")
    assert len(bundle.parts) >= 3
    assert all(set(part.fields) <= {f.id for f in bundle.fields} for part in bundle.parts)


def edited(mutate) -> bytes:
    data = json.loads(catalog_mod.bundled_bytes())
    mutate(data)
    return json.dumps(data, ensure_ascii=False).encode()


@pytest.mark.parametrize("mutate, words", [
    (lambda d: d["services"][0]["title"].pop("en"), "services.0.title.en"),
    (lambda d: d["services"][0]["fields"][0].update(prefill="card.shoe_size"), "pre-fill"),
    (lambda d: d["services"][0]["fields"][0].update(type="essay"), "type"),
    (lambda d: d["services"].append(d["services"][0]), "repeat"),
    (lambda d: d["services"][5]["parts"][0]["fields"].append("nope"), "unknown fields"),
    (lambda d: d.update(version="latest"), "version"),
])
def test_a_bad_catalog_is_refused_with_a_clear_message(mutate, words):
    with pytest.raises(CatalogError) as caught:
        catalog_mod.parse(edited(mutate))
    assert words in caught.value.text("en")


def test_refused_update_leaves_the_last_good_catalog(tmp_path):
    repo = catalog_mod.CatalogRepository(tmp_path)
    good = edited(lambda d: d.update(version="2026.12.01"))
    repo.install(good)
    with pytest.raises(CatalogError):
        repo.install(b"{not json")
    assert repo.load().version == "2026.12.01"


def test_damaged_current_file_falls_back_to_previous_then_bundled(tmp_path):
    repo = catalog_mod.CatalogRepository(tmp_path)
    repo.install(edited(lambda d: d.update(version="2026.12.01")))
    repo.install(edited(lambda d: d.update(version="2026.12.02")))
    repo.current_path.write_bytes(b"\x00garbage")  # e.g. a disk fault
    assert repo.load().version == "2026.12.01" and "current.json" in repo.last_problem
    repo.previous_path.unlink()
    assert repo.load().version == catalog_mod.bundled().version


@settings(max_examples=60)
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_arbitrary_bytes_are_refused_cleanly(raw):
    with pytest.raises(CatalogError):
        catalog_mod.parse(raw)


DEEPLY_NESTED = b'{"version": "2026.12.03", "services": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"


def test_a_deeply_nested_catalog_falls_back_to_the_last_good_one(tmp_path):
    # json.loads raises RecursionError on this, which is neither ValueError nor CatalogError.
    repo = catalog_mod.CatalogRepository(tmp_path)
    repo.install(edited(lambda d: d.update(version="2026.12.01")))
    with pytest.raises(CatalogError) as refused:
        repo.install(DEEPLY_NESTED)
    assert "nested too deeply" in refused.value.text("en")
    repo.install(edited(lambda d: d.update(version="2026.12.02")))
    repo.current_path.write_bytes(DEEPLY_NESTED)  # as if written there by an older kiosk or by hand
    assert repo.load().version == "2026.12.01"
    assert "current.json" in repo.last_problem and "nested too deeply" in repo.last_problem


def test_a_catalog_file_too_large_to_be_one_is_refused_before_parsing(tmp_path):
    with pytest.raises(CatalogError) as refused:
        catalog_mod.parse(b" " * (catalog_mod.MAX_CATALOG_BYTES + 1) + b"{}")
    assert "too large" in refused.value.text("en")


def test_doctor_shows_why_a_nested_catalog_was_refused_without_a_traceback(tmp_path):
    import json as _json
    import subprocess
    import sys

    from conftest import ROOT

    data = tmp_path / "data"
    (data / "catalog").mkdir(parents=True)
    (data / "catalog" / "current.json").write_bytes(DEEPLY_NESTED)
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "doctor", "--json"], capture_output=True, text=True,
                            env={"WAYSTATION_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}, cwd=ROOT, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr
    checks = {check["name"]: check for check in _json.loads(result.stdout)["checks"]}
    assert checks["catalog"]["status"] == "warn" and "nested too deeply" in checks["catalog"]["detail"]
