"""Guided and proxy applications on the wire (openapi: assisted_by, Consent, Proxy), against the reference centre.

Over real HTTP and TLS on loopback: a guided application and a proxy application made on the kiosk
reach the centre with who helped, the consent, and (for the proxy) both people told apart; the
signature and the authorisation letter arrive verified.  The centre refuses what breaks the
relations between the fields, naming fields, never repeating the personal data it was sent.
"""

from __future__ import annotations

import copy
import json

import pytest

from kiosk import applications, proxy
from kiosk.guided import SIGNATURE_ATTACHMENT
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.session import Session
from kiosk.signature import Signature
from kiosk.staff import Helper
from sync.client import CentralClient
from sync.worker import application_body

from factories import answer_to_review, make_card
from test_sync_worker import TOKEN, centre, worker  # noqa: F401 (fixtures)

HELPER = Helper("H003", "王五")
AGENT = make_card(name="李大伟", sequence=31)
PRINCIPAL = make_card(name="王秀兰", sequence=42)
SIGNED = Signature(120, 40, (tuple((10 + i * 2.0, 20 + (8 if i % 2 else -8)) for i in range(50)),))


def proxy_application(store, catalog, service_id: str = "social_security_card"):
    session = Session(catalog)
    session.start_proxy(HELPER, service_id)
    session.next()
    session.identify(Identity.from_card(AGENT, IdentityMethod.ID_CARD))
    if session.needs_face():
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    session.set_answers({proxy.PRINCIPAL_NAME: PRINCIPAL.name, proxy.PRINCIPAL_ID: PRINCIPAL.id_number,
                         proxy.RELATIONSHIP: "child"})
    session.next()
    answer_to_review(session)
    session.ask_consent()
    session.consent_by_signature(SIGNED)
    return session.submit(lambda draft: applications.submit(store, draft, "S001"))


def guided_application(store, catalog, card):
    session = Session(catalog)
    session.start_guided(HELPER, "senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    answer_to_review(session)
    session.ask_consent()
    session.consent_by_card(card)
    return session.submit(lambda draft: applications.submit(store, draft, "S001"))


def test_a_guided_and_a_proxy_application_reach_the_centre_told_apart(store, catalog, card, centre, worker):
    guided = guided_application(store, catalog, card)
    agented = proxy_application(store, catalog)
    result = worker.run_once()
    assert result.sent == 2 and result.quarantined == 0
    body = centre.store.application_body("S001", guided.application_uuid)
    assert body["assisted_by"] == "H003" and body["consent"]["method"] == "card_again" and body["proxy"] is None
    assert body["verified"]["id_number"] == card.id_number
    body = centre.store.application_body("S001", agented.application_uuid)
    assert body["proxy"]["agent"] == {"name": AGENT.name, "id_number": AGENT.id_number}
    assert body["proxy"]["principal"] == {"name": PRINCIPAL.name, "id_number": PRINCIPAL.id_number}
    assert body["verified"]["id_number"] == AGENT.id_number  # the verified person is the agent
    assert body["form"]["answers"]["id_number"] == PRINCIPAL.id_number  # the application is the principal's
    assert body["proxy"]["bound_answers"] == {"name": "principal.name", "sex": "principal.sex",
                                              "id_number": "principal.id_number"}
    stored = applications.load(store, agented.application_uuid)
    for name in (proxy.LETTER, SIGNATURE_ATTACHMENT):
        (attachment,) = [a for a in stored.attachments if a.name == name]
        assert centre.store.attachment_bytes("S001", attachment.sha256) == attachment.data


def _refusal(client, uuid: str, body: dict) -> tuple[int, dict, bytes]:
    answer = client._call("PUT", f"/applications/{uuid}", data=json.dumps(body, ensure_ascii=False).encode(),
                          headers={"Content-Type": "application/json"})
    return answer.status, json.loads(answer.body), answer.body


BREAKS = {
    "no consent": lambda b: b.pop("consent"),
    "signature not listed": lambda b: b.update(attachments=[a for a in b["attachments"]
                                                            if a["name"] != SIGNATURE_ATTACHMENT]),
    "signature not a png": lambda b: [a.update(media_type="image/jpeg") for a in b["attachments"]
                                      if a["name"] == SIGNATURE_ATTACHMENT],
    "card again without a card": lambda b: (b["consent"].update(method="card_again", signature=None),
                                            b["verified"].update(card_kind=None)),
    "consent method": lambda b: b["consent"].update(method="nod"),
    "agent not the verified person": lambda b: b["proxy"]["agent"].update(id_number=PRINCIPAL.id_number),
    "principal check digit": lambda b: b["proxy"]["principal"].update(
        id_number=PRINCIPAL.id_number[:-1] + ("1" if PRINCIPAL.id_number[-1] != "1" else "2")),
    "principal is the agent": lambda b: b["proxy"]["principal"].update(id_number=AGENT.id_number),
    "letter not listed": lambda b: b["proxy"].update(authorisation="no_such_letter"),
    "answer not the principal's": lambda b: b["form"]["answers"].update(name=AGENT.name),
    "bound to the agent's card": lambda b: b["verified"].update(bound_answers={"name": "card.name"}),
    "proxy without a helper": lambda b: (b.pop("assisted_by"), b.pop("consent")),
    "relationship": lambda b: b["proxy"].update(relationship="neighbour"),
    "helper number": lambda b: b.update(assisted_by="H 003"),
}


@pytest.mark.parametrize("name", list(BREAKS))
def test_the_centre_refuses_a_broken_relation_without_repeating_personal_data(store, catalog, centre, tls, name):
    agented = proxy_application(store, catalog)
    good = application_body(store, applications.load(store, agented.application_uuid))
    client = CentralClient(centre.url, TOKEN, ca_bundle=tls.ca_file, read_timeout=5)
    broken = copy.deepcopy(good)
    BREAKS[name](broken)
    status, error, raw = _refusal(client, agented.application_uuid, broken)
    assert (status, error["code"]) == (422, "invalid_application"), (name, error)
    for secret in (AGENT.name, PRINCIPAL.name, AGENT.id_number, PRINCIPAL.id_number):
        assert secret.encode() not in raw and json.dumps(secret).encode() not in raw
    assert centre.store.application_body("S001", agented.application_uuid) is None
    status, _, _ = _refusal(client, agented.application_uuid, good)  # the unbroken one is taken
    assert status == 201
