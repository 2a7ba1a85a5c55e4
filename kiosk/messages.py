"""Texts for people, for every error and notice code, in each supported locale.

The core cannot use Qt's translator, so its messages live here as data: one
entry a code, one template a locale, `{placeholders}` filled from the error's
params.  `devices/`, `sync/` and `ui/` add their own codes with `register()`.
A test checks that every entry has every locale and the same placeholders.
"""

from __future__ import annotations

import string
from typing import Any, Mapping

LOCALES = ("zh_CN", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "kiosk.error": {"zh_CN": "出现问题，请联系工作人员。", "en": "Something went wrong. Please ask a helper."},
    # config
    "config.invalid": {"zh_CN": "配置错误：{key}：{problem}", "en": "Configuration error: {key}: {problem}"},
    "config.unreadable": {"zh_CN": "无法读取配置文件 {path}：{problem}", "en": "Cannot read the config file {path}: {problem}"},
    # store
    "store.failed": {"zh_CN": "本机存储出错，请联系工作人员。", "en": "The kiosk's storage failed. Please ask a helper."},
    "store.disk_full": {
        "zh_CN": "本机存储空间已满，您的资料没有丢失，请联系工作人员。",
        "en": "The kiosk's storage is full. Nothing you entered is lost; please ask a helper.",
    },
    "store.crypto": {"zh_CN": "加密数据无法读取，请联系工作人员。", "en": "Encrypted data cannot be read. Please ask a helper."},
    "store.key_missing": {"zh_CN": "密钥文件 {path} 无法使用：{problem}", "en": "The key file {path} cannot be used: {problem}"},
    "store.key_lost": {
        "zh_CN": "密钥文件 {path} 不见了，而数据库 {database} 中有只有该密钥才能打开的加密申请。"
                 "请从与数据库一同备份的 keys/store.key 恢复 {path} 后再启动；不要删除数据库。",
        "en": "The key file {path} is missing, and the database {database} holds sealed applications that only "
              "that key opens. Restore {path} from the backup of keys/store.key made with the database, then "
              "start again. Do not delete the database.",
    },
    "store.key_lost_unreadable": {
        "zh_CN": "密钥文件 {path} 不见了，而数据库 {database} 无法读取（{problem}），无法确认其中是否有加密申请。"
                 "请先从备份恢复 {path}（以及损坏的数据库）后再启动；本程序不会在它旁边新建密钥。",
        "en": "The key file {path} is missing, and the database {database} cannot be read ({problem}) to tell "
              "whether it holds sealed applications. Restore {path} (and the database, if damaged) from the backup, "
              "then start again; no new key is made beside it.",
    },
    "store.wrong_key": {
        "zh_CN": "密钥文件 {path} 不是加密数据库 {database} 时所用的密钥。"
                 "请从与数据库一同备份的 keys/store.key 恢复原密钥到 {path} 后再启动。",
        "en": "The key file {path} is not the key the database {database} was sealed with. Restore the original "
              "key to {path} from the backup of keys/store.key made with the database, then start again.",
    },
    "store.corrupt": {
        "zh_CN": "数据库 {path} 已损坏（{problem}）。请保留该文件，并从备份（连同其密钥文件）恢复数据库后再启动。",
        "en": "The database {path} is damaged ({problem}). Keep the file, restore the database (with its key "
              "file) from the backup, then start again.",
    },
    "store.sequence_unusable": {
        "zh_CN": "申请编号记录文件 {path} 无法使用：{problem}。它保证编号不重复，须与密钥放在同一个本程序可写的文件夹中。",
        "en": "The application-number record {path} cannot be used: {problem}. It keeps numbers from repeating "
              "and must sit beside the key, in a folder this program can write.",
    },
    "store.too_new": {
        "zh_CN": "数据库版本 {found} 比本程序支持的 {supported} 新，请升级程序。",
        "en": "The database is version {found}, newer than this program supports ({supported}). Please upgrade.",
    },
    # catalog
    "catalog.invalid": {"zh_CN": "服务目录无效：{problem}", "en": "The service catalog is invalid: {problem}"},
    "catalog.unknown_service": {"zh_CN": "没有找到服务 {service}。", "en": "No service called {service}."},
    # appointment codes shown to the camera
    "appointment.unknown_service": {
        "zh_CN": "这个预约的事项本驿站不能办理，请联系工作人员。",
        "en": "This appointment is for a service this station does not offer. Please ask a helper.",
    },
    "appointment.other_day": {
        "zh_CN": "这个预约是 {day} 的，不是今天。您也可以直接点选要办理的事项。",
        "en": "This appointment is for {day}, not today. You can also touch the service you need.",
    },
    # fields
    "field.invalid": {"zh_CN": "这一项填写有误。", "en": "This answer is not valid."},
    "field.required": {"zh_CN": "这一项必须填写。", "en": "This answer is required."},
    "id.length": {
        "zh_CN": "身份证号码应为18位，您输入了{count}位。",
        "en": "An ID number has 18 characters; you entered {count}.",
    },
    "id.chars": {
        "zh_CN": "身份证号码前17位只能是数字，最后一位是数字或X。",
        "en": "The first 17 characters of an ID number are digits; the last is a digit or X.",
    },
    "id.region": {"zh_CN": "身份证号码的地区代码不正确。", "en": "The region code of this ID number is not valid."},
    "id.birth_date": {
        "zh_CN": "身份证号码中的出生日期不正确。",
        "en": "The birth date inside this ID number is not a real date.",
    },
    "id.check_digit": {
        "zh_CN": "身份证号码校验位不对，请核对每一位数字。",
        "en": "The ID number's check digit does not match. Please check each digit.",
    },
    "id.foreign_format": {
        "zh_CN": "外国人永久居留身份证号码应为3个字母加12位数字。",
        "en": "A permanent-residence card number has 3 letters and 12 digits.",
    },
    "mobile.invalid": {
        "zh_CN": "手机号码应为1开头的11位数字。",
        "en": "A mobile number has 11 digits and starts with 1.",
    },
    "date.invalid": {"zh_CN": "请按 年-月-日 填写真实的日期。", "en": "Please enter a real date as year-month-day."},
    "date.range": {"zh_CN": "日期应在 {earliest} 和 {latest} 之间。", "en": "The date must be between {earliest} and {latest}."},
    "choice.invalid": {"zh_CN": "请从给出的选项中选择一项。", "en": "Please pick one of the options shown."},
    "text.too_short": {"zh_CN": "至少需要{min}个字。", "en": "Please enter at least {min} characters."},
    "text.too_long": {"zh_CN": "最多{max}个字。", "en": "Please enter at most {max} characters."},
    "text.chars": {"zh_CN": "这一项含有不允许的字符。", "en": "This answer contains characters that are not allowed."},
    "photo.missing": {"zh_CN": "请拍摄所需材料的照片。", "en": "Please photograph the required document."},
    "photo.too_large": {"zh_CN": "照片太大，请重新拍摄。", "en": "The photo is too large. Please take it again."},
    # session
    "session.bad_state": {"zh_CN": "现在不能进行这一步。", "en": "This step is not possible now."},
    "session.identity_required": {
        "zh_CN": "这项服务需要先核验身份。",
        "en": "This service needs your identity checked first.",
    },
    # identity bound to the application
    "identity.card_field": {
        "zh_CN": "这一项来自您刚才读取的证件，不能修改。如需为他人办理，请联系工作人员。",
        "en": "This comes from the card you placed and cannot be changed. To apply for someone else, "
              "please ask a helper.",
    },
    "identity.typed_field": {
        "zh_CN": "这是您开始时输入的身份证号码。如需更改，请返回身份核验那一步重新输入。",
        "en": "This is the ID number you typed at the start. To change it, go back to the identity step "
              "and type it again.",
    },
    "identity.mismatch": {
        "zh_CN": "申请里的身份信息与核验的身份不一致，不能提交。请联系工作人员。",
        "en": "The identity in this application differs from the one that was checked, so it cannot be "
              "submitted. Please ask a helper.",
    },
    "identity.from_card": {"zh_CN": "来自您的证件，不能修改", "en": "From your card; cannot be changed"},
    "identity.from_typed_number": {
        "zh_CN": "您开始时输入的号码；如需更改，请返回上一步",
        "en": "The number you typed at the start; to change it, go back",
    },
    "card.expired": {
        "zh_CN": "这张证件已过有效期，请使用有效证件，或联系工作人员。",
        "en": "This card has expired. Please use a valid card or ask a helper.",
    },
    "card.photo_unavailable": {  # any reader: no vendor photo decoder, or a card without a photo
        "zh_CN": "证件照片暂时无法显示，将通过摄像头和工作人员核对身份。",
        "en": "The card photo cannot be shown; the camera and a helper will confirm who you are.",
    },
    # guided (帮办) and proxy (代办) applications, corrections, outreach (kiosk/assisted_visit.py)
    "guided.helper_required": {
        "zh_CN": "需要工作人员登录后才能开始协助办理。", "en": "A helper must be signed in to start a guided application.",
    },
    "outreach.helper_required": {
        "zh_CN": "上门服务：请工作人员先登录，再开始办理。",
        "en": "Outreach: a helper must sign in before a service can start.",
    },
    "proxy.not_allowed": {
        "zh_CN": "“{service}”不能由他人代办，需要申请人本人办理。",
        "en": "“{service}” cannot be done by an agent: the applicant must come in person.",
    },
    "proxy.card_required": {
        "zh_CN": "代办需要读取代理人本人的身份证，请把您的身份证放在读卡区。",
        "en": "An agent's own ID card must be read. Please place your ID card on the reader.",
    },
    "proxy.same_person": {
        "zh_CN": "这是代理人本人的号码，不是委托人的。",
        "en": "This is the agent's own number.",
    },
    "proxy.principal_field": {
        "zh_CN": "这一项是委托人的信息，来自前面填写的委托人姓名和身份证号码。如需更改，请修改委托人信息。",
        "en": "This is the principal's, taken from the principal's name and ID number entered before. "
              "To change it, change the principal's details.",
    },
    "proxy.from_principal": {
        "zh_CN": "来自委托人信息", "en": "From the principal's details",
    },
    "correction.not_correctable": {
        "zh_CN": "这份申请现在不需要更正（可能已重新发送、已作废或已更正）。",
        "en": "This application does not wait for a correction any more (it was resent, discarded or "
              "corrected already).",
    },
    "correction.other_person": {
        "zh_CN": "这份更正只能由原申请人本人（或原代理人）办理，这张证件不是原来核验的那一张。",
        "en": "Only the person of the original application (or its agent) can correct it; this card is not "
              "the one checked then.",
    },
    "consent.required": {
        "zh_CN": "提交前请申请人确认：再次放置身份证，或在屏幕上签名。",
        "en": "Before submitting, the applicant confirms: place the ID card again, or sign on the screen.",
    },
    "consent.other_card": {
        "zh_CN": "这不是刚才核验的那张证件。请放置本人的身份证，或在屏幕上签名。",
        "en": "This is not the card checked at the start. Please place your own ID card, or sign on the screen.",
    },
    "consent.no_card_verified": {
        "zh_CN": "开始时没有读取证件，请在屏幕上签名确认。",
        "en": "No card was read at the start: please sign on the screen to confirm.",
    },
    "signature.too_short": {
        "zh_CN": "签名太短了，请用手指在框内写下您的姓名。",
        "en": "The signature is too short. Please write your name inside the box with your finger.",
    },
    "signature.invalid": {
        "zh_CN": "签名无法保存，请清除后重新签名。", "en": "The signature cannot be kept. Please clear it and sign again.",
    },
    # audit
    "audit.broken": {
        "zh_CN": "审计日志在第 {row} 条被改动。",
        "en": "The audit log was altered at entry {row}.",
    },
    # devices (generic)
    "device.failed": {"zh_CN": "设备出现故障，请联系工作人员。", "en": "A device failed. Please ask a helper."},
    "card.read_failed": {"zh_CN": "读卡失败，请重新放置证件。", "en": "The card could not be read. Please place it again."},
    "camera.failed": {"zh_CN": "摄像头无法使用，请联系工作人员。", "en": "The camera is not working. Please ask a helper."},
    "speech.failed": {"zh_CN": "语音播报暂不可用。", "en": "Voice guidance is not available."},
    "printer.failed": {"zh_CN": "打印机无法使用，回执已保存。", "en": "The printer is not working; the receipt was saved."},
    "sync.failed": {"zh_CN": "与中心的同步失败，稍后会自动重试。", "en": "Sync with the centre failed; it will retry by itself."},
}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add message codes from another package (devices, sync, ui)."""
    for code, texts in messages.items():
        _MESSAGES[code] = dict(texts)


def all_messages() -> dict[str, dict[str, str]]:
    """A copy of every registered message (for the completeness test)."""
    return {code: dict(texts) for code, texts in _MESSAGES.items()}


def placeholders(template: str) -> set[str]:
    """The `{names}` a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def message_text(code: str, locale: str = "zh_CN", **params: Any) -> str:
    """The text for `code` in `locale`, falling back to English, then to the code."""
    texts = _MESSAGES.get(code) or _MESSAGES["kiosk.error"]
    template = texts.get(locale) or texts.get("en") or code
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
