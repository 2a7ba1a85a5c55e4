"""Correct and resend: an application the centre set aside becomes a new application linked to the old.

The core (no Qt): a helper opens a set-aside application (audited), the form comes back filled in,
the same resident proves who they are, confirms, submits; the result is a new application with a
new number that names the old one (`corrects`), and the old one is marked corrected, leaves the
queue and loses its personal data in the same transaction.  Then over real HTTP and TLS on
loopback against the reference centre: the centre records the link (for an application it refused,
and for one it sent back with `needs_correction`), and refuses links it must not take.
"""

from __future__ import annotations

import json

import pytest

from kiosk import applications, corrections, outbox, receipts
from kiosk.errors import SessionError, ValidationError
from kiosk.guided import SIGNATURE_ATTACHMENT
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.session import Session, State
from kiosk.signature import Signature
from kiosk.staff import Helper
from sync.client import CentralClient
from sync.worker import application_body

from factories import TINY_JPEG, answer_to_review, fill_to_review, make_card
from test_sync_worker import TOKEN, centre, worker  # noqa: F401 (fixtures)

HELPER = Helper("H009", "李四")
SIGNED = Signature(120, 40, (tuple((10 + i * 2.0, 20 + (8 if i % 2 else -8)) for i in range(50)),))


def submit_self_service(store, catalog, card, service_id="residence_permit", station="DEMO01"):
    session = Session(catalog)
    fill_to_review(session, service_id, card)
    return session.submit(lambda draft: applications.submit(store, draft, station))


def set_aside(store, uuid: str) -> None:
    row = outbox.head(store)
    assert row.application_uuid == uuid
    outbox.quarantine(store, row, "sync.rejected", server_code="invalid_application", field="form",
                      message="the centre's words")


def correct(store, catalog, uuid: str, card, change=None, station="DEMO01", signature=False):
    """A helper corrects the application `uuid` with its resident present, up to the receipt."""
    source = corrections.open_for_correction(store, uuid, HELPER.number)
    session = Session(catalog)
    session.start_correction(HELPER, source)
    assert session.state == State.IDENTITY
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    if change:
        session.set_answers(change)
    answer_to_review(session)
    session.ask_consent()
    if signature:
        session.consent_by_signature(SIGNED)
    else:
        session.consent_by_card(card)
    return session.submit(lambda draft: applications.submit(store, draft, station)), session


# -- the core -----------------------------------------------------------------------------------------


def test_a_set_aside_application_is_corrected_as_a_new_linked_one(store, catalog, card):
    old = submit_self_service(store, catalog, card)
    set_aside(store, old.application_uuid)
    assert corrections.correctable(store, old.application_uuid)
    source = corrections.open_for_correction(store, old.application_uuid, HELPER.number)
    assert source.answers["local_address"] == "北京市东城区景山前街4号"  # the form comes back filled in
    assert set(source.photos) == {"address_proof_photo", "work_proof_photo"}  # not the old face photo
    new, session = correct(store, catalog, old.application_uuid, card, change={"mobile": "13900139000"})
    assert new.number != old.number and new.application_uuid != old.application_uuid
    stored = applications.load(store, new.application_uuid)
    assert stored.corrects == old.application_uuid and stored.assisted_by == HELPER.number
    assert stored.answers["mobile"] == "13900139000"
    assert stored.answers["local_address"] == "北京市东城区景山前街4号"
    assert corrections.link(store, old.application_uuid) == {"corrects": None, "corrected_by": new.application_uuid}
    assert corrections.link(store, new.application_uuid)["corrects"] == old.application_uuid
    # The old one: marked corrected, out of the queue for good, its personal data gone (the new one holds it).
    status = receipts.status_by_number(store, old.number)
    assert status.status == corrections.CORRECTED
    assert outbox.quarantined(store) == [] and not corrections.correctable(store, old.application_uuid)
    left = store.conn.execute("SELECT payload, purged_at FROM applications WHERE uuid = ?",
                              (old.application_uuid,)).fetchone()
    assert left[0] is None and left[1]
    assert store.conn.execute("SELECT count(*) FROM attachments WHERE application_uuid = ? AND data IS NOT NULL",
                              (old.application_uuid,)).fetchone()[0] == 0
    assert [row[0] for row in store.conn.execute("SELECT application_uuid FROM outbox")] == [new.application_uuid]
    # Both helper actions are audited with the helper's number, never with the resident's data.
    audited = store.conn.execute("SELECT actor, action, subject, detail FROM audit_log WHERE actor LIKE 'helper:%'"
                                 " ORDER BY id").fetchall()
    opened = ("helper:H009", "application.opened", old.number, "reason=correction")
    assert audited == [opened, opened,  # looked at once above, then opened for the correction
                       ("helper:H009", "application.corrected", old.number, f"by={new.number} purged")]


