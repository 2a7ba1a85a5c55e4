"""Guided applications (帮办), driven without Qt: who helped, and the resident's own consent before submit.

A helper may lead the visit and type, but the resident still proves who they are and confirms the
application themselves: by laying the same card on the reader again or by signing on the screen.
The application records the helper's number and the consent evidence; the signature is an
encrypted attachment.  An outreach station (guided_only) starts nothing without a helper.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import zlib

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import applications, audit
from kiosk.errors import SessionError, ValidationError
from kiosk.guided import SIGNATURE_ATTACHMENT, helper_actor
from kiosk.identity import Identity, IdentityMethod
from kiosk.session import Defaults, Session, State
from kiosk.signature import MIN_INK_MM, PX_PER_MM, Signature
from kiosk.staff import Helper

from factories import answer_to_review, make_card

HELPER = Helper("H007", "张三")


def a_name(width: float = 120, height: float = 40) -> Signature:
    """A scrawl across the pad, like a written name: a zigzag of about 200 mm of ink."""
    points = tuple((10 + i * 2.0, height / 2 + (8 if i % 2 else -8)) for i in range(50))
    return Signature(width, height, (points,))


def guided_to_review(catalog, card, service_id: str = "senior_card", identity: Identity | None = None) -> Session:
    session = Session(catalog)
    session.start_guided(HELPER, service_id)
    assert session.state == State.GUIDE and session.assistance.helper_number == "H007"
    session.next()
    session.identify(identity or Identity.from_card(card, IdentityMethod.ID_CARD))
    answer_to_review(session)
    return session


def commit(store):
    return lambda draft: applications.submit(store, draft, "DEMO01")


def test_a_guided_application_records_the_helper_and_the_card_laid_again(catalog, store, card):
    session = guided_to_review(catalog, card)
    with pytest.raises(SessionError) as refused:  # not without the resident's own confirmation
        session.submit(commit(store))
    assert refused.value.code == "consent.required" and "sign" in refused.value.text("en")
    assert store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    session.ask_consent()
    assert session.state == State.CONSENT and session.can_consent_by_card()
    session.consent_by_card(make_card())  # the same card, laid again
    receipt = session.submit(commit(store))
    stored = applications.load(store, receipt.application_uuid)
    assert stored.assisted_by == "H007"
    assert stored.consent["method"] == "card_again" and stored.consent["signature"] is None
    assert _dt.datetime.fromisoformat(stored.consent["at"].replace("Z", "+00:00"))
    row = store.conn.execute("SELECT assistance, assisted_by FROM applications").fetchone()
    assert row == ("guided", "H007")  # the console's 'guided or self-service' needs no unsealing
    (entry,) = [r for r in store.conn.execute("SELECT actor, action, detail FROM audit_log")
                if r[1] == "application.submitted"]
    assert "guided_by=H007" in entry[2]
    assert helper_actor("H007") == "helper:H007"


def test_another_card_does_not_confirm_and_says_why(catalog, store, card):
    session = guided_to_review(catalog, card)
    session.ask_consent()
    with pytest.raises(ValidationError) as refused:
        session.consent_by_card(make_card(name="赵六", sequence=35))
    assert refused.value.code == "consent.other_card"
    assert "不是刚才核验的那张证件" in refused.value.text("zh_CN")
    assert session.consent is None and session.errors["consent"].code == "consent.other_card"
    with pytest.raises(SessionError):
        session.submit(commit(store))
    session.consent_by_card(card)
    assert "consent" not in session.errors
    session.submit(commit(store))
    assert session.state == State.RECEIPT


def test_a_signature_confirms_and_is_kept_encrypted_as_a_png_attachment(catalog, store, card, tmp_path):
    typed = card.id_number
    session = guided_to_review(catalog, card, identity=Identity(IdentityMethod.KEYPAD_WITH_HELPER, id_number=typed))
    session.ask_consent()
    assert session.can_consent_by_card()  # a card with the typed number would do too
    with pytest.raises(ValidationError) as short:
        session.consent_by_signature(Signature(120, 40, (((10, 10), (12, 11)),)))  # a tap, not a name
    assert short.value.code == "signature.too_short" and "finger" in short.value.text("en")
    session.consent_by_signature(a_name())
    png = session.consent.signature_png
    receipt = session.submit(commit(store))
    stored = applications.load(store, receipt.application_uuid)
    assert stored.consent["method"] == "signature" and stored.consent["signature"] == SIGNATURE_ATTACHMENT
    (kept,) = [a for a in stored.attachments if a.name == SIGNATURE_ATTACHMENT]
    assert kept.mime == "image/png" and kept.data == png
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = b"".join(path.read_bytes() for path in store.path.parent.glob(store.path.name + "*"))
    assert png[16:64] not in raw  # sealed: not even its header is in the file
    assert session.consent is None  # gone from memory with the rest once it is stored


def test_back_from_the_consent_or_a_failed_commit_asks_for_consent_again(catalog, store, card):
    session = guided_to_review(catalog, card)
    session.ask_consent()
    session.consent_by_card(card)
    session.back()
    assert session.state == State.REVIEW and session.consent is None
    session.ask_consent()
    assert session.consent is None  # a fresh confirmation for what is submitted now
    session.consent_by_card(card)

    def disk_full(draft):
        from kiosk.errors import DiskFullError

        raise DiskFullError()

    with pytest.raises(Exception):
        session.submit(disk_full)
    assert session.state == State.REVIEW
    session.ask_consent()
    assert session.consent is None


def test_a_refused_answer_goes_back_to_the_review_from_the_consent(catalog, store, card):
    session = guided_to_review(catalog, card)
    session.ask_consent()
    session.consent_by_card(card)
    session.answers["mobile"] = "123"  # whatever a screen did meanwhile
    with pytest.raises(ValidationError):
        session.submit(commit(store))
    assert session.state == State.REVIEW and session.submit_error.field == "mobile"


def test_starting_a_guided_visit_needs_a_helper_and_the_home_screen(catalog):
    session = Session(catalog)
    with pytest.raises(SessionError) as refused:
        session.start_guided(None, "senior_card")
    assert refused.value.code == "guided.helper_required"
    session.start_guided(HELPER)  # no service yet: the home screen, led by the helper
    assert session.state == State.HOME and session.assistance is not None
    session.choose_service("senior_card")
    with pytest.raises(SessionError):
        session.start_guided(HELPER, "senior_card")  # not in the middle of a visit
    session.wipe("finished")
    assert session.assistance is None and session.is_fresh()


def test_an_outreach_station_starts_no_service_without_a_helper(catalog, card, store):
    session = Session(catalog, Defaults(guided_only=True))
    with pytest.raises(SessionError) as refused:
        session.choose_service("senior_card")
    assert refused.value.code == "outreach.helper_required" and "上门服务" in refused.value.text("zh_CN")
    assert session.state == State.HOME
    session.start_guided(HELPER)
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    answer_to_review(session)
    session.ask_consent()
    session.consent_by_card(card)
    receipt = session.submit(commit(store))
    assert applications.load(store, receipt.application_uuid).assisted_by == "H007"


def test_a_self_service_application_carries_no_helper_and_no_consent(catalog, store, card):
    session = Session(catalog)
    session.choose_service("senior_card")
    session.next()
    session.identify(Identity.from_card(card, IdentityMethod.ID_CARD))
    answer_to_review(session)
    with pytest.raises(SessionError):
        session.ask_consent()  # nobody to confirm to: the review's Submit submits
    receipt = session.submit(commit(store))
    stored = applications.load(store, receipt.application_uuid)
    assert (stored.assisted_by, stored.consent, stored.proxy, stored.corrects) == ("", {}, {}, "")
    payload_keys = set(json.loads(store.sealer.open(store.conn.execute("SELECT payload FROM applications")
                                                    .fetchone()[0], f"application:{receipt.application_uuid}")))
    assert not payload_keys & {"assisted_by", "consent", "proxy", "corrects"}


def _png_pixels(png: bytes) -> tuple[int, int, bytes]:
    """(width, height, grey pixels) of an 8-bit greyscale PNG written without filters."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert png[24:26] == b"\x08\x00"  # 8-bit greyscale
    start = png.index(b"IDAT") + 4
    length = int.from_bytes(png[start - 8:start - 4], "big")
    raw = zlib.decompress(png[start:start + length])
    rows = [raw[r * (width + 1) + 1:(r + 1) * (width + 1)] for r in range(height)]
    return width, height, b"".join(rows)


