import datetime as _dt

import pytest
from hypothesis import given, strategies as st

from kiosk import id_number
from kiosk.errors import ValidationError

TODAY = _dt.date(2026, 11, 24)
births = st.dates(min_value=_dt.date(1900, 1, 1), max_value=TODAY)
regions = st.from_regex(r"[1-6][0-9]{5}", fullmatch=True)


def test_published_example_validates():
    # The standard's own worked example: 11010519491231002X.
    assert id_number.validate("11010519491231002x", TODAY) == "11010519491231002X"


@pytest.mark.parametrize("raw, code", [
    ("1101051949123100", "id.length"),
    ("11010519491231002Y", "id.chars"),
    ("01010519491231002X", "id.region"),
    ("110105194913310020", "id.birth_date"),
    ("110105203001010010", "id.birth_date"),
    ("110105194912310021", "id.check_digit"),
])
def test_each_mistake_gets_its_own_message(raw, code):
    with pytest.raises(ValidationError) as caught:
        id_number.validate(raw, TODAY)
    assert caught.value.code == code
    assert caught.value.text("zh_CN") and caught.value.text("en")


@given(regions, births, st.integers(0, 999))
def test_made_numbers_validate_and_carry_birth_and_sex(region, born, seq):
    number = id_number.make(region, born, seq)
    assert id_number.validate(number, TODAY) == number
    assert id_number.birth_date(number) == born
    assert id_number.sex(number) == ("M" if seq % 2 else "F")


@given(regions, births, st.integers(0, 999), st.integers(0, 16), st.integers(1, 9))
def test_any_single_digit_change_is_caught(region, born, seq, position, delta):
    number = id_number.make(region, born, seq)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    assert not id_number.is_valid(changed, TODAY)


@given(st.text(max_size=30))
def test_arbitrary_input_never_crashes(raw):
    try:
        assert id_number.validate(raw, TODAY)
    except ValidationError as error:
        assert error.code.startswith("id.")


def test_mask_keeps_only_region_and_last_four():
    assert id_number.mask("11010519491231002X") == "110105********002X"


def test_foreign_permanent_residence_numbers_2017_format():
    assert id_number.validate_foreign_2017("gbr110760214017") == "GBR110760214017"
    for raw, code in [("GB1107602140170", "id.foreign_format"), ("GBR11076021401", "id.foreign_format"),
                      ("GBR11076021401X", "id.foreign_format")]:
        with pytest.raises(ValidationError) as caught:
            id_number.validate_foreign_2017(raw)
        assert caught.value.code == code


@given(st.text(max_size=20))
def test_foreign_parser_never_crashes(raw):
    try:
        value = id_number.validate_foreign_2017(raw)
        assert len(value) == 15 and value[:3].isalpha()
    except ValidationError as error:
        assert error.code == "id.foreign_format"
