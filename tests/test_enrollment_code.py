"""Enrollment codes as people type them, and the admin's `--expires` durations: outside input, so properties."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from sync import enrollment_code as codes
from sync.central.enroll_code import MAX_VALIDITY, MIN_VALIDITY, parse_duration
from sync.protocol import ENROLLMENT_CODE_PATTERN

symbols = st.text(alphabet=codes.ALPHABET, min_size=codes.RANDOM_SYMBOLS, max_size=codes.RANDOM_SYMBOLS)
valid_codes = symbols.map(lambda payload: codes.grouped(payload + codes.check_symbol(payload)))


def test_new_codes_are_canonical_distinct_and_follow_the_contract():
    made = {codes.new_code() for _ in range(200)}
    assert len(made) == 200
    for code in made:
        assert codes.parse(code) == code
        assert re.fullmatch(codes.PATTERN, code) and re.fullmatch(ENROLLMENT_CODE_PATTERN, code)
    assert codes.PATTERN == ENROLLMENT_CODE_PATTERN


@given(code=valid_codes, data=st.data())
def test_case_separators_and_lookalikes_do_not_matter(code, data):
    typed = []
    for symbol in code.replace("-", ""):
        symbol = data.draw(st.sampled_from({"0": ["0", "o", "O"], "1": ["1", "i", "I", "l", "L"]}.get(
            symbol, [symbol, symbol.lower()])))
        typed.append(symbol + data.draw(st.sampled_from(["", "", " ", "-", "  "])))
    assert codes.parse(" " + "".join(typed) + "\t") == code


@given(code=valid_codes, position=st.integers(0, codes.LENGTH - 1), replacement=st.sampled_from(codes.ALPHABET))
def test_any_one_mistyped_symbol_is_caught(code, position, replacement):
    plain = code.replace("-", "")
    if plain[position] == replacement:
        return
    typo = plain[:position] + replacement + plain[position + 1:]
    with pytest.raises(codes.CodeFormatError, match="mistyped symbol"):
        codes.parse(typo)


@given(code=valid_codes, cut=st.integers(1, codes.LENGTH - 1))
def test_a_missing_or_extra_symbol_says_how_many(code, cut):
    plain = code.replace("-", "")
    with pytest.raises(codes.CodeFormatError, match=f"has {codes.LENGTH - cut} symbols"):
        codes.parse(plain[:-cut])
    with pytest.raises(codes.CodeFormatError, match=f"has {codes.LENGTH + 1} symbols"):
        codes.parse(plain + "7")


@settings(max_examples=500)
@given(text=st.one_of(st.text(max_size=80), valid_codes.map(lambda c: c + "U"), st.just("7K3M-Q9XD-4PRT-WH2Ü")))
def test_any_text_is_a_canonical_code_or_a_plain_refusal(text):
    try:
        parsed = codes.parse(text)
    except codes.CodeFormatError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert re.fullmatch(codes.PATTERN, parsed) and codes.parse(parsed) == parsed


@given(code=valid_codes)
def test_the_centre_keeps_a_hash_that_does_not_show_the_code(code):
    digest = codes.code_hash(code)
    assert re.fullmatch(r"[0-9a-f]{64}", digest) and digest == codes.code_hash(code)
    assert code.replace("-", "").lower() not in digest


# ---- durations (`--expires`) ---------------------------------------------------------------------

@pytest.mark.parametrize("text, seconds", [("24h", 86400), ("90m", 5400), ("7d", 604800), ("1d12h", 129600),
                                           ("3600", 3600), (" 30M ", 1800), ("30d", MAX_VALIDITY)])
def test_durations_as_admins_write_them(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "h", "24", "0m", "31d", "-1h", "1.5h", "24 h", "1w", "h24", "1d-2h"])
def test_durations_that_are_refused(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@given(parts=st.lists(st.tuples(st.integers(0, 2000), st.sampled_from("smhd")), min_size=1, max_size=4))
def test_a_duration_is_the_sum_of_its_parts_or_refused_out_of_range(parts):
    text = "".join(f"{number}{unit}" for number, unit in parts)
    total = sum(number * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit] for number, unit in parts)
    if MIN_VALIDITY <= total <= MAX_VALIDITY:
        assert parse_duration(text) == total
    else:
        with pytest.raises(ValueError, match="1 minute to 30 days"):
            parse_duration(text)


@given(text=st.text(max_size=30))
def test_any_text_is_a_duration_in_range_or_a_value_error(text):
    try:
        seconds = parse_duration(text)
    except ValueError as error:
        assert str(error)
    else:
        assert MIN_VALIDITY <= seconds <= MAX_VALIDITY
