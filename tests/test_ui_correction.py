"""Correct and resend, on screen and over the wire: from an application the centre refused to its linked correction.

The reference centre runs on loopback over TLS; the kiosk's own sync worker sends.  The centre
refuses the first application (422), the kiosk sets it aside; a signed-in helper opens it for a
correction through the window's entry point (as the console's Set-aside page will), the resident
proves who they are with the same card (another card is refused, in words), the form comes back
filled in, the resident confirms with the card, and the receipt says which application it replaces.
The centre then holds the correction with its link, never the old one.
"""

from __future__ import annotations

from devices.simulated.fixtures import FIXTURE_CARDS
from kiosk import applications, corrections, receipts
from kiosk.identity import Identity, IdentityMethod
from kiosk.session import Session, State
from kiosk.staff import Helper
from sync.client import CentralClient
from sync.worker import SyncWorker
from ui.gallery import settle
from ui.qt import QLabel

from factories import answer_to_review
from test_sync_worker import FAST, TOKEN, centre  # noqa: F401 (fixture)
from test_ui_guided import through_the_form
from test_ui_journey import CARD, close_window, find, open_window, reader, screen_is, touch  # noqa: F401

HELPER = Helper("H002", "李四")


def test_a_refused_application_is_corrected_on_screen_and_reaches_the_centre_linked(qtbot, tmp_path, reader,
                                                                                    centre, tls):
    window, session = open_window(tmp_path, "zh_CN", reader)
    window.station_id = "S001"  # the station the centre knows
    card = FIXTURE_CARDS[CARD]
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    worker = SyncWorker(window.store, client, backoff=FAST, preflight_backoff=FAST).open()
    try:
        first = Session(session.catalog)
        first.choose_service("senior_card")
        first.next()
        first.identify(Identity.from_card(card, IdentityMethod.SIMULATED))
        answer_to_review(first)
        old = first.submit(lambda draft: applications.submit(window.store, draft, "S001"))
        centre.faults.add({"kind": "error", "status": 422, "code": "invalid_application", "method": "PUT",
                           "path": f"/v1/applications/{old.application_uuid}", "times": 1})
        assert worker.run_once().quarantined == 1
        assert corrections.correctable(window.store, old.application_uuid)

        window.set_helper(HELPER)
        assert window.start_correction(old.application_uuid)
        window.tasks.wait()
        settle()
        assert screen_is(window, State.IDENTITY)
        assert "更正" in window.guided_banner.text.text() and "H002" in window.guided_banner.text.text()
        reader.present(1)  # someone else's card
        qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)
        touch(qtbot, window, "confirm_yes")
        error = find(window, "error", QLabel)
        assert screen_is(window, State.IDENTITY) and error is not None and "原申请人本人" in error.text()
        reader.present(CARD)
        qtbot.waitUntil(lambda: find(window, "confirm_yes") is not None, timeout=5000)
        touch(qtbot, window, "confirm_yes")
        assert screen_is(window, State.FORM)
        assert session.answers["mobile"] == "13800138000"  # filled in from the old application
        through_the_form(qtbot, window, session)
        touch(qtbot, window, "submit")
        assert screen_is(window, State.CONSENT)
        reader.present(CARD)  # the same card, laid again
        qtbot.waitUntil(lambda: find(window, "number", QLabel) is not None, timeout=10_000)
        assert old.number in find(window, "saved", QLabel).text()  # "替代申请 <old number>"
        new_number = find(window, "number", QLabel).text().split()[-1]
        assert new_number != old.number

        assert worker.run_once().sent == 1
        new_uuid = window.store.conn.execute("SELECT uuid FROM applications WHERE number = ?",
                                             (new_number,)).fetchone()[0]
        body = centre.store.application_body("S001", new_uuid)
        assert body["corrects"] == old.application_uuid and body["assisted_by"] == "H002"
        assert body["consent"]["method"] == "card_again"
        assert centre.store.application_body("S001", old.application_uuid) is None
        assert [link["corrects"] for link in centre.store.corrections()] == [old.application_uuid]
        assert receipts.status_by_number(window.store, old.number).status == corrections.CORRECTED
        audited = window.store.conn.execute("SELECT actor, action FROM audit_log WHERE actor = 'helper:H002'"
                                            " ORDER BY id").fetchall()
        assert audited == [("helper:H002", "application.opened"), ("helper:H002", "application.corrected")]
    finally:
        worker.close()
        close_window(window)


def test_an_application_that_no_longer_waits_cannot_be_opened_and_the_console_hears_why(qtbot, tmp_path, reader):
    window, session = open_window(tmp_path, "en", reader)
    try:
        first = Session(session.catalog)
        first.choose_service("senior_card")
        first.next()
        first.identify(Identity.from_card(FIXTURE_CARDS[CARD], IdentityMethod.SIMULATED))
        answer_to_review(first)
        queued = first.submit(lambda draft: applications.submit(window.store, draft, "DEMO01"))
        window.set_helper(HELPER)
        refused = []
        window.visit_refused.connect(refused.append)
        window.start_correction(queued.application_uuid)  # still in the queue: nothing to correct
        window.tasks.wait()
        settle()
        assert [error.code for error in refused] == ["correction.not_correctable"]
        assert screen_is(window, State.HOME) and session.assistance is None
    finally:
        close_window(window)
