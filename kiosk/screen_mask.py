"""What the review and status screens show of personal numbers and addresses: masked, by default.

Whoever stands behind the resident sees 110101********0247, 138****8000 and
北京市东城区****, not the whole; the resident may reveal one field for a few
seconds (the screen's "show" button).  The rules live here, without Qt, so they
are tested as properties; the logs mask with kiosk/log.py, in the same shapes.
"""

from __future__ import annotations

import re

from kiosk import id_number
from kiosk.catalog import Field

ID_NUMBER, MOBILE, ADDRESS, NUMBER = "id_number", "mobile", "address", "number"
HIDDEN = "****"  # a fixed run for addresses and other numbers: the length of what is hidden is not told
ADDRESS_SHOWN = 6  # characters of an address kept: the city and district, not the street


def kind(field: Field) -> str:
    """Which mask a field gets: ID numbers, mobiles, addresses and fields the catalog marks sensitive
    that hold a number (a bank card); '' for what is shown as typed (names are confirmed on the card)."""
    if field.type == "id_number":
        return ID_NUMBER
    if field.type == "mobile":
        return MOBILE
    if field.type == "text" and field.charset == "address":
        return ADDRESS
    if field.type == "text" and field.sensitive and field.charset in ("digits", "any"):
        return NUMBER
    return ""


def mask(kind_: str, value: str) -> str:
    """`value` as the screen shows it before "show": never more than its ends."""
    value = value.strip()
    if not value or not kind_:
        return value
    if kind_ == ID_NUMBER:
        return id_number.mask(value)
    if kind_ == MOBILE:
        digits = re.sub(r"\D", "", value)
        return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "*" * len(digits)
    if kind_ == ADDRESS:
        shown = min(ADDRESS_SHOWN, len(value) // 2)
        return value[:shown] + HIDDEN
    digits = re.sub(r"\s", "", value)  # NUMBER: the last four, as on a bank's own screens
    return HIDDEN + digits[-4:] if len(digits) > 8 else HIDDEN