def test_the_signature_png_shows_the_strokes_where_they_were_drawn():
    import cv2
    import numpy as np

    signature = a_name(120, 40)
    png = signature.check().png()
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)  # a real decoder reads it
    assert image.shape == (round(40 * PX_PER_MM), round(120 * PX_PER_MM))
    ink = np.argwhere(image < 128)
    top, left = ink.min(axis=0) / PX_PER_MM
    bottom, right = ink.max(axis=0) / PX_PER_MM
    assert abs(left - 10) < 1 and abs(right - 108) < 1 and abs(top - 12) < 1 and abs(bottom - 28) < 1
    assert (image > 128).mean() > 0.8  # black on white, mostly white


coordinates = st.floats(-50, 500) | st.sampled_from([math.nan, math.inf, -math.inf])
points = st.tuples(coordinates, coordinates)


@settings(max_examples=80, deadline=None)
@given(strokes=st.lists(st.lists(points, max_size=30).map(tuple), max_size=6).map(tuple),
       width=st.floats(0, 600), height=st.floats(0, 600))
def test_any_strokes_are_a_signature_with_a_png_or_refused_in_words(strokes, width, height):
    """Whatever the pad hands over (points off the pad, not numbers, a size out of range), the core
    answers with a signature whose PNG decodes at the pad's size, or a ValidationError a resident can
    read: never anything else."""
    signature = Signature(width, height, strokes)
    try:
        checked = signature.check()
    except ValidationError as error:
        assert error.code in ("signature.too_short", "signature.invalid") and error.text("zh_CN")
        return
    assert checked.ink_mm() >= MIN_INK_MM and math.isfinite(checked.ink_mm())
    w, h, pixels = _png_pixels(checked.png())
    assert (w, h) == (round(width * PX_PER_MM), round(height * PX_PER_MM))
    assert 0 in pixels  # the ink is there
    assert "(" not in repr(signature).split("strokes")[1]  # no point of it in a repr (logs)


def test_the_helpers_name_is_shown_but_never_stored(catalog, store, card):
    session = guided_to_review(catalog, card)
    assert session.assistance.helper_name == "张三"
    session.ask_consent()
    session.consent_by_card(card)
    receipt = session.submit(commit(store))
    payload = store.sealer.open(store.conn.execute("SELECT payload FROM applications").fetchone()[0],
                                f"application:{receipt.application_uuid}").decode()
    assert "张三" not in payload and "张三" not in str(audit.verify(store.conn))
