import datetime as _dt

import pytest
from hypothesis import example, given, strategies as st

from kiosk import catalog as catalog_mod, fields
from kiosk.catalog import Field, Text
from kiosk.errors import ValidationError

from factories import TINY_JPEG

TODAY = _dt.date(2026, 11, 24)
T = Text(zh_CN="x", en="x")


def make_field(**kw) -> Field:
    return Field(**{"id": "f", "type": "text", "label": T, "help": T, **kw})


@pytest.mark.parametrize("raw", ["13800138000", "138 0013 8000", "+86 138-0013-8000", "19912345678"])
def test_mobile_accepts_common_ways_of_writing(raw):
    assert fields.validate_mobile(raw) == raw.replace("+86", "").replace(" ", "").replace("-", "")


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "138001380000", "１３８００１３８０００", "abc"])
def test_mobile_refuses_wrong_numbers(raw):
    with pytest.raises(ValidationError) as caught:
        fields.validate_mobile(raw)
    assert caught.value.code == "mobile.invalid"


@given(st.text(max_size=20))
def test_mobile_parser_never_crashes(raw):
    try:
        value = fields.validate_mobile(raw)
        assert len(value) == 11 and value.isdigit() and value.startswith("1")
    except ValidationError:
        pass


def test_date_range_is_enforced_with_a_message_naming_the_range():
    field = make_field(type="date", max_years_ago=1)
    assert fields.validate(field, "2026/3/5", TODAY) == "2026-03-05"
    with pytest.raises(ValidationError) as caught:
        fields.validate(field, "2024-01-01", TODAY)
    assert "2025-11-24" in caught.value.text("en")
    with pytest.raises(ValidationError):
        fields.validate(field, "2026-02-30", TODAY)


@given(st.text(max_size=20))
def test_date_parser_never_crashes(raw):
    try:
        value = fields.validate(make_field(type="date"), raw, TODAY)
        assert _dt.date.fromisoformat(value) <= TODAY
    except ValidationError as error:
        assert error.code in {"date.invalid", "date.range", "field.required"}


def test_text_limits_and_charsets():
    name = make_field(charset="name", min_length=2, max_length=5)
    long_name = make_field(charset="name", min_length=2, max_length=20)
    assert fields.validate(long_name, "  阿依古丽·买买提 ", TODAY) == "阿依古丽·买买提"  # middle dot allowed
    for raw, code in [("王", "text.too_short"), ("王小明王小明", "text.too_long"), ("王1", "text.chars"),
                      ("王\u200b明", "text.chars"), ("", "field.required")]:
        with pytest.raises(ValidationError) as caught:
            fields.validate(name, raw, TODAY)
        assert caught.value.code == code, raw


@given(st.text(max_size=80))
def test_text_never_returns_control_characters(raw):
    field = make_field(charset="any", min_length=0, max_length=80, required=False)
    try:
        value = fields.validate(field, raw, TODAY)
    except ValidationError:
        return
    assert all(ch.isprintable() or ch == " " for ch in value)


def test_choice_only_accepts_offered_values():
    field = make_field(type="choice", options=[{"value": "a", "label": T}, {"value": "b", "label": T}])
    assert fields.validate(field, "a", TODAY) == "a"
    with pytest.raises(ValidationError) as caught:
        fields.validate(field, "c", TODAY)
    assert caught.value.code == "choice.invalid"


def test_photo_must_be_an_image_of_sensible_size():
    field = make_field(type="photo")
    assert fields.validate(field, TINY_JPEG, TODAY) == TINY_JPEG
    for data in (b"", b"GIF89a....", b"\xff\xd8\xff" + bytes(fields.MAX_PHOTO_BYTES)):
        with pytest.raises(ValidationError):
            fields.validate(field, data, TODAY)


def test_a_bound_counted_back_from_29_february_lands_on_28_february():
    field = make_field(type="date", max_years_ago=1)
    earliest, latest = fields.date_bounds(field, _dt.date(2028, 2, 29))
    assert (earliest, latest) == (_dt.date(2027, 2, 28), _dt.date(2028, 2, 29))
    assert fields.validate(field, "2027-02-28", _dt.date(2028, 2, 29)) == "2027-02-28"
    four_years = make_field(type="date", max_years_ago=4)
    assert fields.date_bounds(four_years, _dt.date(2028, 2, 29))[0] == _dt.date(2024, 2, 29)


DATE_FIELDS = [field for service in catalog_mod.bundled().services for field in service.fields if field.type == "date"]


def _on_leap_days(test):
    """Random dates rarely hit 29 February: every field is also tried on two of them."""
    for field in DATE_FIELDS:
        for day in (_dt.date(2024, 2, 29), _dt.date(2096, 2, 29)):
            test = example(today=day, field=field)(test)
    return test


@_on_leap_days
@given(today=st.dates(min_value=_dt.date(2000, 1, 1), max_value=_dt.date(2100, 12, 31)),
       field=st.sampled_from(DATE_FIELDS))
def test_every_date_field_of_the_bundled_catalog_has_sane_bounds_on_any_day(today, field):
    earliest, latest = fields.date_bounds(field, today)
    assert earliest <= today <= latest
    if field.max_years_ago:
        assert today.year - earliest.year == field.max_years_ago
        assert (earliest.month, earliest.day) in ((today.month, today.day), (2, 28))
    assert fields.validate(field, today.isoformat(), today) == today.isoformat()
    assert fields.validate(field, earliest.isoformat(), today) == earliest.isoformat()
