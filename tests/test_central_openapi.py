"""The reference centre against its own written contract (sync/openapi.yaml).

schemathesis generates requests from the OpenAPI document, valid and invalid,
sends them to the ASGI app in-process (no faults injected) and checks every
answer: never a 5xx, status codes, content types, headers and bodies as the
document says, invalid input refused with a 4xx.  A second, plain hypothesis
test throws raw bytes and odd headers at the upload endpoints, which a
schema-driven generator rarely does.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
import uuid as uuid_module
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from sync.central import create_app
from sync.central.limits import CentralLimits

TOKEN = "openapi-test-station-token-0123456789"
DESK_TOKEN = "openapi-test-desk-token-9876543210"  # the helper desk's (the reference centre: its admin token)
_WORKDIR = tempfile.TemporaryDirectory(prefix="waystation-openapi-")
# Wrong tokens are what several tests here send, hundreds of times: no throttling of them.
APP = create_app(Path(_WORKDIR.name) / "central.db", {"S001": TOKEN}, Ed25519PrivateKey.generate(),
                 limits=CentralLimits(auth_failures=10**9), admin_token=DESK_TOKEN)
APP.store.publish_catalog({"services": [{"id": "demo", "title": {"zh_CN": "示例", "en": "Demo"}}]})
SPEC = Path(__file__).resolve().parents[1] / "sync" / "openapi.yaml"

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# schemathesis sends the token itself, so it can also test requests without one (401 expected).
# Unknown query parameters are ignored by the contract (a tolerant reader), so none are generated.
CONFIG = SchemathesisConfig.from_dict({
    "auth": {"openapi": {"stationToken": {"bearer": TOKEN}, "deskToken": {"bearer": DESK_TOKEN}}},
    "generation": {"allow-extra-parameters": False},
})
schema = schemathesis.openapi.from_asgi("/openapi.yaml", APP, config=CONFIG)


def test_the_served_document_is_the_file_in_the_repository():
    assert asgi_call("GET", "/openapi.yaml")[2] == SPEC.read_bytes()


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_station_api_follows_its_contract(case):
    excluded = []
    if case.operation.label in ("PUT /v1/attachments/{sha256}", "GET /v1/statuses"):
        # Two relations a schema cannot state, rightly refused when generated at random:
        # a body must hash to the sha256 in its path (422 sha256_mismatch), and a cursor
        # must be one the centre issued (400 bad_cursor).  Their valid cases are covered
        # by test_sync_client.py; every other check still runs on these operations.
        excluded.append(positive_data_acceptance)
    if case.operation.label == "POST /v1/enrollments":
        # A code must be one the centre made (and not used yet): one made at random is rightly
        # 404 enrollment_code_unknown.  Redeeming real codes is covered by test_enroll.py.
        excluded.append(positive_data_acceptance)
    if (case.operation.label == "PUT /v1/applications/{uuid}" and case.meta is not None
            and case.meta.generation.mode.is_positive and isinstance(case.body, dict)
            and isinstance(case.body.get("number"), str)):
        # Two more: a number starts with the sending station's id (else 422
        # number_not_this_station), and one number is one application (else 409
        # number_taken).  A valid number for S001, one per UUID, keeps the check.
        case.body["number"] = "S001-" + case.path_parameters["uuid"].replace("-", "")
        keep_the_assisted_relations(case.body)
    if (case.operation.label == "PUT /v1/help-requests/{uuid}" and case.meta is not None
            and case.meta.generation.mode.is_positive and isinstance(case.body, dict)
            and isinstance(case.body.get("station_id"), str)):
        # A help request names the station its token belongs to (else 422 station_mismatch).
        case.body["station_id"] = "S001"
    case.call_and_validate(excluded_checks=excluded)


def test_the_help_desk_operations_are_in_the_contract_schemathesis_walks():
    """The three help-desk operations are generated above (not left out of the walk)."""
    labels = {operation.label for operation in (result.ok() for result in schema.get_all_operations())}
    assert {"PUT /v1/help-requests/{uuid}", "GET /v1/help-requests",
            "PUT /v1/applications/{uuid}/face-review"} <= labels


PRINCIPALS = ("110101195206180247", "110101195001010316")  # valid GB 11643 numbers (check digits)


def _attach(body: dict[str, Any], name: str, media_type: str) -> None:
    """List an attachment called `name`, making room (the list holds 20) by dropping a generated one."""
    sha = hashlib.sha256(name.encode()).hexdigest()
    attachments = body.setdefault("attachments", [])
    attachments[:] = [ref for ref in attachments if ref.get("name") != name and ref.get("sha256") != sha]
    ours = [ref for ref in attachments if ref.get("size") == 1 and ref.get("sha256") ==
            hashlib.sha256(ref.get("name", "").encode()).hexdigest()]
    while len(attachments) >= 20:
        attachments.remove(next(ref for ref in attachments if ref not in ours))
    attachments.append({"sha256": sha, "size": 1, "media_type": media_type, "name": name})


def keep_the_assisted_relations(body: dict[str, Any]) -> None:
    """A valid application also keeps relations a schema cannot state (ApplicationIn._assisted_relations):
    a helper's application carries consent; a signature and a proxy's letter name listed attachments; a
    proxy's agent is the verified person and its principal someone else with a valid number; a correction
    names an application corrected at most once.  Random cases are brought in line, so the check that
    schema-valid data is accepted still runs on the rest of them."""
    if body.get("corrects") is not None:
        body["corrects"] = str(uuid_module.uuid4())  # unknown to the centre: recorded as given, once
    proxy, verified = body.get("proxy"), body.get("verified")
    if proxy is not None:
        if not isinstance(verified, dict):
            del body["proxy"]
        else:
            verified["bound_answers"] = {}
            proxy["agent"]["id_number"] = verified["id_number"]
            proxy["principal"]["id_number"] = next(p for p in PRINCIPALS if p != verified["id_number"])
            proxy["bound_answers"] = {}
            _attach(body, proxy["authorisation"], "image/jpeg")
            body.setdefault("assisted_by", "H001")
    if "assisted_by" in body and body.get("consent") is None:
        body["consent"] = {"method": "signature", "at": "2026-06-01T10:00:00Z"}
    consent = body.get("consent")
    if isinstance(consent, dict):
        card_read = isinstance(verified, dict) and verified.get("card_kind") is not None
        if consent["method"] == "card_again" and card_read:
            consent.pop("signature", None)
        else:
            consent["method"] = "signature"
            consent["signature"] = consent.get("signature") or "consent_signature"
            if proxy is not None and consent["signature"] == proxy.get("authorisation"):
                consent["signature"] += "_png"
            _attach(body, consent["signature"], "image/png")


# ---- raw requests, for what the schema generator does not try -----------------------------

def asgi_call(method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b"",
              query: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Call the ASGI app directly: (status, headers, body)."""
    raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    raw_headers.append((b"content-length", str(len(body)).encode()))
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "https", "path": path, "raw_path": path.encode(), "query_string": query,
             "root_path": "", "headers": raw_headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 443)}
    sent: list[dict[str, Any]] = []
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if delivered:
            await asyncio.sleep(3600)
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(APP(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    answer_headers = {k.decode().lower(): v.decode("latin-1") for k, v in start["headers"]}
    return start["status"], answer_headers, b"".join(m.get("body", b"") for m in sent
                                                       if m["type"] == "http.response.body")


def assert_protocol_error(status: int, headers: dict[str, str], body: bytes, allowed: set[int]) -> None:
    assert status in allowed, (status, body[:200])
    assert headers["content-type"].startswith("application/json")
    error = json.loads(body)
    assert isinstance(error["code"], str) and error["code"] and isinstance(error["message"], str)


SHA = "0" * 64
ranges = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.builds(lambda a, b, t: f"bytes {a}-{b}/{t}", st.integers(0, 2**40), st.integers(0, 2**40),
              st.integers(0, 2**40)),
)


@settings(max_examples=120, deadline=None)
@given(body=st.binary(max_size=300), content_range=ranges, sha=st.sampled_from([SHA, "f" * 64, "x" * 64]))
def test_attachment_upload_refuses_bad_input_with_a_protocol_error(body, content_range, sha):
    headers = {**AUTH, "content-type": "application/octet-stream"}
    if content_range is not None:
        headers["content-range"] = content_range.encode("utf-8", "replace").decode("latin-1")
    status, answer_headers, answer = asgi_call("PUT", f"/v1/attachments/{sha}", headers, body)
    if status == 200:
        assert json.loads(answer)["state"] in ("partial", "verified")
    else:
        assert_protocol_error(status, answer_headers, answer, {400, 409, 413, 422})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20)
