"""One set of checks for every card read (devices/card/checks.py): GA 467 and PC/SC alike.

Property tests, no devices: a card's fields come from outside (a chip, a reader),
so hypothesis draws sound cards and spoils them the ways a misread or forged card
would: spaces in the number, control and bidi characters in any text, a birth date
or sex that disagrees with the number.  Both readers' parsers must normalise or
refuse each the same way (end to end through pcscd: tests/test_pcsc.py).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.card import ga467_fields
from devices.card import identity_applet as profile
from devices.card.checks import TEXT_FIELDS, checked_card, has_refused_characters
from devices.card.pcsc_channel import holder_card
from kiosk import id_number
from kiosk.errors import CardReaderError
from kiosk.identity import CardData, CardKind

TODAY = _dt.date(2026, 6, 1)
_han = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=12)
# Characters that reorder or hide text, or are not text at all: C0/C1 controls, bidi controls and
# marks, zero-width characters, BOM, line and paragraph separators.  (Leading/trailing tabs, line
# ends and NULs are a reader's padding and are stripped, so they are not drawn here.)
_REFUSED = st.sampled_from(["\x01", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200e", "\u200f",
                            "\u202a", "\u202b", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                            "\u2069", "\u061c", "\ufeff", "\u2028", "\u2029", "\u00ad"])


@st.composite
def resident_cards(draw: st.DrawFn) -> CardData:
    """Sound resident cards that fit the GA 467 layout too."""
    born = draw(st.dates(_dt.date(1900, 1, 1), _dt.date(2020, 12, 31)))
    sequence = draw(st.integers(0, 999))
    valid_from = draw(st.dates(_dt.date(2000, 1, 1), _dt.date(2025, 12, 31)))
    return CardData(
        name=draw(_han), sex="M" if sequence % 2 else "F", ethnicity="汉", birth_date=born,
        address=draw(_han), id_number=id_number.make(draw(st.sampled_from(["110101", "440305"])), born, sequence),
        authority=draw(_han), valid_from=valid_from,
        valid_until=draw(st.none() | st.just(valid_from.replace(day=1, year=valid_from.year + 20))),
    )


def _both_readers(card: CardData) -> list[CardData | str]:
    """What a GA 467 read and a PC/SC read of `card` give: the card, or the refusal's code."""
    outcomes: list[CardData | str] = []
    for read in (lambda: ga467_fields.parse_text(ga467_fields.encode_text(card), TODAY),
                 lambda: holder_card(profile.encode_holder(card), TODAY)):
        try:
            outcomes.append(read())
        except CardReaderError as error:
            outcomes.append(error.code)
    return outcomes


@settings(max_examples=80, deadline=None)
@given(resident_cards())
def test_a_sound_card_reads_the_same_on_both_readers(card):
    assert _both_readers(card) == [card, card]


@settings(max_examples=80, deadline=None)
@given(resident_cards(), st.data())
def test_spaces_and_hyphens_in_the_number_are_taken_out(card, data):
    number = card.id_number
    cuts = sorted(data.draw(st.lists(st.integers(1, len(number) - 1), min_size=1, max_size=4)))
    spaced = "".join(number[a:b] + data.draw(st.sampled_from([" ", "\u3000", "-"]))
                     for a, b in zip([0, *cuts], cuts)) + number[cuts[-1]:]
    lower = spaced.lower()  # an x check character read in lower case
    read = holder_card(profile.encode_holder(dataclasses.replace(card, id_number=lower)), TODAY)
    assert read.id_number == number and read == card


@settings(max_examples=150, deadline=None)
@given(resident_cards(), st.sampled_from([f for f in TEXT_FIELDS if f not in ("english_name", "nationality")]),
       _REFUSED, st.data())
def test_control_and_bidi_characters_are_refused_on_both_readers(card, field, char, data):
    value = getattr(card, field)
    if field == "id_number":  # in place of a digit: GA 467 has room for 18 characters, no more
        at = data.draw(st.integers(0, len(value) - 1))
        spoiled_value = value[:at] + char + value[at + 1:]
    else:
        at = data.draw(st.integers(0, len(value)))
        spoiled_value = value[:at] + char + value[at:]
    spoiled = dataclasses.replace(card, **{field: spoiled_value})
    assert _both_readers(spoiled) == ["card.bad_data", "card.bad_data"]


@settings(max_examples=80, deadline=None)
@given(resident_cards(), st.dates(_dt.date(1900, 1, 1), _dt.date(2020, 12, 31)))
def test_a_birth_date_that_disagrees_with_the_number_is_refused_on_both_readers(card, born):
    outcome = _both_readers(dataclasses.replace(card, birth_date=born))
    if born == card.birth_date:
        assert outcome == [card, card]
    else:
        assert outcome == ["card.bad_data", "card.bad_data"]


@settings(max_examples=40, deadline=None)
@given(resident_cards())
def test_a_sex_that_disagrees_with_the_number_is_refused_on_both_readers(card):
    other = dataclasses.replace(card, sex="F" if card.sex == "M" else "M")
    assert _both_readers(other) == ["card.bad_data", "card.bad_data"]


@settings(max_examples=40, deadline=None)
@given(resident_cards())
def test_a_number_failing_its_check_is_refused_on_both_readers(card):
    wrong = card.id_number[:17] + ("0" if card.id_number[17] != "0" else "1")
    assert _both_readers(dataclasses.replace(card, id_number=wrong)) == ["card.id_invalid", "card.id_invalid"]


@settings(max_examples=200, deadline=None)
@given(st.builds(
    CardData, name=st.text(max_size=20), sex=st.sampled_from(["M", "F", "X", ""]), ethnicity=st.text(max_size=5),
    birth_date=st.dates(), address=st.text(max_size=40), id_number=st.text(max_size=24),
    authority=st.text(max_size=10), valid_from=st.dates(), valid_until=st.none() | st.dates(),
    kind=st.sampled_from(list(CardKind)), english_name=st.text(max_size=10), nationality=st.text(max_size=4)))
def test_any_card_data_is_normalised_or_refused_in_words(card):
    """Whatever a chip holds: a checked card with a sound number and no control characters, or card.*."""
    try:
        checked = checked_card(card, TODAY)
    except CardReaderError as error:
        assert error.code in ("card.bad_data", "card.id_invalid")
        assert error.text("zh_CN") != error.text("en")
        if len(card.id_number) > 10:
            assert card.id_number not in str(error)  # the details never carry the value
        return
    assert checked.name and " " not in checked.id_number and checked.id_number.upper() == checked.id_number
    for field in TEXT_FIELDS:
        value = getattr(checked, field)
        assert not has_refused_characters(value) and value == value.strip(), field
    if len(checked.id_number) == 18:
        assert id_number.birth_date(checked.id_number) == checked.birth_date
        assert id_number.sex(checked.id_number) == checked.sex


def test_a_foreign_2017_number_is_only_taken_from_a_foreign_card():
    card = dataclasses.replace(
        CardData(name="Maria Schmidt", sex="F", ethnicity="", birth_date=_dt.date(1980, 1, 2), address="",
                 id_number="deu110080010203", authority="1100", valid_from=_dt.date(2020, 1, 1), valid_until=None),
        kind=CardKind.FOREIGN_PERMANENT)
    assert checked_card(card, TODAY).id_number == "DEU110080010203"
    with pytest.raises(CardReaderError) as refused:
        checked_card(dataclasses.replace(card, kind=CardKind.RESIDENT), TODAY)
    assert refused.value.code == "card.id_invalid"