def test_the_correction_must_be_proven_by_the_same_person(store, catalog, card):
    old = submit_self_service(store, catalog, card)
    set_aside(store, old.application_uuid)
    session = Session(catalog)
    session.start_correction(HELPER, corrections.open_for_correction(store, old.application_uuid, HELPER.number))
    with pytest.raises(ValidationError) as refused:
        session.identify(Identity.from_card(make_card(name="赵六", sequence=35), IdentityMethod.ID_CARD))
    assert refused.value.code == "correction.other_person" and "原申请人本人" in refused.value.text("zh_CN")
    assert session.state == State.IDENTITY and session.identity is None


def test_only_what_waits_for_a_correction_can_be_opened(store, catalog, card):
    queued = submit_self_service(store, catalog, card)
    assert not corrections.correctable(store, queued.application_uuid)
    with pytest.raises(SessionError) as refused:
        corrections.open_for_correction(store, queued.application_uuid, HELPER.number)
    assert refused.value.code == "correction.not_correctable"
    with pytest.raises(SessionError):
        corrections.open_for_correction(store, "no-such-uuid", HELPER.number)


def test_a_retry_meanwhile_makes_the_correction_fail_whole(store, catalog, card):
    """The old one was sent again (Retry) while the correction was being filled in: the correction is
    refused at its commit and nothing of it is kept; the resident is told on the review."""
    old = submit_self_service(store, catalog, card)
    set_aside(store, old.application_uuid)
    session = Session(catalog)
    session.start_correction(HELPER, corrections.open_for_correction(store, old.application_uuid, HELPER.number))
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    answer_to_review(session)
    session.ask_consent()
    session.consent_by_card(card)
    outbox.requeue(store, old.application_uuid, "helper:H001")
    with pytest.raises(SessionError) as refused:
        session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    assert refused.value.code == "correction.not_correctable"
    assert session.state == State.REVIEW and session.submit_error is refused.value
    assert store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 1
    assert corrections.link(store, old.application_uuid)["corrected_by"] is None


def test_a_proxy_application_is_corrected_as_a_proxy_one(store, catalog):
    from kiosk import proxy

    agent, principal = make_card(name="李大伟", sequence=31), make_card(name="王秀兰", sequence=42)
    session = Session(catalog)
    session.start_proxy(HELPER, "senior_card")
    session.next()
    session.identify(Identity.from_card(agent, IdentityMethod.ID_CARD))
    session.set_answers({proxy.PRINCIPAL_NAME: principal.name, proxy.PRINCIPAL_ID: principal.id_number,
                         proxy.RELATIONSHIP: "parent"})
    session.next()
    answer_to_review(session)
    session.ask_consent()
    session.consent_by_signature(SIGNED)
    old = session.submit(lambda draft: applications.submit(store, draft, "DEMO01"))
    set_aside(store, old.application_uuid)
    source = corrections.open_for_correction(store, old.application_uuid, HELPER.number)
    assert source.mode == "proxy" and source.answers[proxy.PRINCIPAL_ID] == principal.id_number
    assert proxy.LETTER in source.photos and SIGNATURE_ATTACHMENT not in source.photos  # sign again
    new, _ = correct(store, catalog, old.application_uuid, agent, signature=True)
    stored = applications.load(store, new.application_uuid)
    assert stored.proxy["principal"]["id_number"] == principal.id_number and stored.corrects == old.application_uuid


# -- with the reference centre, over HTTP and TLS ------------------------------------------------------


