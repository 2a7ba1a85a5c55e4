"""What the speech service says about itself and about sensitive numbers.

Registers the `speech.*` message codes (both locales, same placeholders) and
provides `spell_sensitive()`.

Decision on sensitive numbers (ID number, mobile number): on an open speaker
the kiosk says what was entered and how many characters, and asks the
resident to check the screen — no digit at all, not even the last four.  A
queue stands a metre away; the last four digits plus a name heard on the
previous screen are enough to narrow a person down, and the screen already
shows the masked number.  Only when the station config says a private headset
is in use are the characters read one by one, in the groups people use
(ID: 6-8-4, region / birth date / sequence and check; mobile: 3-4-4), with
Chinese digit words so espeak-ng does not read "110105" as a quantity, and
幺 for 1 as Chinese service lines do.
"""

from __future__ import annotations

import re

from kiosk.messages import message_text, register

register({
    "speech.ok": {"zh_CN": "语音播报正常。", "en": "Voice guidance is working."},
    "speech.no_engine": {
        "zh_CN": "没有安装语音引擎，语音播报已关闭。",
        "en": "The speech engine is not installed; voice guidance is off.",
    },
    "speech.no_voice": {
        "zh_CN": "缺少语音包，部分语言无法播报。",
        "en": "A voice is missing; some languages cannot be spoken.",
    },
    "speech.engine_failed": {
        "zh_CN": "语音引擎出错，语音播报暂时不可用。",
        "en": "The speech engine failed; voice guidance is unavailable for now.",
    },
    "speech.no_sound_device": {
        "zh_CN": "没有可用的声音设备，语音播报已关闭。",
        "en": "No sound device is available; voice guidance is off.",
    },
    "speech.sensitive.id_number": {
        "zh_CN": "身份证号码已输入{count}位，请在屏幕上核对。",
        "en": "ID number entered: {count} characters. Please check it on the screen.",
    },
    "speech.sensitive.mobile": {
        "zh_CN": "手机号码已输入{count}位，请在屏幕上核对。",
        "en": "Mobile number entered: {count} digits. Please check it on the screen.",
    },
    "speech.sensitive.number": {
        "zh_CN": "号码已输入{count}位，请在屏幕上核对。",
        "en": "Number entered: {count} characters. Please check it on the screen.",
    },
    "speech.spell.id_number": {
        "zh_CN": "您输入的身份证号码是：{digits}。",
        "en": "The ID number you entered is: {digits}.",
    },
    "speech.spell.mobile": {
        "zh_CN": "您输入的手机号码是：{digits}。",
        "en": "The mobile number you entered is: {digits}.",
    },
    "speech.spell.number": {
        "zh_CN": "您输入的号码是：{digits}。",
        "en": "The number you entered is: {digits}.",
    },
})

_ZH_DIGITS = "零幺二三四五六七八九"
_GROUPS = {"id_number": (6, 8, 4), "mobile": (3, 4, 4)}
KINDS = ("id_number", "mobile", "number")


def sensitive_kind(value: str) -> str:
    """Guess what a number is: "id_number", "mobile" or "number"."""
    if re.fullmatch(r"\d{17}[\dX]", value):
        return "id_number"
    if re.fullmatch(r"1\d{10}", value):
        return "mobile"
    return "number"


def spell_sensitive(value: str, locale: str, private_headset: bool, kind: str | None = None) -> str:
    """The text to speak about a sensitive number the resident entered.

    Without a private headset the text holds no character of `value` (only
    its kind and length) and may be cached.  With one, it spells `value` out:
    pass it to `Speaker.say(..., personal=True)` so it is never cached."""
    chars = re.sub(r"[\s\-]", "", value or "").upper()
    kind = kind or sensitive_kind(chars)
    if kind not in KINDS:
        raise ValueError(f"unknown kind of number {kind!r}")
    if not private_headset:
        return message_text(f"speech.sensitive.{kind}", locale, count=len(chars))
    sizes = _GROUPS.get(kind) or (4,) * ((len(chars) + 3) // 4)
    groups, pos = [], 0
    for size in sizes:
        if pos < len(chars):
            groups.append(chars[pos : pos + size])
        pos += size
    if pos < len(chars):
        groups.append(chars[pos:])
    zh = locale.startswith("zh")
    words = [" ".join(_ZH_DIGITS[int(c)] if zh and c.isdigit() else c for c in group) for group in groups]
    return message_text(f"speech.spell.{kind}", locale, digits=("，" if zh else ", ").join(words))
