"""Reading what the network answers: parsed as the centre's, or the SyncError that says what to do.

Anything on the path can answer (a portal, a proxy, a broken gateway), so the
parsers get arbitrary statuses, headers and bytes (hypothesis); the error
classes and messages are checked against what the outbox worker relies on.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import SyncError
from kiosk.messages import all_messages, placeholders
from sync import errors as sync_errors
from sync.answers import (
    MAX_RETRY_AFTER,
    RawAnswer,
    error_for_status,
    parse_answer,
    retry_after_seconds,
)
from sync.errors import (
    SyncAuthError,
    SyncCatalogRefused,
    SyncConflict,
    SyncNotCentral,
    SyncRejected,
    SyncRetryLater,
)
from sync.protocol import (
    ApplicationAnswer,
    AttachmentState,
    CatalogEnvelope,
    HealthAnswer,
    StatusPage,
)

header_values = st.one_of(st.none(), st.text(max_size=40), st.integers(-10**6, 10**9).map(str))


@settings(max_examples=300, deadline=None)
@given(status=st.integers(100, 599), body=st.one_of(st.binary(max_size=300), st.just(b'{"code":"x","message":"y"}')),
       content_type=st.sampled_from([None, "application/json", "text/html", "application/problem+json", "text/plain"]),
       retry_after=header_values,
       model=st.sampled_from([ApplicationAnswer, AttachmentState, HealthAnswer, CatalogEnvelope, StatusPage]))
def test_any_answer_is_either_parsed_or_a_sync_error(status, body, content_type, retry_after, model):
    headers = {key: value for key, value in (("Content-Type", content_type), ("Retry-After", retry_after)) if value}
    answer = RawAnswer(status, headers, body)
    try:
        parsed = parse_answer(answer, model)
    except SyncError as error:
        assert error.action in (sync_errors.RETRY, sync_errors.QUARANTINE, sync_errors.CONFLICT, sync_errors.STOP)
        assert error.text("zh_CN") and error.text("en")
        assert error.retry_after is None or 0 <= error.retry_after <= MAX_RETRY_AFTER
    else:
        assert 200 <= status < 300 and isinstance(parsed, model)
    if not 200 <= status < 300:
        assert isinstance(error_for_status(answer), SyncError)


@given(st.text(max_size=60))
def test_retry_after_is_read_safely(text):
    seconds = retry_after_seconds(text)
    assert seconds is None or 0 <= seconds <= MAX_RETRY_AFTER


def test_retry_after_reads_seconds_and_http_dates():
    now = _dt.datetime(2026, 11, 24, 12, 0, tzinfo=_dt.UTC)
    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Tue, 24 Nov 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Tue, 24 Nov 2026 11:00:00 GMT", now) == 0  # already past: go now
    assert retry_after_seconds("soon", now) is None


# ---- messages ----------------------------------------------------------------------------

def test_every_sync_message_has_both_locales_with_the_same_placeholders():
    registered = all_messages()
    for code in sync_errors.MESSAGES:
        texts = registered[code]
        assert set(texts) >= {"zh_CN", "en"}, code
        assert placeholders(texts["zh_CN"]) == placeholders(texts["en"]), code


def test_each_error_class_names_its_action():
    assert {cls.action for cls in (SyncRetryLater, SyncNotCentral)} == {sync_errors.RETRY}
    assert SyncRejected.action == sync_errors.QUARANTINE and SyncConflict.action == sync_errors.CONFLICT
    assert SyncAuthError.action == sync_errors.STOP and SyncCatalogRefused.action == sync_errors.KEEP_LAST
    assert issubclass(SyncConflict, SyncRejected) and issubclass(SyncNotCentral, SyncRetryLater)