def test_a_record_the_centre_refused_is_corrected_and_the_centre_records_the_link(store, catalog, card, centre,
                                                                                   worker):
    old = submit_self_service(store, catalog, card, service_id="senior_card", station="S001")
    centre.faults.add({"kind": "error", "status": 422, "code": "invalid_application", "method": "PUT",
                       "path": f"/v1/applications/{old.application_uuid}", "times": 1})
    result = worker.run_once()
    assert result.quarantined == 1 and receipts.status_by_number(store, old.number).status == "set_aside"
    new, _ = correct(store, catalog, old.application_uuid, card, change={"mobile": "13900139000"}, station="S001",
                     signature=True)
    result = worker.run_once()
    assert result.sent == 1 and result.quarantined == 0
    body = centre.store.application_body("S001", new.application_uuid)
    assert body["corrects"] == old.application_uuid and body["assisted_by"] == HELPER.number
    assert body["consent"]["method"] == "signature" and body["form"]["answers"]["mobile"] == "13900139000"
    (link,) = centre.store.corrections("S001")
    assert link["uuid"] == new.application_uuid and link["corrects"] == old.application_uuid
    assert link["old_known"] is False  # the centre never kept what it refused
    assert centre.store.application_body("S001", old.application_uuid) is None  # the old one is never sent
    signature = next(a for a in applications.load(store, new.application_uuid).attachments
                     if a.name == SIGNATURE_ATTACHMENT)
    assert centre.store.attachment_bytes("S001", signature.sha256) == signature.data
    assert worker.run_once().sent == 0  # nothing more to send: the old one left the queue


def test_a_record_sent_back_for_correction_is_linked_on_the_centre(store, catalog, card, centre, worker, tls):
    old = submit_self_service(store, catalog, card, service_id="senior_card", station="S001")
    assert worker.run_once().sent == 1
    centre.store.set_status(old.application_uuid, "needs_correction", "请补充紧急联系人")
    worker._last_pull = 0.0  # pull now, not in PULL_EVERY seconds
    worker.run_once()
    assert receipts.status_by_number(store, old.number).status == "needs_correction"
    assert corrections.correctable(store, old.application_uuid)
    new, _ = correct(store, catalog, old.application_uuid, card, change={"emergency_contact": "王小明"},
                     station="S001")
    assert worker.run_once().sent == 1
    (link,) = centre.store.corrections("S001")
    assert link["old_known"] is True and link["corrects"] == old.application_uuid
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    receipt = client._call("GET", f"/applications/{old.application_uuid}")
    assert json.loads(receipt.body)["corrected_by"] == new.application_uuid  # the centre's view of the old one
    # The old one was accepted by the centre: its data goes with the usual retention, not at once.
    assert store.conn.execute("SELECT payload IS NOT NULL FROM applications WHERE uuid = ?",
                              (old.application_uuid,)).fetchone()[0] == 1
    # A second correction of the same application is refused by the centre (409 already_corrected).
    again = applications.load(store, new.application_uuid)
    body = application_body(store, again)
    body["number"] = body["number"][:-9] + "999999-00"
    other_uuid = "5d0c7c44-8f5a-4c1d-9f3e-0a1b2c3d4e5f"
    answer = client._call("PUT", f"/applications/{other_uuid}", data=json.dumps(body).encode(),
                          headers={"Content-Type": "application/json"})
    assert answer.status == 409 and json.loads(answer.body)["code"] == "already_corrected"


@pytest.mark.parametrize("case, status, code", [
    ("self", 422, "invalid_application"),
    ("other_station", 422, "correction_not_this_station"),
    ("other_service", 422, "correction_other_service"),
])
def test_the_centre_refuses_a_link_it_must_not_take(store, catalog, card, centre, tls, case, status, code):
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    old = submit_self_service(store, catalog, card, service_id="senior_card", station="S001")
    old_app = applications.load(store, old.application_uuid)
    old_body = application_body(store, old_app)
    if case == "other_station":
        # The same UUID already held for another station: written to the centre's store as that station.
        from sync.protocol import ApplicationIn, content_hash

        parsed = ApplicationIn.model_validate({**old_body, "number": "S002" + old_body["number"][4:]})
        centre.store.put_application("S002", old.application_uuid, parsed, content_hash(parsed.model_dump()))
    else:
        assert client.put_application(old.application_uuid, old_body).uuid == old.application_uuid
    body = dict(old_body, number=old_body["number"][:-9] + "777777-00", corrects=old.application_uuid)
    uuid = "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d"
    if case == "self":
        body["corrects"] = uuid
    if case == "other_service":
        body["service_id"] = "household_certificate"
    answer = client._call("PUT", f"/applications/{uuid}", data=json.dumps(body).encode(),
                          headers={"Content-Type": "application/json"})
    assert answer.status == status and json.loads(answer.body)["code"] == code, answer.body
    assert centre.store.corrections() == []
