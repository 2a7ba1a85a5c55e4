"""Example answers for any catalog field: used by the gallery, demos, benchmarks and tests.

They are plausible and valid but belong to nobody; the ID number is built with
a real check digit for a fictitious resident.
"""

from __future__ import annotations

import datetime as _dt

from kiosk import id_number
from kiosk.catalog import Field

SAMPLE_ID = id_number.make("110101", _dt.date(1952, 6, 18), 24)


def answer_for(field: Field, today: _dt.date | None = None) -> str:
    """A valid answer for `field` (not for photos)."""
    today = today or _dt.date.today()
    if field.type == "id_number":
        return SAMPLE_ID
    if field.type == "mobile":
        return "13800138000"
    if field.type == "choice":
        return field.options[0].value
    if field.type == "date":
        return (today - _dt.timedelta(days=30)).isoformat()
    if field.charset == "digits":
        return "6" * max(field.min_length, min(field.max_length, 16))
    if field.charset == "name":
        return "王小明"
    if field.charset == "address":
        return "北京市东城区景山前街4号"
    return "BC123456"[: field.max_length].ljust(field.min_length, "0")