application_keys = st.sampled_from(["number", "service_id", "station_seq", "created_at", "form", "attachments",
                                    "locale", "corrects", "consent", "extra"])


@settings(max_examples=150, deadline=None)
@given(body=st.one_of(st.binary(max_size=200),
                      st.dictionaries(application_keys, json_values).map(lambda d: json.dumps(d).encode()),
                      st.just(b"[" * 5000), st.just(b'{"number": NaN}'), st.just(b"1" * 5000)),
       content_type=st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain", ""]))
def test_application_upload_refuses_bad_input_with_a_protocol_error(body, content_type):
    headers = {**AUTH, "content-type": content_type}
    status, answer_headers, answer = asgi_call("PUT", "/v1/applications/00000000-0000-4000-8000-000000000000",
                                               headers, body)
    if status not in (200, 201):
        assert_protocol_error(status, answer_headers, answer, {400, 409, 413, 415, 422})


@settings(max_examples=60, deadline=None)
@given(authorization=st.one_of(st.text(max_size=60).map(lambda t: t.encode("utf-8", "replace").decode("latin-1")),
                               st.just("Bearer"), st.just("Bearer wrong-token-0123456789"), st.just(f"Basic {TOKEN}")),
       path=st.sampled_from(["/v1/health?challenge=aaaaaaaaaaaaaaaa", "/v1/statuses", "/v1/catalog",
                             f"/v1/attachments/{SHA}"]))
def test_every_station_endpoint_refuses_a_wrong_token(authorization, path):
    target, _, query = path.partition("?")
    status, headers, body = asgi_call("GET", target, {"Authorization": authorization}, b"", query.encode())
    assert_protocol_error(status, headers, body, {401})
    assert headers["www-authenticate"].startswith("Bearer")


enrollment_bodies = st.one_of(
    st.binary(max_size=200),
    st.dictionaries(st.sampled_from(["code", "station_id", "token"]), json_values).map(
        lambda d: json.dumps(d).encode()),
    st.text(max_size=30).map(lambda code: json.dumps({"code": code}).encode()),
    st.just(b"[" * 5000), st.just(b'{"code": NaN}'), st.just(b"{" + b" " * 5000 + b"}"))


@settings(max_examples=150, deadline=None)
@given(body=enrollment_bodies,
       content_type=st.sampled_from(["application/json", "application/json; charset=utf-8", "text/plain", ""]))
def test_enrollment_refuses_bad_input_with_a_protocol_error(body, content_type):
    """No token needed here, so anyone can send anything: never a 5xx, never an enrollment."""
    status, headers, answer = asgi_call("POST", "/v1/enrollments", {"content-type": content_type}, body)
    assert_protocol_error(status, headers, answer, {400, 404, 413, 415, 422})


# ---- the verified identity (VerifiedIdentity) -----------------------------------------------

def test_the_verified_identity_schema_names_every_kiosk_value():
    """The contract, the centre's model and the kiosk's own values agree: nothing the kiosk sends is refused."""
    import typing

    import yaml

    from kiosk.catalog import PREFILL_SOURCES
    from kiosk.identity import CardKind, FaceCheck, IdentityMethod, Liveness
    from sync import protocol

    props = yaml.safe_load(SPEC.read_text())["components"]["schemas"]["VerifiedIdentity"]["properties"]
    for name, enum, literal in (("method", IdentityMethod, protocol.IdentityMethodName),
                                ("card_kind", CardKind, protocol.CardKindName),
                                ("face_check", FaceCheck, protocol.FaceCheckName),
                                ("liveness", Liveness, protocol.LivenessName)):
        values = {member.value for member in enum}
        assert set(props[name]["enum"]) - {None} == values == set(typing.get_args(literal)), name
    assert set(props["bound_answers"]["additionalProperties"]["enum"]) == set(PREFILL_SOURCES)
    assert set(typing.get_args(protocol.PrefillSource)) == set(PREFILL_SOURCES)


def _application(verified) -> bytes:
    import datetime as _dt

    from kiosk import app_number

    number = app_number.make("S001", _dt.date(2026, 6, 1), 11)  # this station's own number
    return json.dumps({"number": number, "service_id": "demo", "station_seq": 11,
                       "created_at": "2026-06-01T10:00:00Z", "form": {"answers": {}}, "verified": verified}).encode()


VERIFIED = {"method": "id_card", "id_number": "11010119520618002X", "card_kind": "resident", "face_check": "matched",
            "face_score": 0.71, "liveness": "passed", "bound_answers": {"id_number": "card.id_number"}}


@pytest.mark.parametrize("change", [
    {"id_number": "110101 19520618002X"}, {"method": "card"}, {"face_score": 3}, {"face_score": True},
    {"bound_answers": {"id_number": "card.photo"}}, {"extra": 1}, {"card_kind": "passport"},
], ids=["spaced-number", "unknown-method", "score-out-of-range", "score-bool", "unknown-source", "extra", "kind"])
def test_a_malformed_verified_identity_is_refused(change):
    status, _, body = asgi_call("PUT", "/v1/applications/7d8f9c5e-7d3a-4c5e-9b1a-2f4e6a8b0c1d",
                                {**AUTH, "Content-Type": "application/json"}, _application({**VERIFIED, **change}))
    assert status == 422 and json.loads(body)["code"] == "invalid_application"
    assert "11010119520618002X" not in body.decode()  # the refusal never repeats the number


def test_a_verified_identity_is_accepted_and_stored():
    uuid = "0b5e1c8a-3f7d-4a2b-9c6e-1d2f3a4b5c6d"
    status, _, _ = asgi_call("PUT", f"/v1/applications/{uuid}", {**AUTH, "Content-Type": "application/json"},
                             _application(VERIFIED))
    assert status == 201
    assert APP.store.application_body("S001", uuid)["verified"] == VERIFIED
