"""Faces a helper must confirm, in the core: kept with the application (the card photo sealed), opened
and decided by a helper (both audited with the helper's number), closed as not_decided when nobody
decides in time, and queued to the centre only once it has the application."""

from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import applications, audit, face_reviews, retention
from kiosk.applications import Attachment, Draft
from kiosk.errors import KioskError
from kiosk.outbox import Accepted, mark_done

ID_NUMBER = "11010519491231002X"
LIVE = b"\xff\xd8live-face-photo-bytes" + b"L" * 500
CARD = b"\x89PNG\r\n\x1a\ncard-photo-bytes" + b"C" * 500


def submit(store, face: str = "helper_to_confirm", card_photo: bytes | None = CARD, **identity) -> applications.Draft:
    draft = Draft("senior_card", "zh_CN", {"name": "张三"}, [Attachment("face_photo", "image/jpeg", LIVE)],
                  identity={"method": "id_card", "face": face, "liveness": "passed", **identity},
                  id_number=ID_NUMBER, card_photo=card_photo)
    applications.submit(store, draft, "S001")
    return draft


def accept(store, draft) -> None:
    mark_done(store, [Accepted(draft.uuid, "C000000001", "2026-11-24T10:00:00Z", "received")])


def test_only_faces_left_to_a_helper_wait_and_the_list_holds_nothing_personal(store):
    waiting = submit(store, face_distance="0.7100", face_threshold="0.5/0.62")
    submit(store, face="matched")
    (item,) = face_reviews.waiting(store)
    assert (item.application_uuid, item.liveness, item.matcher) == (waiting.uuid, "passed", "not_matched")
    assert item.has_live_photo and item.has_card_photo
    assert ID_NUMBER not in repr(item) and "张三" not in repr(item)


def test_the_card_photo_is_sealed_at_rest(store):
    submit(store)
    raw = store.conn.execute("SELECT card_photo FROM face_reviews").fetchone()[0]
    assert raw and b"card-photo-bytes" not in raw
    assert b"card-photo-bytes" not in store.path.read_bytes()


def test_opening_is_audited_before_the_photos_are_given_and_a_decision_closes_it(store):
    draft = submit(store)
    photos = face_reviews.open_photos(store, draft.uuid, "0007")
    assert (photos.live, photos.card) == (LIVE, CARD)
    decision = face_reviews.decide(store, draft.uuid, "0007", same_person=False)
    assert (decision.outcome, decision.decided_by) == ("not_same_person", "0007")
    rows = store.conn.execute("SELECT actor, action, subject, detail FROM audit_log WHERE action LIKE 'face.%'"
                              " ORDER BY id").fetchall()
    assert rows == [("helper:0007", "face.photos_opened", photos.number, ""),
                    ("helper:0007", "face.decided", photos.number, "outcome=not_same_person")]
    assert store.conn.execute("SELECT card_photo FROM face_reviews").fetchone() == (None,)  # gone at once
    assert face_reviews.waiting(store) == []
    for again in (lambda: face_reviews.decide(store, draft.uuid, "0008", True),
                  lambda: face_reviews.open_photos(store, draft.uuid, "0008")):
        with pytest.raises(KioskError) as closed:
            again()
        assert closed.value.code == "face.already_decided"
    assert audit.verify(store.conn) >= 3


def test_a_card_without_a_photo_and_no_camera_still_wait_for_a_helper(store):
    draft = Draft("senior_card", "zh_CN", {"name": "张三"}, [], identity={"method": "id_card",
                  "face": "helper_to_confirm", "liveness": "skipped"}, id_number=ID_NUMBER)
    applications.submit(store, draft, "S001")
    (item,) = face_reviews.waiting(store)
    assert not item.has_live_photo and not item.has_card_photo and item.matcher == "not_compared"
    assert face_reviews.open_photos(store, draft.uuid, "0007") == face_reviews.Photos(item.number, None, None)


def test_nobody_deciding_in_time_closes_it_as_not_decided(store):
    draft = submit(store)
    later = _dt.datetime.now(_dt.UTC) + _dt.timedelta(hours=face_reviews.DECIDE_WITHIN_HOURS, minutes=1)
    assert face_reviews.waiting(store, now=later) == []
    row = store.conn.execute("SELECT outcome, decided_by, card_photo FROM face_reviews").fetchone()
    assert row == ("not_decided", None, None)
    assert store.conn.execute("SELECT actor FROM audit_log WHERE action = 'face.not_decided'").fetchone() == ("kiosk",)
    accept(store, draft)
    (decision,) = face_reviews.due(store)
    assert decision.body()["outcome"] == "not_decided" and decision.body()["helper_number"] is None


def test_a_clock_set_far_back_does_not_stretch_the_wait(store):
    submit(store)
    earlier = _dt.datetime.now(_dt.UTC) - _dt.timedelta(hours=face_reviews.DECIDE_WITHIN_HOURS + 1)
    assert face_reviews.expire(store, now=earlier) == 1


def test_a_decision_goes_to_the_centre_only_after_the_application(store):
    draft = submit(store)
    face_reviews.decide(store, draft.uuid, "0007", same_person=True)
    assert face_reviews.due(store) == []  # the centre has not acknowledged the application yet
    accept(store, draft)
    (decision,) = face_reviews.due(store)
    assert decision.body() == {"outcome": "same_person", "helper_number": "0007", "decided_at": decision.decided_at}
    face_reviews.claim(store, draft.uuid, wait=60)
    assert face_reviews.due(store) == [] and face_reviews.attempts(store, draft.uuid) == 1
    face_reviews.mark_sent(store, draft.uuid)
    assert face_reviews.due(store, now=10**12) == []


def test_the_photos_are_not_purged_while_a_helper_has_still_to_look(store):
    draft = submit(store)
    accept(store, draft)
    assert retention.purge(store, 0) == []
    assert face_reviews.open_photos(store, draft.uuid, "0007").live == LIVE
    face_reviews.decide(store, draft.uuid, "0007", same_person=True)
    assert len(retention.purge(store, 0)) == 1
    assert store.conn.execute("SELECT count(*) FROM attachments WHERE data IS NOT NULL").fetchone() == (0,)


@given(distance=st.one_of(st.just(""), st.text(max_size=8), st.floats(allow_nan=True).map(str)),
       thresholds=st.one_of(st.just(""), st.text(max_size=12), st.tuples(st.floats(0, 2), st.floats(0, 2))
                            .map(lambda pair: f"{pair[0]}/{pair[1]}")))
def test_the_matchers_view_is_read_from_any_record_without_failing(distance, thresholds):
    view = face_reviews.matcher_view({"face_distance": distance, "face_threshold": thresholds})
    assert view in (face_reviews.NOT_MATCHED, face_reviews.UNCLEAR, face_reviews.NOT_COMPARED)
    if distance == "":
        assert view == face_reviews.NOT_COMPARED
