import datetime as _dt

from hypothesis import given, strategies as st

from kiosk import app_number

stations = st.from_regex(r"[A-Z0-9]{2,8}", fullmatch=True)
days = st.dates(min_value=_dt.date(2000, 1, 1), max_value=_dt.date(2099, 12, 31))
sequences = st.integers(1, 999_999)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@given(stations, days, sequences)
def test_made_numbers_are_valid_and_carry_their_sequence(station, day, seq):
    number = app_number.make(station, day, seq)
    assert app_number.is_valid(number)
    assert app_number.is_valid(number.lower().replace("-", "-"))
    assert app_number.sequence_of(number) == seq


@given(stations, days, sequences, st.data())
def test_any_single_character_error_is_caught(station, day, seq, data):
    number = app_number.make(station, day, seq)
    positions = [i for i, ch in enumerate(number) if ch != "-"]
    i = data.draw(st.sampled_from(positions))
    pool = "0123456789" if number[i].isdigit() and i > len(station) else ALPHABET
    replacement = data.draw(st.sampled_from([c for c in pool if c != number[i]]))
    assert not app_number.is_valid(number[:i] + replacement + number[i + 1:])


@given(stations, days, sequences, st.data())
def test_swapping_neighbours_is_caught(station, day, seq, data):
    number = app_number.make(station, day, seq)
    pairs = [i for i in range(len(number) - 1) if "-" not in number[i:i + 2] and number[i] != number[i + 1]]
    if not pairs:
        return
    i = data.draw(st.sampled_from(pairs))
    assert not app_number.is_valid(number[:i] + number[i + 1] + number[i] + number[i + 2:])


@given(st.text(max_size=40))
def test_arbitrary_text_is_never_taken_for_a_number_by_accident(raw):
    if app_number.is_valid(raw):
        assert app_number.is_valid(app_number.normalise(raw))


@given(stations, days, st.integers(0, 999_999_999))
def test_the_digits_a_resident_types_give_back_sequence_and_check_digits(station, day, seq):
    number = app_number.make(station, day, seq)
    typed = app_number.tail(number)
    assert app_number.TAIL_MIN <= len(typed) <= app_number.TAIL_MAX
    assert app_number.parse_tail(typed) == (seq, number[-2:])
    assert app_number.parse_tail(" " + typed[:3] + " " + typed[3:] + "-") == (seq, number[-2:])  # as grouped


@given(st.text(max_size=20))
def test_typed_text_parses_only_as_eight_to_eleven_plain_digits(typed):
    parsed = app_number.parse_tail(typed)
    digits = "".join(ch for ch in typed if ch not in " \t\n\r\x0b\x0c-")
    plain = digits.isascii() and digits.isdigit() and 8 <= len(digits) <= 11
    if parsed is None:
        assert not plain or any(ch.isspace() and ch not in " \t\n\r\x0b\x0c" for ch in typed)
    else:
        sequence, check = parsed
        assert plain and f"{sequence:0{len(digits) - 2}d}{check}" == digits


def test_too_few_digits_or_other_characters_are_refused():
    assert app_number.parse_tail("0000427") is None  # seven digits
    assert app_number.parse_tail("000042739999") is None  # twelve
    assert app_number.parse_tail("0000４273") is None  # a full-width digit
    assert app_number.parse_tail("") is None and app_number.parse_tail(None) is None


def test_receipts_printed_before_the_check_digit_fix_still_scan():
    """Numbers issued with the earlier (IBAN-style) check digits: their printed QR codes are still read,
    while a typed number must pass today's stricter check."""
    from kiosk import receipts

    body = "DEMO01-261124-000042"
    old = f"{body}-{app_number.legacy_check_digits(body)}"
    assert old == "DEMO01-261124-000042-73"  # as printed then
    assert not app_number.is_valid(old) and app_number.is_valid_printed(old)
    assert receipts.number_from_qr(receipts.QR_PREFIX + old) == old
    assert receipts.number_from_qr(receipts.QR_PREFIX + body + "-00") is None
