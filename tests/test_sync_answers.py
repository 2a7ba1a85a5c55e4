"""Reading what the network answers: parsed as the centre's, or the SyncError that says what to do.

Anything on the path can answer (a portal, a proxy, a broken gateway), so the
parsers get arbitrary statuses, headers and bytes (hypothesis); the error
classes and messages are checked against what the outbox worker relies on.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import example, given, settings
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


# ---- RFC 3339 times and strict answers (issue 11) ------------------------------------------

from sync.protocol import parse_rfc3339  # noqa: E402

instants = st.datetimes(min_value=_dt.datetime(1, 1, 2), max_value=_dt.datetime(9999, 12, 30),
                        timezones=st.just(_dt.UTC))
offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda minutes: _dt.timedelta(minutes=minutes))


def rfc3339(value: _dt.datetime, offset: _dt.timedelta, digits: int, zulu: str, separator: str) -> str:
    local = value.astimezone(_dt.timezone(offset))
    fraction = f"{local.microsecond:06d}{'0' * 3}"[:digits]
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    zone = zulu if minutes == 0 and zulu else f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    stamp = (f"{local.year:04d}-{local.month:02d}-{local.day:02d}{separator}"
             f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}")
    return stamp + (f".{fraction}" if digits else "") + zone


@given(instants, offsets, st.integers(0, 9), st.sampled_from(["Z", "z", ""]), st.sampled_from(["T", "t"]))
def test_every_rfc3339_form_of_an_instant_reads_as_that_instant(value, offset, digits, zulu, separator):
    text = rfc3339(value, offset, digits, zulu, separator)
    kept = value.replace(microsecond=value.microsecond if digits >= 6 else
                         value.microsecond // 10 ** (6 - digits) * 10 ** (6 - digits))
    assert parse_rfc3339(text) == kept


@given(st.dates(min_value=_dt.date(1, 1, 1), max_value=_dt.date(9999, 12, 30)), offsets)
def test_a_leap_second_is_read_as_the_next_minute(day, offset):
    text = rfc3339(_dt.datetime.combine(day, _dt.time(23, 59, 59), _dt.timezone(offset)), offset, 0, "Z", "T")
    text = text.replace(":59:59", ":59:60")
    local = _dt.datetime.combine(day, _dt.time(23, 59, 59), _dt.timezone(offset))
    assert parse_rfc3339(text) == local.astimezone(_dt.UTC) + _dt.timedelta(seconds=1)


@settings(max_examples=500)
@given(st.one_of(st.text(max_size=40), st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
                                                     r"(\.[0-9]{1,12})?(Z|[+-][0-9]{2}:[0-9]{2})?", fullmatch=True)))
def test_any_text_is_a_time_or_a_value_error_never_a_crash(text):
    try:
        value = parse_rfc3339(text)
    except ValueError:
        return
    assert value.tzinfo is _dt.UTC


def _json_value():
    return st.recursive(st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                    max_size=3), max_leaves=6)


GOOD_RECEIPT = {"uuid": "0b5e9c7a-1d2e-4f30-8a4b-5c6d7e8f9a0b", "central_id": "C000000001", "number": "S001-1",
                "received_at": "2026-11-24T01:00:00Z", "status": "received", "reason": None, "complete": True,
                "missing_attachments": [{"sha256": "a" * 64, "received": 0}], "replayed": False}


@settings(max_examples=300)
@given(st.sampled_from(sorted(GOOD_RECEIPT)), _json_value())
@example("complete", "yes")
@example("complete", 1)
@example("replayed", "false")
@example("missing_attachments", [{"sha256": "a" * 64, "received": "10"}])
def test_a_receipt_with_any_field_of_another_json_type_is_not_the_centres(name, value):
    import json as _json

    document = {**GOOD_RECEIPT, name: value}
    answer = RawAnswer(200, {"Content-Type": "application/json"}, _json.dumps(document).encode())
    try:
        parsed = parse_answer(answer, ApplicationAnswer)
    except SyncNotCentral as error:
        assert error.code == "sync.garbage"
        return
    # Accepted only when the value has the field's own JSON type.
    original = GOOD_RECEIPT[name]
    if name in ("reason",):
        assert value is None or isinstance(value, str)
    elif name == "missing_attachments":
        assert isinstance(value, list) and all(
            isinstance(item, dict) and type(item.get("received")) is int for item in value)
    else:
        assert type(value) is type(original), (name, value)
    assert parsed.uuid == GOOD_RECEIPT["uuid"] or name == "uuid"


@given(st.sampled_from(['"yes"', '"1"', '1', '"true"', 'null']))
def test_complete_must_be_a_json_boolean(text):
    body = _json_dumps_receipt().replace('"complete": true', f'"complete": {text}')
    answer = RawAnswer(200, {"Content-Type": "application/json"}, body.encode())
    try:
        parse_answer(answer, ApplicationAnswer)
    except SyncNotCentral:
        return
    raise AssertionError(f"complete = {text} accepted")


def _json_dumps_receipt() -> str:
    import json as _json

    return _json.dumps(GOOD_RECEIPT)


def test_integers_as_strings_are_refused_and_whole_floats_are_integers():
    for model, document in ((AttachmentState, {"sha256": "a" * 64, "state": "partial", "received": "10"}),
                            (HealthAnswer, {"service": "waystation-central", "protocol": "1", "station_id": "S001",
                                            "server_time": "2026-11-24T01:00:00Z", "challenge": "c" * 16,
                                            "nonce": "n" * 16, "proof": "0" * 64})):
        import json as _json

        answer = RawAnswer(200, {"Content-Type": "application/json"}, _json.dumps(document).encode())
        try:
            parse_answer(answer, model)
        except SyncNotCentral:
            continue
        raise AssertionError(f"{model.__name__} accepted an integer as a string")
    whole = RawAnswer(200, {"Content-Type": "application/json"},
                      b'{"sha256": "' + b"a" * 64 + b'", "state": "partial", "received": 10.0}')
    assert parse_answer(whole, AttachmentState).received == 10  # JSON Schema's integer
