"""PIN rules and PIN hashing: what IT may set as a helper's PIN, and how it is kept (never in clear).

Property tests (hypothesis): every PIN made by a guessable pattern (one digit repeated, a run up or
down, a short block repeated, the helper's number) is refused with the code that says why; anything
that is not 6 to 12 digits is refused; and most other PINs are accepted (the rules must not leave so
few PINs that they become guessable in turn).  Hashing: the stored form never contains the PIN,
differs for the same PIN (own salt), needs the store's key (pepper), and a damaged stored form
matches nothing.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from kiosk import crypto, pin_hash, pin_rules
from kiosk.errors import ValidationError

SEALER = crypto.Sealer(bytes(range(32)))
PEPPER = pin_hash.pepper_from(SEALER)
FAST = pin_hash.Params(log2_n=10, r=8, p=1)  # the property tests hash many PINs: same code, less memory
lengths = st.integers(pin_rules.MIN_LENGTH, pin_rules.MAX_LENGTH)


def refused_with(pin: str, number: str = "") -> str | None:
    try:
        pin_rules.check(pin, number)
    except ValidationError as error:
        assert error.field == "pin"
        return error.code
    return None


@given(digit=st.integers(0, 9), length=lengths)
def test_one_digit_repeated_is_refused(digit, length):
    assert refused_with(str(digit) * length) == "pin.trivial"


@given(start=st.integers(0, 9), length=lengths, down=st.booleans())
def test_a_run_up_or_down_is_refused_even_wrapping_round(start, length, down):
    step = -1 if down else 1
    pin = "".join(str((start + step * i) % 10) for i in range(length))
    assert refused_with(pin) == "pin.trivial", pin


@given(block=st.text("0123456789", min_size=2, max_size=4), length=lengths)
def test_a_short_block_repeated_is_refused(block, length):
    pin = (block * length)[:length]
    if len(pin) >= 2 * len(block):
        assert refused_with(pin) == "pin.trivial", pin


@pytest.mark.parametrize("pin", ["123456", "654321", "111111", "000000", "121212", "123123", "520520", "147258",
                                 "123321", "112233", "159753", "20082008", "1234567890"])
def test_the_usual_first_guesses_are_refused(pin):
    assert refused_with(pin) == "pin.trivial"


@given(number=st.text("0123456789", min_size=4, max_size=8), before=st.text("0123456789", max_size=4),
       after=st.text("0123456789", max_size=4))
def test_a_pin_containing_the_helper_number_is_refused(number, before, after):
    pin = before + number + after
    if pin_rules.MIN_LENGTH <= len(pin) <= pin_rules.MAX_LENGTH:
        assert refused_with(pin, number) == "pin.is_number"


@given(pin=st.text(max_size=20).filter(lambda text: not (text.isascii() and text.isdigit())))
def test_anything_but_digits_is_refused(pin):
    assert refused_with(pin) == "pin.digits_only"


@given(pin=st.text("0123456789", min_size=1, max_size=5))
def test_fewer_than_six_digits_are_refused(pin):
    assert refused_with(pin) == "pin.too_short"


@given(pin=st.text("0123456789", min_size=13, max_size=30))
def test_more_than_twelve_digits_are_refused(pin):
    assert refused_with(pin) == "pin.too_long"


def test_the_rules_leave_almost_every_pin_free():
    """Of all 10^6 six-digit PINs the rules refuse about a thousand: not enough to help a guesser."""
    refused = sum(pin_rules.is_trivial(f"{value:06d}") for value in range(10 ** 6))
    assert 1000 <= refused <= 1500, refused
    assert refused_with("384712") is None and refused_with("902615", "0007") is None


@given(number=st.text("0123456789", min_size=3, max_size=8))
def test_helper_numbers_are_three_to_eight_digits(number):
    assert pin_rules.check_number(number) == number


@given(number=st.one_of(st.text("0123456789", max_size=2), st.text("0123456789", min_size=9, max_size=12),
                        st.text(min_size=1, max_size=8).filter(lambda t: not (t.isascii() and t.isdigit()))))
def test_anything_else_is_not_a_helper_number(number):
    with pytest.raises(ValidationError) as refused:
        pin_rules.check_number(number)
    assert refused.value.code == "helper.bad_number"


# ---- hashing -------------------------------------------------------------------------------------

@settings(max_examples=25, deadline=None)
@given(pin=st.text("0123456789", min_size=6, max_size=12), other=st.text("0123456789", min_size=6, max_size=12))
def test_a_stored_pin_matches_itself_only(pin, other):
    stored = pin_hash.hash_pin(pin, PEPPER, FAST)
    assert pin not in stored
    assert pin_hash.verify(pin, stored, PEPPER)
    assert pin_hash.verify(other, stored, PEPPER) is (other == pin)


def test_each_pin_gets_its_own_salt_and_the_current_parameters():
    first, second = pin_hash.hash_pin("384712", PEPPER), pin_hash.hash_pin("384712", PEPPER)
    assert first != second
    assert first.startswith("scrypt$15$8$1$") and not pin_hash.needs_rehash(first)
    assert pin_hash.needs_rehash(pin_hash.hash_pin("384712", PEPPER, FAST))


def test_without_the_store_key_the_database_gives_nothing_to_try_pins_against():
    stored = pin_hash.hash_pin("384712", PEPPER, FAST)
    other_key = pin_hash.pepper_from(crypto.Sealer(bytes(32)))
    assert not pin_hash.verify("384712", stored, other_key)
    assert not pin_hash.verify("384712", stored, lambda pin: pin.encode())  # the plain PIN, unkeyed


@settings(max_examples=200, deadline=None)
@given(stored=st.one_of(st.text(max_size=80), st.just("scrypt$30$8$1$AAAA$AAAA"),
                        st.builds(lambda parts: "$".join(parts), st.lists(st.text(max_size=12), max_size=7))))
def test_a_damaged_or_hostile_stored_form_matches_nothing_and_never_runs_away(stored):
    parsed = pin_hash.parse(stored)
    if parsed is not None:
        assert parsed[0].log2_n <= pin_hash.LIMITS.log2_n
    assert pin_hash.verify("384712", stored, PEPPER) is False or parsed is not None


def test_a_tampered_stored_form_matches_nothing():
    stored = pin_hash.hash_pin("384712", PEPPER, FAST)
    head, digest = stored.rsplit("$", 1)
    flipped = random.Random(1).choice("ABCDEFGH")
    tampered = head + "$" + (flipped if digest[0] != flipped else "Z") + digest[1:]
    assert not pin_hash.verify("384712", tampered, PEPPER)
    assert not pin_hash.verify("384712", pin_hash.decoy(), PEPPER)
