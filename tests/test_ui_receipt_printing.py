"""The receipt printer has its own worker: a resident who calls a helper while `lp` waits for CUPS
hears at once that a helper is coming, and the receipt then says it was printed (and the store
records it).  A stand-in `lp` on PATH that takes 2 s plays a slow CUPS client."""

from __future__ import annotations

import os
import time

from devices.printer import CupsPrinter
from factories import fill_to_review, make_card
from kiosk import catalog as catalog_mod, crypto
from kiosk.session import Defaults, Session, State
from kiosk.store import Store
from test_printer import fake_lp
from ui.gallery import settle
from ui.main_window import KioskWindow
from ui.qt import QLabel


def test_a_help_request_does_not_wait_behind_a_slow_printer(qtbot, tmp_path, monkeypatch):
    started = tmp_path / "lp-started"
    monkeypatch.setenv("PATH", fake_lp(tmp_path, f"touch {started}\nsleep 2\necho 'request id is desk-1'\n")
                       + os.pathsep + os.environ["PATH"])
    store = Store(tmp_path / "p.db", crypto.Sealer(crypto.load_or_create_key(tmp_path / "p.key")))
    session = Session(catalog_mod.bundled(), Defaults(locale="en"))
    window = KioskWindow(session, store, station_id="DEMO01", station_name="Waystation", px_per_mm=1366 / 344,
                         receipts_dir=tmp_path / "receipts", devices={"printer": CupsPrinter("desk")})
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    fill_to_review(session, "senior_card", make_card())
    settle()
    window.submit()
    qtbot.waitUntil(started.exists, timeout=5000)  # committed and saved; lp is now busy for 2 s
    asked = time.monotonic()
    window.call_helper()
    qtbot.waitUntil(window.notice.isVisible, timeout=1500)
    assert time.monotonic() - asked < 1.0 and session.state == State.SUBMITTED, "the help request waited"
    assert "helper is coming" in window.notice.text()
    assert store.conn.execute("SELECT COUNT(*) FROM help_requests").fetchone()[0] == 1
    qtbot.waitUntil(lambda: session.state == State.RECEIPT, timeout=10_000)
    assert "being printed" in window.screen.findChild(QLabel, "receipt_outcome").text()
    assert (tmp_path / "receipts" / f"{session.receipt.number}.pdf").stat().st_size > 500
    window.tasks.wait()
    settle()
    assert store.conn.execute("SELECT printed FROM receipts WHERE number = ?",
                              (session.receipt.number,)).fetchone()[0] == 1
    window.printing.wait()
    store.close()
