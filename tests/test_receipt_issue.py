"""Issuing the paper copy of a receipt (kiosk.receipts, no Qt): always a saved PDF, printed through
CUPS's `lp` when a printer is configured, recorded as printed only when the printer took it, and
never an error the resident could take for a failed submit.  A small stand-in `lp` on PATH plays
the CUPS client (no CUPS server exists here), as in test_printer.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devices.printer import CupsPrinter
from factories import fill_to_review
from kiosk import applications, receipts
from kiosk.session import Session
from test_printer import fake_lp


@pytest.fixture
def receipt(catalog, store, card):
    session = Session(catalog)
    fill_to_review(session, "senior_card", card)
    return session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))


def save_pdf(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4\n% receipt\n")
    return path


def printed(store, number: str) -> int:
    return store.conn.execute("SELECT printed FROM receipts WHERE number = ?", (number,)).fetchone()[0]


def test_without_a_printer_the_receipt_is_saved(tmp_path, store, receipt):
    path = tmp_path / "receipts" / f"{receipt.number}.pdf"
    assert receipts.issue_paper_copy(receipt, save_pdf, path, None) == receipts.SAVED
    assert path.read_bytes().startswith(b"%PDF") and printed(store, receipt.number) == 0


def test_a_printer_that_takes_the_job_prints_the_saved_copy_and_it_is_recorded(tmp_path, monkeypatch, store,
                                                                                receipt):
    record = tmp_path / "lp-args"
    monkeypatch.setenv("PATH", fake_lp(tmp_path, f'echo "$@" > {record}\necho "request id is desk-1"\n')
                       + os.pathsep + os.environ["PATH"])
    path = tmp_path / "receipts" / f"{receipt.number}.pdf"
    outcome = receipts.issue_paper_copy(receipt, save_pdf, path, CupsPrinter("front_desk"))
    assert outcome == receipts.PRINTED and record.read_text().split()[-1] == str(path)
    receipts.mark_printed(store, receipt.number)
    assert printed(store, receipt.number) == 1


def test_a_refused_job_keeps_the_saved_copy_for_a_helper(tmp_path, monkeypatch, store, receipt):
    monkeypatch.setenv("PATH", fake_lp(tmp_path, 'echo "lp: printer is out of paper" >&2\nexit 1\n'))
    path = tmp_path / "receipts" / f"{receipt.number}.pdf"
    assert receipts.issue_paper_copy(receipt, save_pdf, path, CupsPrinter("front_desk")) == receipts.PRINT_FAILED
    assert path.exists() and printed(store, receipt.number) == 0


def test_a_copy_that_cannot_be_saved_is_not_printed_and_raises_nothing(tmp_path, monkeypatch, receipt):
    called = tmp_path / "lp-called"
    monkeypatch.setenv("PATH", fake_lp(tmp_path, f"touch {called}\n"))
    blocked = tmp_path / "receipts"
    blocked.write_text("a file where the directory should be")  # the disk refuses: like a full one
    outcome = receipts.issue_paper_copy(receipt, save_pdf, blocked / f"{receipt.number}.pdf",
                                        CupsPrinter("front_desk"))
    assert outcome == receipts.PRINT_FAILED and not called.exists()
