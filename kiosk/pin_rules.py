"""What makes a helper's PIN (and helper number) acceptable, checked before anything is hashed.

A PIN is 6 to 12 digits (typed on the kiosk's keypad) and not one somebody would guess first: not
one digit repeated (000000), not a run up or down (123456, 654321, 890123 counts too: it wraps
round from 9 to 0), not a short block repeated (121212, 123123, 20082008), not the helper's own number (nor
containing it, for numbers of 4 digits or more), and not one of the well-known PINs people choose
(520520, 147258, ...).  The lockout (kiosk/sign_in.py) is what really stops guessing; these rules
keep the first five guesses from being enough.  `check()` raises ValidationError whose code says
which rule was broken, in words for IT (`waystation helpers`) and for the screen.
"""

from __future__ import annotations

import re

from kiosk import messages
from kiosk.errors import ValidationError

MIN_LENGTH = 6
MAX_LENGTH = 12
NUMBER = re.compile(r"[0-9]{3,8}")  # a helper number: what the sign-in keypad takes
# Chosen often enough to be tried first (lists of leaked PINs; Chinese number puns: 520 "I love you",
# 1314 "for ever", 168 "on the road to wealth").  The patterns above cover 123456, 111111, 121212 ...
WELL_KNOWN = frozenset({
    "123321", "112233", "111222", "666888", "888666", "168168", "520520", "520131", "521521", "131452",
    "131420", "147258", "258369", "147852", "159753", "159357", "753951", "147369", "369258", "852456",
    "100200", "110110", "119119", "120120", "123654", "321456", "123789", "789456", "456789123",
    "147258369", "123456789", "1234567890", "5201314", "1314520", "20080808", "19491001",
})

messages.register({
    "pin.digits_only": {"zh_CN": "密码只能由数字组成。", "en": "A PIN has digits only."},
    "pin.too_short": {"zh_CN": "密码至少要 {min} 位数字。", "en": "A PIN has at least {min} digits."},
    "pin.too_long": {"zh_CN": "密码最多 {max} 位数字。", "en": "A PIN has at most {max} digits."},
    "pin.trivial": {
        "zh_CN": "这个密码太容易被猜到（相同数字、连续数字、重复的几位或常见密码），请换一个。",
        "en": "This PIN is too easy to guess (one digit repeated, a run like 123456, a short block repeated, "
              "or a common PIN). Please choose another.",
    },
    "pin.is_number": {
        "zh_CN": "密码不能是或包含工号。", "en": "A PIN must not be, or contain, the helper number.",
    },
    "pin.mismatch": {"zh_CN": "两次输入的密码不一致。", "en": "The two PINs typed are not the same."},
    "helper.bad_number": {
        "zh_CN": "工号应为 3 到 8 位数字。", "en": "A helper number has 3 to 8 digits.",
    },
})


def check_number(number: str) -> str:
    """The helper number, if it is 3 to 8 digits; else ValidationError helper.bad_number."""
    if not isinstance(number, str) or not NUMBER.fullmatch(number):
        raise ValidationError("helper.bad_number", field="number")
    return number


def check(pin: str, number: str = "") -> None:
    """Refuse a PIN that breaks a rule (ValidationError, field "pin"); return quietly otherwise."""
    if not isinstance(pin, str) or not pin.isascii() or not pin.isdigit():
        raise ValidationError("pin.digits_only", field="pin")
    if len(pin) < MIN_LENGTH:
        raise ValidationError("pin.too_short", field="pin", min=MIN_LENGTH)
    if len(pin) > MAX_LENGTH:
        raise ValidationError("pin.too_long", field="pin", max=MAX_LENGTH)
    if number and (pin == number or (len(number) >= 4 and number in pin)):
        raise ValidationError("pin.is_number", field="pin")
    if is_trivial(pin):
        raise ValidationError("pin.trivial", field="pin")


def is_trivial(pin: str) -> bool:
    """One digit repeated, a run up or down (wrapping 9 → 0), a block of 2 to 4 digits repeated, or well known."""
    digits = [int(ch) for ch in pin]
    steps = {(b - a) % 10 for a, b in zip(digits, digits[1:])}
    if len(steps) <= 1 and steps <= {0, 1, 9}:
        return True  # 000000 (step 0), 123456 / 890123 (step 1), 654321 (step 9)
    if any(len(pin) >= 2 * size and pin == (pin[:size] * len(pin))[:len(pin)] for size in (2, 3, 4)):
        return True  # 121212, 1212121, 123123, 100100, 20082008
    return pin in WELL_KNOWN
