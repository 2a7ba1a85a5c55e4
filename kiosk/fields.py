"""Form field types and their validation.

Each validator takes what the resident entered (a string, or bytes for a
photo) and returns the normalised value, or raises ValidationError whose code
says what is wrong in words.  Nothing here trusts its input.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from kiosk import id_number
from kiosk.errors import ValidationError

if TYPE_CHECKING:  # pragma: no cover
    from kiosk.catalog import Field

MAX_PHOTO_BYTES = 4 * 1024 * 1024
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Names: Han characters, Latin letters, the middle dot of minority and foreign names, spaces.
_NAME_CHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u00b7\u30fbA-Za-z ]+")
_ADDRESS_EXTRA = set("0123456789-#()（）、，,.·/ 号室栋单元楼层弄巷")


def validate_mobile(raw: str, field: str = "mobile") -> str:
    digits = re.sub(r"[\s\-]", "", raw or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    if not (_MOBILE.fullmatch(digits) and digits.isascii()):
        raise ValidationError("mobile.invalid", field=field)
    return digits


def parse_date(raw: str, field: str = "date") -> _dt.date:
    text = (raw or "").strip().replace("/", "-").replace(".", "-")
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not match or not text.isascii():
        raise ValidationError("date.invalid", field=field)
    try:
        return _dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValidationError("date.invalid", field=field) from None


def validate_date(raw: str, earliest: _dt.date, latest: _dt.date, field: str = "date") -> str:
    value = parse_date(raw, field)
    if not earliest <= value <= latest:
        raise ValidationError("date.range", field=field, earliest=earliest.isoformat(), latest=latest.isoformat())
    return value.isoformat()


def _allowed_char(char: str, charset: str) -> bool:
    if unicodedata.category(char).startswith("C"):
        return False  # control, format, private-use and unassigned characters never pass
    if charset == "name":
        return bool(_NAME_CHARS.fullmatch(char))
    if charset == "address":
        return bool(_NAME_CHARS.fullmatch(char)) or char in _ADDRESS_EXTRA
    if charset == "digits":
        return char.isascii() and char.isdigit()
    return True


def validate_text(raw: str, min_length: int, max_length: int, charset: str, field: str = "text") -> str:
    value = unicodedata.normalize("NFC", raw or "").strip()
    value = re.sub(r"\s+", " ", value)
    if len(value) < min_length:
        raise ValidationError("text.too_short" if value else "field.required", field=field, min=min_length)
    if len(value) > max_length:
        raise ValidationError("text.too_long", field=field, max=max_length)
    if not all(_allowed_char(char, charset) for char in value):
        raise ValidationError("text.chars", field=field)
    return value


def validate_photo(data: bytes | None, field: str = "photo") -> bytes:
    if not data:
        raise ValidationError("photo.missing", field=field)
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError("photo.too_large", field=field)
    if not (data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n"):
        raise ValidationError("photo.missing", field=field, detail="not a JPEG or PNG image")
    return data


def years_before(day: _dt.date, years: int) -> _dt.date:
    """The same day `years` earlier; 29 February becomes 28 February in a year without one."""
    year = day.year - years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return _dt.date(year, 2, 28)
    return day.replace(year=year)


def date_bounds(field: "Field", today: _dt.date) -> tuple[_dt.date, _dt.date]:
    """(earliest, latest) a date field accepts on `today`."""
    earliest = years_before(today, field.max_years_ago) if field.max_years_ago else _dt.date(1880, 1, 1)
    latest = today if not field.future_days else today + _dt.timedelta(days=field.future_days)
    return earliest, latest


def validate(field: "Field", value: Any, today: _dt.date | None = None, *, foreign_card: bool = False) -> Any:
    """Validate one answer for `field`; returns the normalised value.

    `foreign_card`: the resident identified with a foreign permanent-residence card,
    whose 2017-format number (3 letters + 12 digits) is accepted in ID-number fields.
    """
    today = today or _dt.date.today()
    kind = field.type
    if kind != "photo" and (value is None or (isinstance(value, str) and not value.strip())):
        if field.required:
            raise ValidationError("field.required", field=field.id)
        return ""
    if kind == "id_number":
        if foreign_card and id_number.normalise(str(value))[:1].isalpha():
            return id_number.validate_foreign_2017(str(value), field=field.id)
        return id_number.validate(str(value), today, field=field.id)
    if kind == "mobile":
        return validate_mobile(str(value), field.id)
    if kind == "date":
        return validate_date(str(value), *date_bounds(field, today), field=field.id)
    if kind == "choice":
        if value not in {option.value for option in field.options}:
            raise ValidationError("choice.invalid", field=field.id)
        return value
    if kind == "text":
        return validate_text(str(value), field.min_length, field.max_length, field.charset, field.id)
    if kind == "photo":
        if not value and not field.required:
            return b""
        return validate_photo(value, field.id)
    raise ValidationError(field=field.id, detail=f"unknown field type {kind}")
