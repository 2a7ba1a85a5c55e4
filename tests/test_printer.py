"""Receipt printing via CUPS's `lp`.  No CUPS server or printer exists on this machine, so a small
stand-in `lp` on PATH plays the CUPS client: it records its arguments, or fails as lp does."""

from __future__ import annotations

import os
import stat

import pytest

from devices.printer import CupsPrinter
from kiosk.errors import PrinterError


def fake_lp(tmp_path, body: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "lp"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(bin_dir)


def test_the_saved_pdf_goes_to_the_configured_queue(tmp_path, monkeypatch):
    record = tmp_path / "args"
    monkeypatch.setenv("PATH", fake_lp(tmp_path, f'echo "$@" > {record}\necho "request id is kiosk-7 (1 file(s))"\n')
                       + os.pathsep + os.environ["PATH"])
    pdf = tmp_path / "DEMO01-261124-000001-02.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert "request id is kiosk-7" in CupsPrinter("front_desk").print_pdf(pdf)
    assert record.read_text().split() == ["-d", "front_desk", "-t", pdf.stem, str(pdf)]


def test_a_refused_job_and_a_missing_lp_are_printer_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", fake_lp(tmp_path, 'echo "lp: The printer or class does not exist." >&2\nexit 1\n'))
    with pytest.raises(PrinterError) as caught:
        CupsPrinter("nope").print_pdf(tmp_path / "x.pdf")
    assert "does not exist" in caught.value.detail and "saved" in caught.value.text("en")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PrinterError, match="cups-client"):
        CupsPrinter("any").print_pdf(tmp_path / "x.pdf")


def test_the_receipt_screen_says_whether_it_was_printed(qtbot, tmp_path, monkeypatch):
    from kiosk.session import State
    from ui.gallery import make_window, walk_screens
    from ui.qt import QLabel

    monkeypatch.setenv("PATH", fake_lp(tmp_path, 'echo "request id is kiosk-1"\n') + os.pathsep + os.environ["PATH"])
    window, session = make_window("1366x768", False, "en", tmp_path)
    window.devices["printer"] = CupsPrinter("front_desk")
    qtbot.addWidget(window)
    for name in walk_screens(window, session):
        if name == "receipt":
            assert session.state == State.RECEIPT
            assert "being printed" in window.screen.findChild(QLabel, "receipt_outcome").text()
            number = session.receipt.number
    assert window.store.conn.execute("SELECT printed FROM receipts WHERE number = ?", (number,)).fetchone() == (1,)
    window.store.close()
