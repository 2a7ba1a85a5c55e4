"""The log scrubber masks every ID and mobile number format the validators accept.

Numbers are drawn valid, then written the ways a person or a device may write them
(spaced, hyphenated, `+86`, lowercase x or letters); the validator must accept the
written form, and the scrubbed line must keep none of the number's middle digits."""

import datetime as _dt
import re
import string

from hypothesis import given, settings, strategies as st

from kiosk import fields, id_number
from kiosk.log import scrub

SEPARATORS = st.text(alphabet=" -\t\u3000\u00a0", max_size=2)
# Text around the number: anything but digits and ASCII letters (which would make it part of a longer token).
CONTEXT = st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs"),
                                         blacklist_characters=string.ascii_letters), max_size=12)


@st.composite
def written(draw, compact: str) -> str:
    """`compact` with separators drawn between any two characters (and letters in either case)."""
    out = []
    for index, char in enumerate(compact):
        if index:
            out.append(draw(SEPARATORS))
        out.append(char.lower() if char.isalpha() and draw(st.booleans()) else char)
    return "".join(out)


@st.composite
def resident_ids(draw) -> tuple[str, str]:
    region = draw(st.integers(100000, 999999))  # 9xxxxx: the 2023 foreign permanent-residence cards
    birth = draw(st.dates(_dt.date(1900, 1, 1), _dt.date(2020, 12, 31)))
    number = id_number.make(str(region), birth, draw(st.integers(0, 999)))
    text = draw(written(number))
    assert id_number.validate(text) == number
    return text, number[:6] + number[-4:]


@st.composite
def foreign_2017_ids(draw) -> tuple[str, str]:
    number = draw(st.text(string.ascii_uppercase, min_size=3, max_size=3)) + draw(
        st.text("0123456789", min_size=12, max_size=12))
    text = draw(written(number))
    assert id_number.validate_foreign_2017(text) == number
    return text, number[:6] + number[-4:]


@st.composite
def mobiles(draw) -> tuple[str, str]:
    number = "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "+86-", "+ 86 "]))
    text = prefix + draw(written(number))
    assert fields.validate_mobile(text) == number
    return text, ("86" if prefix else "") + number[:3] + number[-4:]


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


@settings(max_examples=400)
@given(resident_ids() | foreign_2017_ids() | mobiles(), CONTEXT, CONTEXT)
def test_every_accepted_format_loses_its_middle_digits(drawn, before, after):
    text, kept = drawn
    line = scrub(f"{before}{text}{after}")
    assert digits(line) == digits(kept), (text, line)  # only the masked form's outer digits stay
    assert "*" in line


def test_the_common_written_forms_by_example():
    assert scrub("id 110105 19491231 002x ok") == "id 110105********002X ok"
    assert scrub("id 110105-1949-1231-002X") == "id 110105********002X"
    assert scrub("tel +86 138 0013 8000.") == "tel +86138****8000."
    assert scrub("tel +8613800138000") == "tel +86138****8000"
    assert scrub("tel 138-0013-8000") == "tel 138****8000"
    assert scrub("card USA 1234 5678 9012") == "card USA123*****9012"


def test_application_numbers_and_timestamps_stay_readable():
    for line in ("receipt DEMO01-261124-000042-49 printed", "receipt 1234-261124-000042-49 printed",
                 "2026-12-04 13:35:45,123 INFO sync: sent 3", "uuid 6f1c2a3e-1d2b-4c5d-8e9f-0a1b2c3d4e5f"):
        assert scrub(line) == line
