"""The checks every identity card read passes before it may pre-fill a form, whatever the reader.

A GA 467 reader (devices/card/ga467_fields.py) and a PC/SC card (devices/card/pcsc_channel.py)
deliver the same `CardData`; both hand it to `checked_card()`, so the same card
is refused, or normalised, the same way on either reader:

* every text is stripped of surrounding spaces (ASCII and the ideographic U+3000);
* the ID number loses any space or hyphen inside it and its x is upper-cased;
* control, format (bidi overrides and marks, zero-width characters), surrogate and
  line/paragraph-separator characters in any text are refused: a card holding them
  was misread or forged, and they would reorder or hide what a resident and a
  helper see on the screen and the receipt;
* an 18-character number must pass GB 11643 (region, birth date, check digit) and
  agree with the card's birth date and sex; a 15-character number is accepted only
  on a 2017 foreign permanent-residence card (3 letters + 12 digits);
* a card's validity must not end before it starts.

Refusals are CardReaderError `card.bad_data` (or `card.id_invalid` for a number
that fails its check); details name the field, never its value (personal data).
Private-use characters are let through on purpose: issuing systems encode some
rare name characters there.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import unicodedata

from kiosk import id_number as idn
from kiosk import messages
from kiosk.errors import CardReaderError, ValidationError
from kiosk.identity import CardData, CardKind

messages.register({
    "card.bad_data": {
        "zh_CN": "证件信息没有读完整，请重新放置证件。",
        "en": "The card's details were not read completely. Please place the card again.",
    },
    "card.id_invalid": {
        "zh_CN": "证件上的身份号码没有通过校验，请联系工作人员。",
        "en": "The ID number read from the card does not pass its check. Please ask a helper.",
    },
})

TEXT_FIELDS = ("name", "ethnicity", "address", "authority", "english_name", "nationality", "id_number")
# Cc control, Cf format (bidi controls, zero-width joiners, BOM), Cs surrogates, Zl/Zp separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_PADDING = " \t\r\n\x00\u3000"


def bad_data(field: str) -> CardReaderError:
    """The error for a card field that is not sound (names the field, never its value)."""
    return CardReaderError("card.bad_data", detail=f"field {field}")


def has_refused_characters(text: str) -> bool:
    """Whether `text` holds a control, format (bidi), surrogate or separator character."""
    return any(unicodedata.category(char) in _REFUSED_CATEGORIES for char in text)


def checked_card(card: CardData, today: _dt.date | None = None) -> CardData:
    """`card` normalised, or CardReaderError (card.bad_data / card.id_invalid) saying which field is wrong."""
    texts = {}
    for name in TEXT_FIELDS:
        # Padding goes first (a reader's fixed-width fields end in NULs); what is left must be clean.
        value = getattr(card, name).strip(_PADDING)
        if has_refused_characters(value):
            raise bad_data(name)
        texts[name] = value
    if not texts["name"]:
        raise bad_data("name")
    if card.sex not in ("M", "F"):
        raise bad_data("sex")
    texts["id_number"] = _checked_number(texts["id_number"], card, today)
    if card.valid_until is not None and card.valid_until < card.valid_from:
        raise bad_data("valid_until (before valid_from)")
    return dataclasses.replace(card, **texts)


def _checked_number(raw: str, card: CardData, today: _dt.date | None) -> str:
    number = idn.normalise(raw)
    if card.kind == CardKind.FOREIGN_PERMANENT and len(number) == 15:
        try:
            return idn.validate_foreign_2017(number)
        except ValidationError:
            raise CardReaderError("card.id_invalid", detail="foreign card number format") from None
    try:
        number = idn.validate(number, today=today)
    except ValidationError as error:
        raise CardReaderError("card.id_invalid", detail=error.code) from None
    # The number carries the birth date and sex: a card whose fields disagree with it was misread
    # (or is not genuine) and must not pre-fill a form.
    if idn.birth_date(number) != card.birth_date:
        raise bad_data("birth (differs from the ID number)")
    if idn.sex(number) != card.sex:
        raise bad_data("sex (differs from the ID number)")
    return number
