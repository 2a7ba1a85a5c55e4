"""On-screen masking of ID numbers, mobiles, addresses and other sensitive numbers (kiosk/screen_mask.py).

Properties a person behind the resident would notice: the middle of an ID number
or mobile is never on screen, an address shows its city and district only, and
how much is hidden of an address or a bank card is not told either.
"""

from __future__ import annotations

import datetime as _dt

from hypothesis import given, strategies as st

from kiosk import catalog as catalog_mod, id_number, screen_mask

CATALOG = catalog_mod.bundled()


def test_the_shapes_residents_see() -> None:
    assert screen_mask.mask(screen_mask.ID_NUMBER, "110101195206180247") == "110101********0247"
    assert screen_mask.mask(screen_mask.MOBILE, "13800138000") == "138****8000"
    assert screen_mask.mask(screen_mask.ADDRESS, "北京市东城区景山前街4号") == "北京市东城区****"
    assert screen_mask.mask(screen_mask.NUMBER, "6222020200112233445") == "****3445"
    assert screen_mask.mask("", "王小明") == "王小明"


def test_catalog_fields_get_the_right_mask() -> None:
    kinds = {f.id: screen_mask.kind(f) for s in CATALOG.services for f in s.fields}
    assert kinds["id_number"] == screen_mask.ID_NUMBER
    assert kinds["parent_id_number"] == screen_mask.ID_NUMBER
    assert kinds["mobile"] == kinds["emergency_mobile"] == screen_mask.MOBILE
    assert kinds["address"] == kinds["local_address"] == screen_mask.ADDRESS
    assert kinds["name"] == "" and kinds["sex"] == ""


@given(st.dates(min_value=_dt.date(1900, 1, 1), max_value=_dt.date(2025, 12, 31)), st.integers(0, 999))
def test_an_id_number_keeps_only_its_ends(birth, sequence) -> None:
    number = id_number.make("110101", birth, sequence)
    shown = screen_mask.mask(screen_mask.ID_NUMBER, number)
    assert shown[:6] == number[:6] and shown[-4:] == number[-4:]
    assert shown[6:-4] == "*" * 8  # the birth date is never on screen
    assert len(shown) == len(number)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_a_mobile_keeps_three_and_four(number) -> None:
    shown = screen_mask.mask(screen_mask.MOBILE, number)
    assert shown == number[:3] + "****" + number[-4:]


@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()))
def test_an_address_shows_at_most_half_and_hides_its_length(address) -> None:
    shown = screen_mask.mask(screen_mask.ADDRESS, address)
    assert shown.endswith(screen_mask.HIDDEN)
    kept = shown[:-len(screen_mask.HIDDEN)]
    assert address.strip().startswith(kept)
    assert len(kept) <= min(screen_mask.ADDRESS_SHOWN, len(address.strip()) // 2)


@given(st.text(alphabet="0123456789 ", max_size=30))
def test_a_sensitive_number_shows_no_more_than_its_last_four(number) -> None:
    shown = screen_mask.mask(screen_mask.NUMBER, number)
    digits = number.replace(" ", "")
    assert shown.startswith(screen_mask.HIDDEN) or shown == ""
    assert len(shown.replace(screen_mask.HIDDEN, "", 1)) <= 4
    if len(digits) > 8:
        assert shown == screen_mask.HIDDEN + digits[-4:]
