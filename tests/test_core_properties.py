"""Property tests (hypothesis) for the core: encryption, the audit chain, the store, the session.

Each property is something a resident, helper or auditor relies on: sealed data
opens only unchanged and in its own row; any run of audit entries verifies and
any single changed row is named; whatever is submitted reads back the same, in
send order; and no sequence of touches leads the session into a state it cannot
be in, while "cancel" always leaves a fresh home screen with nothing of the
resident in it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from factories import TINY_JPEG, make_card
from kiosk import applications, audit, catalog as catalog_mod, crypto, outbox, samples
from kiosk.applications import Attachment, Draft
from kiosk.errors import AuditError, CryptoError, KioskError, SessionError, ValidationError
from kiosk.identity import FaceCheck, Identity, IdentityMethod
from kiosk.migrations import MIGRATIONS
from kiosk.receipts import Receipt
from kiosk.session import Session, State
from kiosk.store import Store

KEY = bytes(range(32))
SEALER = crypto.Sealer(KEY)
CONTEXTS = st.text(min_size=0, max_size=40)


# ---- encryption -------------------------------------------------------------------------------

@given(data=st.binary(max_size=4096), context=CONTEXTS)
def test_sealed_bytes_open_to_exactly_what_went_in(data, context):
    blob = SEALER.seal(data, context)
    assert SEALER.open(blob, context) == data
    assert len(blob) == len(data) + 1 + 12 + 16  # version, nonce, tag: nothing else is added


@given(data=st.binary(min_size=0, max_size=512), context=CONTEXTS, where=st.integers(min_value=0),
       bit=st.integers(min_value=0, max_value=7))
def test_any_flipped_bit_is_refused(data, context, where, bit):
    blob = bytearray(SEALER.seal(data, context))
    blob[where % len(blob)] ^= 1 << bit
    with pytest.raises(CryptoError):
        SEALER.open(bytes(blob), context)


@given(data=st.binary(max_size=256), context=CONTEXTS, other=CONTEXTS, cut=st.integers(min_value=1, max_value=40))
def test_a_blob_opens_only_in_its_own_row_and_only_whole(data, context, other, cut):
    blob = SEALER.seal(data, context)
    if other != context:
        with pytest.raises(CryptoError):
            SEALER.open(blob, other)
    with pytest.raises(CryptoError):
        SEALER.open(blob[:-cut], context)
    with pytest.raises(CryptoError):
        crypto.Sealer(bytes(32)).open(blob, context)


# ---- audit chain ------------------------------------------------------------------------------

def _audit_db() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for statement in MIGRATIONS[0]:
        if "audit_log" in statement and "TRIGGER" not in statement:
            conn.execute(statement)
    return conn


ENTRY = st.tuples(st.sampled_from(["kiosk", "sync", "helper"]), st.text(min_size=1, max_size=30),
                  st.text(max_size=30), st.text(max_size=60))
COLUMNS = ("at", "actor", "action", "subject", "detail", "prev_hash", "hash")


@given(entries=st.lists(ENTRY, max_size=30))
def test_any_sequence_of_appends_verifies(entries):
    conn = _audit_db()
    for entry in entries:
        audit.append(conn, *entry)
    assert audit.verify(conn) == len(entries)


@given(entries=st.lists(ENTRY, min_size=1, max_size=15), data=st.data())
def test_any_single_changed_row_is_named(entries, data):
    conn = _audit_db()
    for entry in entries:
        audit.append(conn, *entry)
    row = data.draw(st.integers(min_value=1, max_value=len(entries)), label="row")
    column = data.draw(st.sampled_from(COLUMNS), label="column")
    old = conn.execute(f"SELECT {column} FROM audit_log WHERE id = ?", (row,)).fetchone()[0]
    new = data.draw(st.text(max_size=64).filter(lambda text: text != old), label="new value")
    conn.execute(f"UPDATE audit_log SET {column} = ? WHERE id = ?", (new, row))
    with pytest.raises(AuditError) as caught:
        audit.verify(conn)
    assert caught.value.params["row"] == row  # the changed row itself, whichever column changed


# ---- store ------------------------------------------------------------------------------------

ANSWERS = st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True), st.text(max_size=40), max_size=6)
PHOTOS = st.lists(st.binary(min_size=1, max_size=2048), max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts=st.lists(st.tuples(ANSWERS, PHOTOS), min_size=1, max_size=4))
def test_whatever_is_submitted_reads_back_the_same_in_send_order(drafts):
    with tempfile.TemporaryDirectory() as tmp, contextlib.closing(
            Store(Path(tmp) / "w.db", crypto.Sealer(KEY))) as store:
        uuids = []
        for answers, photos in drafts:
            draft = Draft("senior_card", "zh_CN", answers,
                          [Attachment(f"photo_{i}", "image/jpeg", data) for i, data in enumerate(photos)],
                          identity={"method": "simulated"}, id_number="11010519491231002X")
            uuids.append(applications.submit(store, draft, "S001").application_uuid)
        for uuid, (answers, photos) in zip(uuids, drafts):
            loaded = applications.load(store, uuid)
            assert loaded.answers == answers
            assert [a.data for a in loaded.attachments] == photos
        assert [row.application_uuid for row in outbox.due(store, 100, now=1e12)] == uuids
        raw = b"".join(path.read_bytes() for path in Path(tmp).glob("w.db*"))
        # What is in clear by design (the schema's own words, numbers, times, uuids, the audit log's codes)
        # is not a leak: an answer "created_" is found in the table definitions, "submitte" in the audit
        # action "application.submitted" (Hypothesis draws such strings from the code's own constants).
        clear = b"".join(row[0].encode() for row in store.conn.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL UNION ALL "
            "SELECT number || uuid || created_at FROM applications UNION ALL "
            "SELECT actor || action || subject || detail FROM audit_log"))
        for answers, photos in drafts:  # sealed at rest: no answer or photo of 8+ bytes in clear
            for secret in [v.encode() for v in answers.values()] + photos:
                if len(secret) >= 8 and len(set(secret)) > 2 and secret not in clear:
                    assert secret not in raw
        assert audit.verify(store.conn) == len(drafts)


# ---- the resident's session -------------------------------------------------------------------

CATALOG = catalog_mod.bundled()
CARD = make_card()


def _receipt(draft: Draft) -> Receipt:
    return Receipt("DEMO01-261124-000017", draft.uuid, draft.service_id, "2026-11-24T01:00:00Z")


def _legal_actions(session: Session) -> tuple[list[tuple[str, object]], list[tuple[str, object]]]:
    """What a resident (or the UI on their behalf) can do on the current screen:
    (steps forward, everything else).  Forward steps are drawn more often, so the
    sequences reach the documents, the review and the receipt, not only the home screen."""
    state = session.state
    anywhere = [("elder", True), ("elder", False), ("locale", "en"), ("volume", 0.3), ("rate", 220),
                ("cancel", None)] + [(name, None) for name in ("set_sound_panel", "show_notice")
                                     if hasattr(session, name)]
    if state == State.HOME:
        return [("choose", s.id) for s in CATALOG.services], anywhere + [("status", None)]
    if state == State.STATUS:
        return [("show_status", None)], anywhere + [("back", None)]
    if state == State.GUIDE:
        return [("next", None)], anywhere + [("back", None)]
    if state == State.IDENTITY:
        forward = [("face", None)] if session.identity is not None and session.needs_face() else [("identify", None)]
        return forward, anywhere + [("identify", None), ("back", None)]
    if state == State.FORM:
        fields = session.page_fields()
        return [("fill_page", None)], anywhere + [("answer", f.id) for f in fields] + [
            ("bad_answer", f.id) for f in fields] + [("next", None), ("back", None)]
    if state == State.DOCUMENTS:
        return [("photo_next", None)], anywhere + [("photo", True), ("photo", False), ("next", None), ("back", None)]
    if state == State.REVIEW:
        # A field bound to the verified identity has no "change" (test_identity_binding.py).
        editable = [f for f in session.service.fields if f.id not in session.bound_fields()]
        return [("submit", True)], anywhere + [("edit", f.id) for f in editable] + [
            ("back", None), ("submit", False)]
    if state == State.RECEIPT:
        return [("finish", None)], anywhere
    raise AssertionError(f"no actions in {state}")


def _do(session: Session, action: str, arg) -> None:
    if action == "elder":
        session.set_elder_mode(arg)
    elif action == "locale":
        session.set_locale(arg)
    elif action == "volume":
        session.set_volume(arg)
    elif action == "rate":
        session.set_rate(arg)
    elif action == "set_sound_panel":
        session.set_sound_panel(True)
    elif action == "show_notice":
        session.show_notice("help_coming")
    elif action in ("cancel", "finish"):
        session.cancel()
    elif action == "choose":
        session.choose_service(arg)
    elif action == "status":
        session.open_status()
    elif action == "show_status":
        session.show_status([])
    elif action == "next":
        session.next()
    elif action == "back":
        session.back()
    elif action == "identify":
        session.identify(Identity.from_card(CARD, IdentityMethod.SIMULATED))
    elif action == "face":
        session.set_face(FaceCheck.HELPER_TO_CONFIRM)
    elif action == "answer":
        session.set_answer(arg, samples.answer_for(session.service.field(arg)))
    elif action == "fill_page":
        session.next({f.id: samples.answer_for(f) for f in session.page_fields()})
    elif action == "photo_next":
        session.add_photo(session.current_document().id, TINY_JPEG)
        session.next()
    elif action == "bad_answer":
        session.set_answer(arg, "\x00")
    elif action == "photo":
        session.add_photo(session.current_document().id, TINY_JPEG if arg else b"not a photo")
    elif action == "edit":
        session.edit(arg)
    elif action == "submit":
        def fail(draft: Draft) -> Receipt:
            raise KioskError("store.disk_full")
        try:
            session.submit(_receipt if arg else fail)
        except ValidationError:
            assert session.state == State.REVIEW  # something still invalid: named, nothing lost
        except KioskError as error:
            assert not isinstance(error, SessionError)
            assert session.state == State.REVIEW and session.submit_error is error


def _holds_nothing_personal(session: Session) -> bool:
    return (session.identity is None and not session.answers and not session.raw_input
            and not session.photos and not session.errors and session.status_results is None)


def _check_invariants(session: Session) -> None:
    state = session.state
    assert isinstance(state, State) and state != State.SUBMITTED  # submit() never stops half way
    if state == State.HOME:
        assert session.service is None and _holds_nothing_personal(session)
    if state == State.STATUS:
        assert session.service is None and session.identity is None and not session.answers
    if state in (State.GUIDE, State.IDENTITY, State.FORM, State.DOCUMENTS, State.REVIEW):
        assert session.service is not None and session.receipt is None
    if state in (State.FORM, State.DOCUMENTS, State.REVIEW):
        assert session.identity is not None and not session.needs_face()
    if state == State.FORM:
        assert 0 <= session.page < len(session.pages()) and session.page_fields()
    if state == State.DOCUMENTS:
        assert 0 <= session.doc_index < len(session.service.photo_fields)
    if state == State.REVIEW:
        assert all(f.id in session.answers for f in session.service.form_fields if f.required)
    if state == State.RECEIPT:
        assert session.receipt is not None and _holds_nothing_personal(session)
    assert set(session.raw_input) <= set(session.errors)  # typed text that did not validate says why


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_legal_touches_never_reach_an_illegal_state_and_cancel_always_wipes(data):
    session = Session(CATALOG, today=lambda: _dt.date(2026, 11, 24))
    for _ in range(data.draw(st.integers(min_value=1, max_value=60), label="steps")):
        forward, other = _legal_actions(session)
        choices = forward if data.draw(st.integers(min_value=0, max_value=9), label="kind") < 6 else other
        action, arg = data.draw(st.sampled_from(choices), label="action")
        _do(session, action, arg)  # a legal action never raises SessionError
        _check_invariants(session)
        if action in ("cancel", "finish"):
            assert session.is_fresh() and _holds_nothing_personal(session)
    session.cancel()
    assert session.state == State.HOME and session.is_fresh() and _holds_nothing_personal(session)
