"""`waystation export`: IT gets the queue and the audit metadata, and never a resident's data."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from kiosk import applications, cli
from kiosk.session import Session

from factories import fill_to_review, make_card

NAME = "欧阳娜娜"


@pytest.fixture
def submitted(catalog, store, tmp_path):
    """Three applications submitted on a station whose data dir is tmp_path; its config file."""
    card = make_card(name=NAME)
    numbers = []
    for service_id in ("senior_card", "residence_permit", "social_security_card"):
        session = Session(catalog)
        fill_to_review(session, service_id, card)
        numbers.append(session.submit(lambda draft: applications.submit(store, draft, "DEMO01")).number)
        session.finish()
    config = tmp_path / "station.toml"
    config.write_text(f'[storage]\ndata_dir = "{tmp_path}"\n', encoding="utf-8")
    return config, numbers, card


def export(capsys, config, *args: str) -> str:
    assert cli.main(["export", "--config", str(config), *args]) == 0
    return capsys.readouterr().out


def test_queue_export_lists_each_application_without_personal_data(submitted, capsys):
    config, numbers, card = submitted
    as_csv = export(capsys, config, "--what", "queue")
    as_json = export(capsys, config, "--what", "queue", "--format", "json")
    records = list(csv.DictReader(io.StringIO(as_csv)))
    assert [r["number"] for r in records] == numbers == [r["number"] for r in json.loads(as_json)]
    assert {(r["status"], r["outbox_state"], r["attempts"]) for r in records} == {("queued", "pending", "0")}
    assert records[0]["service_id"] == "senior_card" and records[0]["created_at"]
    for text in (as_csv, as_json):
        for secret in (NAME, card.id_number, card.id_number[-6:], card.address):
            assert secret not in text


def test_audit_export_has_the_actions_and_no_personal_data(submitted, capsys, tmp_path):
    config, numbers, card = submitted
    out = tmp_path / "audit.json"
    assert export(capsys, config, "--what", "audit", "--format", "json", "--output", str(out)) == ""
    entries = json.loads(out.read_text(encoding="utf-8"))
    assert [(e["action"], e["subject"]) for e in entries if e["action"] == "application.submitted"] == [
        ("application.submitted", number) for number in numbers]
    assert set(entries[0]) == {"id", "at", "actor", "action", "subject", "hash"}
    assert stat.S_IMODE(os.stat(out).st_mode) & 0o077 == 0  # owner-only, like everything the kiosk writes
    text = out.read_text(encoding="utf-8")
    assert NAME not in text and card.id_number not in text


def test_no_database_says_where_it_looked_and_creates_nothing(tmp_path, capsys):
    config = tmp_path / "station.toml"
    config.write_text(f'[storage]\ndata_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    assert cli.main(["export", "--config", str(config), "--what", "queue"]) == 2
    assert f"no database at {tmp_path / 'none' / 'waystation.db'}" in capsys.readouterr().err and not (tmp_path / "none").exists()


def test_empty_export_has_a_header(store, tmp_path, capsys):
    config = tmp_path / "station.toml"
    config.write_text(f'[storage]\ndata_dir = "{tmp_path}"\n', encoding="utf-8")
    header = export(capsys, config, "--what", "queue").splitlines()
    assert header[0].startswith("number,service_id,") and len(header) == 1
    assert "payload" not in header[0] and "id_lookup" not in header[0]
