"""Guided, proxy and corrected applications keep personal data out of logs and out of the files in clear.

A guided application (the helper typed the name), a proxy application (two people, a letter, a
signature) and a correction are made, sent to the reference centre over TLS (one refused first),
with the kiosk's log set up as in production and every logger at DEBUG.  Then the log file, the
database with its WAL, and what the session keeps after the receipt are searched: no name, no ID
number of the resident, the agent or the principal, no signature, in clear.
"""

from __future__ import annotations

import logging

from kiosk import applications, corrections, log as log_setup, proxy
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.session import Session
from kiosk.signature import Signature
from kiosk.staff import Helper

from factories import answer_to_review, make_card
from test_sync_worker import centre, worker  # noqa: F401 (fixtures)

HELPER = Helper("H005", "赵工")
RESIDENT = make_card(name="上官婉清", sequence=24)  # not 欧阳娜娜: test_ui_idle_wipe looks for that name in memory
AGENT = make_card(name="司马长风", sequence=31)
PRINCIPAL = make_card(name="诸葛秀兰", sequence=42)
SIGNED = Signature(120, 40, (tuple((10 + i * 2.0, 20 + (8 if i % 2 else -8)) for i in range(50)),))


def forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("unicode_escape")]


def test_no_personal_data_of_either_person_in_logs_or_files(catalog, store, tmp_path, centre, worker):
    log_dir = tmp_path / "logs"
    log_setup.setup(log_dir)
    root = logging.getLogger()
    before = root.level
    root.setLevel(logging.DEBUG)
    kept_after_receipt = []
    try:
        # Guided: no card at the start, the helper typed the name; the signature confirms.
        guided = Session(catalog)
        guided.start_guided(HELPER, "senior_card")
        guided.next()
        guided.identify(Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=RESIDENT.id_number))
        assert guided.set_answers({"name": RESIDENT.name})
        answer_to_review(guided)
        guided.ask_consent()
        guided.consent_by_signature(SIGNED)
        png = guided.consent.signature_png
        first = guided.submit(lambda draft: applications.submit(store, draft, "S001"))
        kept_after_receipt.append(repr(vars(guided)))
        # Proxy: the agent's card, the principal typed, the letter photographed.
        agented = Session(catalog)
        agented.start_proxy(HELPER, "social_security_card")
        agented.next()
        agented.identify(Identity.from_card(AGENT, IdentityMethod.ID_CARD))
        agented.set_face(FaceCheck.HELPER_TO_CONFIRM)
        agented.set_answers({proxy.PRINCIPAL_NAME: PRINCIPAL.name, proxy.PRINCIPAL_ID: PRINCIPAL.id_number,
                             proxy.RELATIONSHIP: "spouse"})
        agented.next()
        answer_to_review(agented)
        agented.ask_consent()
        agented.consent_by_card(AGENT)
        agented.submit(lambda draft: applications.submit(store, draft, "S001"))
        kept_after_receipt.append(repr(vars(agented)))
        # The centre refuses the guided one; it is corrected with the resident present, and sent.
        centre.faults.add({"kind": "error", "status": 422, "code": "invalid_application", "method": "PUT",
                           "path": f"/v1/applications/{first.application_uuid}", "times": 1})
        first_pass = worker.run_once()
        assert (first_pass.quarantined, first_pass.sent) == (1, 1)  # the proxy one went
        correcting = Session(catalog)
        correcting.start_correction(HELPER, corrections.open_for_correction(store, first.application_uuid, "H005"))
        correcting.identify(Identity.from_card(RESIDENT, IdentityMethod.ID_CARD))
        answer_to_review(correcting)
        correcting.ask_consent()
        correcting.consent_by_card(RESIDENT)
        correcting.submit(lambda draft: applications.submit(store, draft, "S001"))
        kept_after_receipt.append(repr(vars(correcting)))
        assert worker.run_once().sent == 1  # the correction
        # A careless log line still goes through the kiosk's scrubbing.
        logging.getLogger("careless").warning("proxy for %s by %s", PRINCIPAL.id_number, AGENT.id_number)
    finally:
        root.setLevel(before)
        for handler in root.handlers:
            handler.flush()
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = b"".join(path.read_bytes() for path in store.path.parent.glob(store.path.name + "*"))
    logs = b"".join(path.read_bytes() for path in log_dir.iterdir())
    assert b"S001-" in raw and b"PUT /v1/applications/" in logs  # the files searched are the ones written
    for secret in (RESIDENT.name, RESIDENT.id_number, AGENT.name, AGENT.id_number, PRINCIPAL.name,
                   PRINCIPAL.id_number):
        for needle in forms(secret):
            assert needle not in raw, secret
            assert needle not in logs, secret
        for kept in kept_after_receipt:  # the session after the receipt: nothing of the visit's people
            assert secret not in kept, secret
    idat = png[png.index(b"IDAT") + 4:png.index(b"IDAT") + 40]
    assert idat not in raw and idat not in logs  # the signature is sealed like a photo
    assert PRINCIPAL.id_number[:6].encode() + b"********" in logs  # the careless line, masked
